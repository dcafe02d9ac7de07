/**
 * Playing one move with chess.js, without the work its public `move()` does twice over.
 *
 * chess.js stays the judge of legality: every move played here comes out of chess.js's own legal
 * move generator and is made by its own `_makeMove`. What is skipped is bookkeeping the room does not
 * use. `Chess.move(san)` computes the SAN of every legal move of the named piece type (each one made,
 * tested for check and unmade) until one matches, and then builds a `Move` object, which generates
 * every legal move of the side *again* for the SAN's disambiguation, makes the move once more for the
 * `after` FEN and computes the `before` FEN. In the room that was ≈ 40 % of the server's CPU per move
 * (docs/benchmarks.md, chess).
 *
 * Here, for a SAN, the pseudo-legal moves of that piece type are generated and only those that land
 * on the named square (and promote to the named piece) are tested for legality and have their SAN
 * computed; for `{from, to}` only the moves of the piece on `from` are generated, and only the one
 * to `to` is tested. The answer is the same move `Chess.move()` would play, with the same
 * SAN, LAN and FEN after it; anything this path does not recognise (a permissive spelling such as
 * "e2e4" or "Pe4", or an illegal move) is handed to `Chess.move()` itself, which parses or refuses it
 * as before. tests/shared/chess/play.test.ts checks the equivalence against `Chess.move()` move by
 * move over random games.
 *
 * It calls chess.js's private methods (as chess.js's own `Move` class does); package.json pins the
 * exact chess.js version for that reason, and the equivalence test is what an upgrade must pass.
 */
import type { Chess, PieceSymbol, Square } from "chess.js";

/** What the rules need from a played move: the fields of chess.js's `Move` that game.ts reads. */
export interface PlayedMove {
  readonly from: Square;
  readonly to: Square;
  readonly piece: PieceSymbol;
  readonly captured?: PieceSymbol;
  readonly promotion?: PieceSymbol;
  readonly san: string;
  readonly lan: string; // from + to + promotion, e.g. "e7e8q"
  readonly after: string; // FEN after the move
}

/** chess.js's internal move: squares are 0x88 indices. */
interface InternalMove {
  readonly color: "w" | "b";
  readonly from: number;
  readonly to: number;
  readonly piece: PieceSymbol;
  readonly captured?: PieceSymbol;
  readonly promotion?: PieceSymbol;
  readonly flags: number;
}

/** The private chess.js 1.4 methods used here (see the file comment). */
interface ChessInternals {
  _moves(options: { legal?: boolean; piece?: PieceSymbol; square?: string }): InternalMove[];
  _moveToSan(move: InternalMove, moves: InternalMove[]): string;
  _makeMove(move: InternalMove): void;
  _undoMove(): unknown;
  _isKingAttacked(color: "w" | "b"): boolean;
  _incPositionCount(): void;
  fen(): string;
}

/**
 * The moves of `pseudo` (chess.js's pseudo-legal moves: castling already checked) that pass `keep`
 * and do not leave the mover's king attacked: chess.js's own legality filter (`_moves`, legal:
 * true), run only on the few candidates a move names instead of on every move generated.
 */
function legalOf(c: ChessInternals, pseudo: InternalMove[], keep: (m: InternalMove) => boolean): InternalMove[] {
  const out: InternalMove[] = [];
  for (const m of pseudo) {
    if (!keep(m)) continue;
    c._makeMove(m);
    if (!c._isKingAttacked(m.color)) out.push(m);
    c._undoMove();
  }
  return out;
}

const SQUARE = /^[a-h][1-8]$/;
const PROMOTION = /^[nbrq]$/;
/** The square (and promotion piece) a non-castling SAN ends with, once decorations are stripped. */
const SAN_TAIL = /([a-h][1-8])([NBRQ])?$/;

function algebraic(square: number): Square {
  return `${"abcdefgh"[square & 0xf]}${8 - (square >> 4)}` as Square;
}

/** chess.js's `strippedSan`: drop "=" and a trailing check/mate sign and annotations. */
function stripped(san: string): string {
  return san.replace(/=/, "").replace(/[+#]?[?!]*$/, "");
}

/** chess.js's `inferPieceType`: which piece type a SAN names (undefined: could be any). */
function pieceOf(san: string): PieceSymbol | undefined {
  const first = san.charAt(0);
  if (first >= "a" && first <= "h") return /[a-h]\d.*[a-h]\d/.test(san) ? undefined : "p";
  const lower = first.toLowerCase();
  if (lower === "o") return "k";
  return lower as PieceSymbol;
}

function isCastle(m: InternalMove): boolean {
  return m.piece === "k" && Math.abs((m.from & 0xf) - (m.to & 0xf)) === 2;
}

/** The legal move a strict SAN names, or null (then chess.js's permissive parser decides). */
function fromSan(c: ChessInternals, input: string): { move: InternalMove; san: string } | null {
  let clean = stripped(input);
  if (clean === "0-0") clean = "O-O";
  else if (clean === "0-0-0") clean = "O-O-O";
  const castle = clean === "O-O" || clean === "O-O-O";
  const tail = castle ? null : SAN_TAIL.exec(clean);
  if (!castle && tail === null) return null;
  // a SAN ends with its target square and promotion piece: only those moves can match, and only
  // they matter for its disambiguation (other pieces of the same type reaching the same square)
  const to = tail?.[1];
  const promotion = tail?.[2]?.toLowerCase();
  const pseudo = c._moves({ legal: false, piece: pieceOf(clean) });
  const moves = legalOf(c, pseudo, castle ? isCastle : (m) => algebraic(m.to) === to && m.promotion === promotion);
  for (const m of moves) {
    const san = c._moveToSan(m, moves);
    if (stripped(san) === clean) return { move: m, san };
  }
  return null;
}

/** The legal move from `from` to `to` (chess.js's object form: same match rule), or null. */
function fromSquares(c: ChessInternals, from: string, to: string, promotion: string | undefined): { move: InternalMove; san: string } | null {
  const m = legalOf(c, c._moves({ legal: false, square: from }), (x) => algebraic(x.to) === to && (x.promotion === undefined || x.promotion === promotion))[0];
  if (m === undefined) return null;
  // SAN disambiguation looks at the other pieces of the same type that reach `to`
  const peers = m.piece === "p" || m.piece === "k" ? [m] : legalOf(c, c._moves({ legal: false, piece: m.piece }), (x) => x.to === m.to);
  return { move: m, san: c._moveToSan(m, peers) };
}

function toPlayed(c: ChessInternals, m: InternalMove, san: string): PlayedMove {
  c._makeMove(m);
  c._incPositionCount();
  const from = algebraic(m.from);
  const to = algebraic(m.to);
  return {
    from,
    to,
    piece: m.piece,
    ...(m.captured !== undefined ? { captured: m.captured } : {}),
    ...(m.promotion !== undefined ? { promotion: m.promotion } : {}),
    san,
    lan: `${from}${to}${m.promotion ?? ""}`,
    after: c.fen(),
  };
}

/** The PlayedMove fields of a chess.js `Move`. */
export function asPlayed(m: ReturnType<Chess["move"]>): PlayedMove {
  return {
    from: m.from,
    to: m.to,
    piece: m.piece,
    ...(m.captured !== undefined ? { captured: m.captured } : {}),
    ...(m.promotion !== undefined ? { promotion: m.promotion } : {}),
    san: m.san,
    lan: m.lan,
    after: m.after,
  };
}

/**
 * Play `input` on `chess` if it is legal; null (and the position unchanged) if not. The same move,
 * SAN, LAN and resulting position as `chess.move(input)`, which throws where this returns null.
 */
export function playMove(chess: Chess, input: string | { from: string; to: string; promotion?: string }): PlayedMove | null {
  const c = chess as unknown as ChessInternals;
  const found =
    typeof input === "string"
      ? fromSan(c, input)
      : SQUARE.test(input.from) && SQUARE.test(input.to) && (input.promotion === undefined || PROMOTION.test(input.promotion))
        ? fromSquares(c, input.from, input.to, input.promotion)
        : null;
  if (found !== null) return toPlayed(c, found.move, found.san);
  try {
    return asPlayed(chess.move(input)); // permissive spellings, and the refusal of illegal moves
  } catch {
    return null;
  }
}

/** Does the side to move have a legal move starting on `square`? (No SAN is computed.) */
export function hasMoveFrom(chess: Chess, square: Square): boolean {
  return (chess as unknown as ChessInternals)._moves({ legal: true, square }).length > 0;
}

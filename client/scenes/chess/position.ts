/**
 * What the board shows, computed from FENs with chess.js (pure; the same library the server's
 * rules use, so the hints can never disagree with what the room accepts): pieces by square, the
 * legal moves of the side to move, the king in check, and the position after a move that was sent
 * but not yet confirmed.
 */
import { Chess, type Move, type Square } from "chess.js";
import type { PieceColor, PieceType } from "./pieceArt.js";

export type { Square };

export interface PlacedPiece {
  square: Square;
  color: PieceColor;
  type: PieceType;
}

export interface MoveIntent {
  from: Square;
  to: Square;
  promotion?: "q" | "r" | "b" | "n";
}

export const FILES = "abcdefgh";

export function isSquare(value: string): value is Square {
  return /^[a-h][1-8]$/.test(value);
}

/** 0-based file (a=0) and rank (1=0) of a square. */
export function squareCoords(square: Square): { file: number; rank: number } {
  return { file: square.charCodeAt(0) - 97, rank: square.charCodeAt(1) - 49 };
}

export function squareName(file: number, rank: number): Square {
  return `${FILES[file]}${rank + 1}` as Square;
}

/** Whether a square is a light one (h1 is light). */
export function isLightSquare(square: Square): boolean {
  const { file, rank } = squareCoords(square);
  return (file + rank) % 2 === 1;
}

/** A position the board can draw and the player can move in. */
export class Position {
  readonly chess: Chess;

  constructor(readonly fen: string) {
    this.chess = new Chess(fen);
  }

  turn(): "white" | "black" {
    return this.chess.turn() === "w" ? "white" : "black";
  }

  pieces(): PlacedPiece[] {
    const out: PlacedPiece[] = [];
    for (const row of this.chess.board()) {
      for (const cell of row) if (cell) out.push({ square: cell.square, color: cell.color, type: cell.type });
    }
    return out;
  }

  pieceAt(square: Square): PlacedPiece | null {
    const p = this.chess.get(square);
    return p ? { square, color: p.color, type: p.type } : null;
  }

  /** Legal moves from `square` for the side to move (empty for the other side's pieces). */
  movesFrom(square: Square): Move[] {
    return this.chess.moves({ square, verbose: true });
  }

  /**
   * Premove destinations of the piece on `square` for `color` while the opponent is to move: the
   * moves it would have if it were `color`'s turn in this position (no en passant). The opponent's
   * reply may make the premove illegal; it is then dropped when its turn comes (as on lichess).
   */
  premovesFrom(square: Square, color: "white" | "black"): Move[] {
    const piece = this.chess.get(square);
    if (!piece || (piece.color === "w") !== (color === "white")) return [];
    const fields = this.fen.split(" ");
    fields[1] = color === "white" ? "w" : "b";
    fields[3] = "-";
    try {
      return new Chess(fields.join(" ")).moves({ square, verbose: true });
    } catch {
      return []; // not a position chess.js accepts with that side to move
    }
  }

  /** The square of the side to move's king when it is in check. */
  checkSquare(): Square | null {
    if (!this.chess.inCheck()) return null;
    return this.chess.findPiece({ type: "k", color: this.chess.turn() })[0] ?? null;
  }

  /** The position after `intent`, with the move's SAN; null when illegal here. */
  after(intent: MoveIntent): { position: Position; san: string; uci: string } | null {
    const copy = new Chess(this.fen);
    try {
      const m = copy.move({ from: intent.from, to: intent.to, ...(intent.promotion ? { promotion: intent.promotion } : {}) });
      return { position: new Position(copy.fen()), san: m.san, uci: `${m.from}${m.to}${m.promotion ?? ""}` };
    } catch {
      return null; // chess.js throws on an illegal move
    }
  }
}

export interface Ply {
  fen: string; // position after the ply (index 0: the start)
  uci: string; // the ply as UCI ("" for the start)
}

/** The position after each ply, from the standard start (index 0 = start, i = after ply i). */
export function replayPlies(moves: readonly string[], startFen?: string): Ply[] {
  const chess = startFen ? new Chess(startFen) : new Chess();
  const plies: Ply[] = [{ fen: chess.fen(), uci: "" }];
  for (const san of moves) {
    let m: Move;
    try {
      m = chess.move(san);
    } catch {
      break; // cannot happen with the room's canonical SAN; stop rather than show nonsense
    }
    plies.push({ fen: chess.fen(), uci: `${m.from}${m.to}${m.promotion ?? ""}` });
  }
  return plies;
}

/** UCI "e7e8q" → its two squares (for highlighting); null for "" or garbage. */
export function uciSquares(uci: string): [Square, Square] | null {
  const from = uci.slice(0, 2);
  const to = uci.slice(2, 4);
  return isSquare(from) && isSquare(to) ? [from, to] : null;
}

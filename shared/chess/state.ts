/**
 * The state of one chess game and the vocabulary its commands speak (events, outcomes, results).
 *
 * A ChessGame is a mutable object that owns a chess.js `Chess` instance: copying a position per move
 * would cost more than the move itself, and the room holds exactly one game. It is still pure data
 * plus pure functions: nothing here reads a clock, draws a random number or does I/O. The rules
 * (game.ts, draws.ts) mutate it only when a command succeeds; a rejected command changes nothing.
 *
 * What survives a restart is not this object but the stored SAN moves and the time each was played:
 * `replay()` rebuilds an identical game from them (see game.ts).
 */
import { Chess, DEFAULT_POSITION, validateFen } from "chess.js";
import { ok, reject, type Result } from "../core/errors.js";
import type { Rng } from "../core/rng.js";
import { createClock, type Clock } from "./clock.js";
import { fromChessJs, opposite, type Color } from "./color.js";
import type { TimeControl } from "./timeControl.js";

export type GameStatus = "waiting" | "playing" | "ended";
export type GameResult = "1-0" | "0-1" | "1/2-1/2" | ""; // "" while playing, and for aborted games
export type Termination =
  | "checkmate"
  | "resignation"
  | "stalemate"
  | "threefold"
  | "fifty-move"
  | "fivefold"
  | "seventy-five-move"
  | "insufficient-material"
  | "timeout"
  | "agreement"
  | "abandoned"
  | "aborted";

export interface ChessGame {
  readonly chess: Chess; // the position; mutate only through the rule functions
  readonly startFen: string; // initial position (standard unless created from a FEN)
  readonly timeControl: TimeControl;
  readonly players: { white: string | null; black: string | null }; // user ids; filled by seatPlayer
  status: GameStatus;
  result: GameResult;
  termination: Termination | ""; // why it ended; "" while not ended
  winner: Color | null; // null while playing, on draws and on aborts
  drawOfferBy: Color | ""; // standing draw offer; cleared when its receiver moves or answers
  /** The ply at which each side's last offer was declined (-1: none): no new offer before a move. */
  readonly drawDeclinedAt: { white: number; black: number };
  clock: Clock; // see clock.ts; runs only after both sides have moved once
  readonly moves: string[]; // SAN of every ply, in order; moves.length is the current ply
  readonly uci: string[]; // the same plies as from-to(+promotion), e.g. "e7e8q"
  readonly moveClocks: number[]; // mover's remaining ms right after each ply (PGN %clk)
  readonly moveTimes: number[]; // the `now` each ply was played at (store it: replay needs it)
  fen: string; // current FEN; the en-passant square only when a legal capture exists
  positionKey: string; // FEN minus the move counters: the identity used for repetitions
  halfmoveClock: number; // plies since the last capture or pawn move
  readonly positionCounts: Map<string, number>; // positionKey -> occurrences, including the start
}

export type ChessEvent =
  | { type: "started"; white: string; black: string }
  | {
      type: "moved";
      ply: number; // 0-based index of this move
      color: Color;
      san: string;
      uci: string;
      fen: string; // position after the move
      whiteMs: number; // clocks right after the move
      blackMs: number;
      at: number; // the `now` the move was played at
    }
  | { type: "drawOffered"; by: Color }
  | { type: "drawDeclined"; by: Color } // explicit decline, or the receiver moved instead
  | { type: "ended"; result: GameResult; termination: Termination; winner: Color | null };

/**
 * What a successful command produced. `events` is authoritative: a command that arrives after the
 * sender's (or the opponent's) flag fell ends the game on time instead of being applied, and says
 * so with a lone `ended` event. `duplicate` marks a move re-sent for a ply already played.
 */
export interface Outcome {
  events: ChessEvent[];
  duplicate: boolean;
}

export interface CreateGameOptions {
  timeControl: TimeControl;
  white?: string | null;
  black?: string | null;
  fen?: string; // start position (tests, puzzles); must be valid and not already over
}

/** The key two positions share iff they are the same for repetition (FIDE 9.2.3). */
export function positionKeyOf(fen: string): string {
  let spaces = 0;
  for (let i = 0; i < fen.length; i++) {
    if (fen.charCodeAt(i) === 32 && ++spaces === 4) return fen.slice(0, i);
  }
  return fen;
}

export function createGame(options: CreateGameOptions): Result<ChessGame> {
  const startFen = options.fen?.trim() || DEFAULT_POSITION;
  const check = validateFen(startFen);
  if (!check.ok) return reject("INVALID_OPTIONS", `invalid FEN: ${check.error ?? "unknown error"}`);
  const chess = new Chess(startFen);
  if (chess.isCheckmate() || chess.isStalemate()) return reject("INVALID_OPTIONS", "the start position is already over");
  const fen = chess.fen();
  const positionKey = positionKeyOf(fen);
  const white = options.white ?? null;
  const black = options.black ?? null;
  return ok({
    chess,
    startFen,
    timeControl: options.timeControl,
    players: { white, black },
    status: white !== null && black !== null ? "playing" : "waiting",
    result: "",
    termination: "",
    winner: null,
    drawOfferBy: "",
    drawDeclinedAt: { white: -1, black: -1 },
    clock: createClock(options.timeControl),
    moves: [],
    uci: [],
    moveClocks: [],
    moveTimes: [],
    fen,
    positionKey,
    halfmoveClock: Number(fen.split(" ")[4] ?? 0),
    positionCounts: new Map([[positionKey, 1]]),
  });
}

export function sideToMove(game: ChessGame): Color {
  return fromChessJs(game.chess.turn());
}

/** Number of plies played; also the ply index the next move will get. */
export function plyCount(game: ChessGame): number {
  return game.moves.length;
}

/** The colour `userId` plays, or null for spectators. */
export function colorOf(game: ChessGame, userId: string): Color | null {
  if (game.players.white === userId) return "white";
  if (game.players.black === userId) return "black";
  return null;
}

/** colorOf as a command guard: NOT_A_PLAYER for anyone not seated. */
export function playerColor(game: ChessGame, userId: string): Result<Color> {
  const color = colorOf(game, userId);
  return color === null ? reject("NOT_A_PLAYER", "you are not playing in this game") : ok(color);
}

/**
 * Seat a user. Re-seating a seated user is a no-op (reconnects). The first of two players gets a
 * colour drawn from `rng`; the second gets the other. When both seats are filled the game starts
 * (`started` event); clocks still wait for the first moves.
 */
export function seatPlayer(game: ChessGame, userId: string, rng: Rng): Result<Outcome> {
  if (colorOf(game, userId) !== null) return ok({ events: [], duplicate: false });
  if (game.status !== "waiting") return reject("GAME_FULL", "both seats are taken");
  const { white, black } = game.players;
  const color: Color = white === null && black === null ? (rng.int(0, 1) === 0 ? "white" : "black") : white === null ? "white" : "black";
  game.players[color] = userId;
  const other = game.players[opposite(color)];
  if (other === null) return ok({ events: [], duplicate: false });
  game.status = "playing";
  return ok({ events: [{ type: "started", white: game.players.white!, black: game.players.black! }], duplicate: false });
}

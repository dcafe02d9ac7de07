/**
 * The rules of a game in progress: moves, flags, resignation, abort, abandonment, and rebuilding a
 * game from its stored moves. Draw offers and claims live in draws.ts.
 *
 * Every command takes the game, the acting colour (the room maps users to colours with
 * playerColor) and `now`, and returns Result<Outcome>. A rejection changes nothing. Check order for
 * a move, and why:
 *   1. ply < current  -> a re-sent move: ok + duplicate (or STALE_PLY if it is not that move);
 *                        first, so a retry of a mating move is not answered GAME_OVER
 *   2. not playing    -> GAME_NOT_STARTED / GAME_OVER
 *   3. a flag fell    -> the game ends on time instead (ok, lone `ended` event)
 *   4. wrong side     -> NOT_YOUR_TURN (before legality: a premove is not "illegal")
 *   5. ply > current  -> STALE_PLY
 *   6. chess.js says no -> ILLEGAL_MOVE (play.ts: chess.js's legal moves, without its Move build)
 * After a move, the game ends by itself on checkmate, stalemate, insufficient material (both
 * sides), fivefold repetition and the seventy-five-move rule (FIDE 9.6), in that order.
 */
import { ok, reject, type Result } from "../core/errors.js";
import { flagged, pressClock, remaining, resumeClock, startClock, stopClock } from "./clock.js";
import { opposite, type Color } from "./color.js";
import { hasMatingMaterial } from "./material.js";
import { isStalemateNotInCheck } from "./mobility.js";
import { playMove, type PlayedMove } from "./play.js";
import {
  createGame,
  plyCount,
  positionKeyOf,
  sideToMove,
  type ChessEvent,
  type ChessGame,
  type CreateGameOptions,
  type GameResult,
  type Outcome,
  type Termination,
} from "./state.js";

export type MoveInput = { san: string } | { from: string; to: string; promotion?: string };

/** Plies after which a game can no longer be aborted: each side has moved once. */
const ABORTABLE_PLIES = 2;

function done(events: ChessEvent[], duplicate = false): Result<Outcome> {
  return ok({ events, duplicate });
}

/** End the game now: stop the clock, clear offers, record why. Returns the `ended` event. */
function finish(game: ChessGame, result: GameResult, termination: Termination, now: number): ChessEvent {
  game.clock = stopClock(game.clock, now);
  game.status = "ended";
  game.result = result;
  game.termination = termination;
  game.winner = result === "1-0" ? "white" : result === "0-1" ? "black" : null;
  game.drawOfferBy = "";
  return { type: "ended", result, termination, winner: game.winner };
}

function winFor(color: Color): GameResult {
  return color === "white" ? "1-0" : "0-1";
}

/**
 * If the running side's time is out at `now`, end the game on time: the opponent wins, or it is a
 * draw when the opponent has no mating material (see material.ts). Returns the events (none if
 * nobody flagged). The room calls this when its flag timer (clock.ts msUntilFlag) fires; every
 * command also calls it first.
 */
export function checkFlag(game: ChessGame, now: number): ChessEvent[] {
  if (game.status !== "playing") return [];
  const loser = flagged(game.clock, now);
  if (loser === null) return [];
  const winner = opposite(loser);
  const result = hasMatingMaterial(game.chess, winner) ? winFor(winner) : "1/2-1/2";
  return [finish(game, result, "timeout", now)];
}

/** The common guard: the game must be playing and no flag may have fallen. null = go ahead. */
export function guardPlaying(game: ChessGame, now: number): Result<Outcome> | null {
  if (game.status === "waiting") return reject("GAME_NOT_STARTED", "the game has not started");
  if (game.status === "ended") return reject("GAME_OVER", "the game is over");
  const timeout = checkFlag(game, now);
  return timeout.length > 0 ? done(timeout) : null;
}

/** Is `input` the move recorded at `ply`? Compares canonical SAN (decorations stripped) or UCI. */
function sameMove(game: ChessGame, input: MoveInput, ply: number): boolean {
  const san = game.moves[ply] ?? "";
  const uci = game.uci[ply] ?? "";
  if ("san" in input) {
    const text = input.san.trim().replace(/[+#?!]+$/, "");
    return text === san.replace(/[+#]$/, "") || text === uci;
  }
  // a promotion piece on a move that is not a promotion is ignored (as when it was played)
  const fromTo = `${input.from}${input.to}`;
  return uci.length === 4 ? fromTo === uci : `${fromTo}${input.promotion ?? ""}` === uci;
}

function colorOfPly(game: ChessGame, ply: number): Color {
  const first = game.startFen.split(/\s+/)[1] === "b" ? "black" : "white";
  return ply % 2 === 0 ? first : opposite(first);
}

function playWithChessJs(game: ChessGame, input: MoveInput): PlayedMove | null {
  const played = playMove(game.chess, "san" in input ? input.san : input);
  if (played !== null && played.from === played.to) {
    game.chess.undo(); // "--" parses as a null move in chess.js; not a legal chess move
    return null;
  }
  return played;
}

/**
 * Play a move for `color`. `ply`, if given, is the index the sender believes this move gets (the
 * number of plies it has seen); it makes re-sends idempotent. See the file docblock for the order
 * of checks.
 */
export function move(game: ChessGame, color: Color, input: MoveInput, now: number, ply?: number): Result<Outcome> {
  const current = plyCount(game);
  if (ply !== undefined && ply < current) {
    if (ply >= 0 && colorOfPly(game, ply) === color && sameMove(game, input, ply)) return done([], true);
    return reject("STALE_PLY", `ply ${ply} was already played differently; the game is at ply ${current}`);
  }
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  if (sideToMove(game) !== color) return reject("NOT_YOUR_TURN", "it is not your turn");
  if (ply !== undefined && ply !== current) return reject("STALE_PLY", `the game is at ply ${current}, not ${ply}`);
  const played = playWithChessJs(game, input);
  if (!played) return reject("ILLEGAL_MOVE", `illegal move: ${describe(input)}`);
  return done(afterMove(game, color, played, now));
}

function describe(input: MoveInput): string {
  return "san" in input ? input.san : `${input.from}${input.to}${input.promotion ?? ""}`;
}

/** Bookkeeping once chess.js has made the move: clocks, repetition, offers, automatic endings. */
function afterMove(game: ChessGame, color: Color, played: PlayedMove, now: number): ChessEvent[] {
  const ply = game.moves.length;
  const fen = played.after; // chess.js already computed it (legal en-passant squares only)
  const key = positionKeyOf(fen);
  const seen = (game.positionCounts.get(key) ?? 0) + 1;
  game.positionCounts.set(key, seen);
  game.fen = fen;
  game.positionKey = key;
  game.halfmoveClock = played.captured !== undefined || played.piece === "p" ? 0 : game.halfmoveClock + 1;

  // clocks: nothing runs before both sides have moved once; then every move presses
  if (ply === ABORTABLE_PLIES - 1) game.clock = startClock(game.clock, opposite(color), now);
  else if (ply >= ABORTABLE_PLIES) game.clock = pressClock(game.clock, now).clock; // guard ruled out a flag
  game.moves.push(played.san);
  game.uci.push(played.lan);
  game.moveClocks.push(remaining(game.clock, color, now));
  game.moveTimes.push(now);

  const events: ChessEvent[] = [
    {
      type: "moved",
      ply,
      color,
      san: played.san,
      uci: played.lan,
      fen,
      whiteMs: remaining(game.clock, "white", now),
      blackMs: remaining(game.clock, "black", now),
      at: now,
    },
  ];
  if (game.drawOfferBy === opposite(color)) {
    game.drawOfferBy = ""; // moving instead of answering declines the offer (FIDE 9.1.2.3)
    events.push({ type: "drawDeclined", by: color });
  }
  const ending = automaticEnding(game, played, ply, seen);
  if (ending) events.push(finish(game, ending === "checkmate" ? winFor(color) : "1/2-1/2", ending, now));
  return events;
}

function automaticEnding(game: ChessGame, played: PlayedMove, ply: number, seen: number): Termination | null {
  const san = played.san;
  if (san.endsWith("#")) return "checkmate"; // chess.js marks mate in the SAN it already computed
  if (!san.endsWith("+") && isStalemateNotInCheck(game.chess)) return "stalemate";
  // material only changes on captures and promotions (the first ply covers odd start FENs)
  if ((played.captured || played.promotion || ply === 0) && game.chess.isInsufficientMaterial()) return "insufficient-material";
  if (seen >= 5) return "fivefold";
  if (game.halfmoveClock >= 150) return "seventy-five-move";
  return null;
}

export function resign(game: ChessGame, color: Color, now: number): Result<Outcome> {
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  return done([finish(game, winFor(opposite(color)), "resignation", now)]);
}

/** True while the game may still be aborted: fewer than two plies, not over. */
export function canAbort(game: ChessGame): boolean {
  return game.status !== "ended" && plyCount(game) < ABORTABLE_PLIES;
}

/** Abort: no result, no rating change. Allowed until each side has moved once. */
export function abort(game: ChessGame, _color: Color, now: number): Result<Outcome> {
  if (game.status === "ended") return reject("GAME_OVER", "the game is over");
  if (!canAbort(game)) return reject("CANNOT_ABORT", "a game can only be aborted before each side has moved");
  return done([finish(game, "", "aborted", now)]);
}

/**
 * `color` claims the win because the opponent left and did not come back in time (the room owns
 * that timing). Before each side has moved it is an abort instead, as on lichess: nobody gains
 * rating from an opponent who never played.
 */
export function claimVictory(game: ChessGame, color: Color, now: number): Result<Outcome> {
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  if (canAbort(game)) return done([finish(game, "", "aborted", now)]);
  return done([finish(game, winFor(color), "abandoned", now)]);
}

/** End a game for a reason the room decides (abort timer, both players gone, an admin). */
export function endGame(game: ChessGame, result: GameResult, termination: Termination, now: number): Result<Outcome> {
  if (game.status === "ended") return reject("GAME_OVER", "the game is over");
  return done([finish(game, result, termination, now)]);
}

/** A stored ply: its SAN and the `now` it was played at (the `at` of its `moved` event). */
export type StoredMove = string | { san: string; at: number };

/**
 * Rebuild a game from its stored moves (crash recovery). Each move is replayed through `move()` at
 * its stored time, so position, repetition counts and clocks come out exactly as they were live.
 * Moves stored without a time are replayed at the previous move's time (no time spent). The
 * running clock then needs `resume()` before play continues. A move that does not replay (corrupt
 * journal) is a REPLAY_FAILED rejection naming the ply.
 */
export function replay(moves: readonly StoredMove[], options: CreateGameOptions & { white: string; black: string }): Result<ChessGame> {
  const created = createGame(options);
  if (!created.ok) return created;
  const game = created.value;
  let at = 0;
  for (let ply = 0; ply < moves.length; ply++) {
    const entry = moves[ply]!;
    const san = typeof entry === "string" ? entry : entry.san;
    if (typeof entry !== "string") at = entry.at;
    const result = move(game, sideToMove(game), { san }, at);
    if (!result.ok) return reject("REPLAY_FAILED", `ply ${ply} (${san}): ${result.error.message}`);
    if (!result.value.events.some((e) => e.type === "moved")) return reject("REPLAY_FAILED", `ply ${ply} (${san}): the game ended on time first`);
  }
  return ok(game);
}

/** After a restart: the running side does not pay for the downtime (see clock.ts resumeClock). */
export function resume(game: ChessGame, now: number, chargedUntil?: number): void {
  game.clock = resumeClock(game.clock, now, chargedUntil);
}

/** Test helpers for the chess rules: unwrap results and check the game's invariants after each step. */
import assert from "node:assert/strict";
import type { Result } from "../../../shared/core/errors.js";
import {
  createGame,
  move,
  parseTimeControl,
  positionKeyOf,
  sideToMove,
  type ChessGame,
  type CreateGameOptions,
  type Outcome,
  type TimeControl,
} from "../../../shared/chess/index.js";

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function rejection<T>(result: Result<T>): string {
  if (result.ok) assert.fail("expected a rejection, got ok");
  return result.error.code;
}

export function tc(label = "3+2"): TimeControl {
  return unwrap(parseTimeControl(label));
}

export function newGame(options: Partial<CreateGameOptions> = {}): ChessGame {
  const game = unwrap(createGame({ timeControl: tc(), white: "alice", black: "bob", ...options }));
  checkInvariants(game);
  return game;
}

/** Play SAN moves for whoever is to move, at `now` (+ `step` ms per move); returns the last outcome. */
export function play(game: ChessGame, sans: readonly string[], now = 0, step = 0): Outcome {
  let last: Outcome = { events: [], duplicate: false };
  sans.forEach((san, i) => {
    last = unwrap(move(game, sideToMove(game), { san }, now + i * step));
    checkInvariants(game);
  });
  return last;
}

/** What must hold after every command (STYLE.md 7). */
export function checkInvariants(game: ChessGame): void {
  const plies = game.moves.length;
  assert.equal(game.uci.length, plies);
  assert.equal(game.moveClocks.length, plies);
  assert.equal(game.moveTimes.length, plies);
  assert.equal(game.fen, game.chess.fen(), "fen mirrors chess.js");
  assert.equal(game.positionKey, positionKeyOf(game.fen));
  assert.equal(String(game.halfmoveClock), game.fen.split(" ")[4], "halfmove clock mirrors the FEN");
  let positions = 0;
  for (const n of game.positionCounts.values()) positions += n;
  assert.equal(positions, plies + 1, "one position per ply plus the start");
  assert.ok((game.positionCounts.get(game.positionKey) ?? 0) >= 1);
  if (game.status === "ended") {
    assert.notEqual(game.termination, "");
    assert.equal(game.clock.running, null, "no clock runs after the end");
    assert.equal(game.drawOfferBy, "");
    assert.equal(game.winner, game.result === "1-0" ? "white" : game.result === "0-1" ? "black" : null);
  } else {
    assert.equal(game.result, "");
    assert.equal(game.termination, "");
    assert.equal(game.clock.running !== null, plies >= 2 && game.status === "playing", "clock runs iff both sides moved");
    if (game.clock.running !== null) assert.equal(game.clock.running, sideToMove(game));
  }
}

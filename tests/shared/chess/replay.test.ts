import assert from "node:assert/strict";
import { createRng } from "../../../shared/core/rng.js";
import { move, replay, resume, sideToMove, type ChessGame, type StoredMove } from "../../../shared/chess/index.js";
import { checkInvariants, newGame, play, rejection, tc, unwrap } from "./helpers.js";

/** Everything a replay must reproduce. */
function snapshot(game: ChessGame) {
  return {
    fen: game.fen,
    positionKey: game.positionKey,
    halfmoveClock: game.halfmoveClock,
    moves: game.moves,
    uci: game.uci,
    moveClocks: game.moveClocks,
    moveTimes: game.moveTimes,
    clock: game.clock,
    status: game.status,
    result: game.result,
    termination: game.termination,
    winner: game.winner,
    positionCounts: [...game.positionCounts.entries()].sort(),
  };
}

/** A seeded random playout: random legal moves at random think times, invariants after each. */
function randomGame(seed: number, maxPlies: number): ChessGame {
  const rng = createRng(seed);
  const game = newGame({ timeControl: tc("15+10") });
  let now = 1_000;
  for (let ply = 0; ply < maxPlies && game.status === "playing"; ply++) {
    const legal = game.chess.moves();
    const san = legal[rng.int(0, legal.length - 1)]!;
    now += rng.int(0, 4_000);
    unwrap(move(game, sideToMove(game), { san }, now, ply));
    checkInvariants(game);
    crossCheckEndings(game);
  }
  return game;
}

/** Our automatic endings agree with chess.js's own detectors (and the 75-move count with the FEN). */
function crossCheckEndings(game: ChessGame): void {
  const c = game.chess;
  assert.equal(game.termination === "checkmate", c.isCheckmate());
  assert.equal(game.termination === "stalemate", c.isStalemate());
  assert.equal(game.termination === "insufficient-material", !c.isCheckmate() && c.isInsufficientMaterial());
  assert.equal(game.termination === "seventy-five-move", game.halfmoveClock >= 150 && !c.isCheckmate() && !c.isStalemate() && !c.isInsufficientMaterial());
}

function stored(game: ChessGame): StoredMove[] {
  return game.moves.map((san, i) => ({ san, at: game.moveTimes[i]! }));
}

describe("chess replay (crash recovery)", () => {
  // seeds picked so the playouts end by the 75-move rule, insufficient material, mate and stalemate
  const endings: string[] = [];
  after(() => assert.deepEqual(endings.sort(), ["checkmate", "insufficient-material", "seventy-five-move", "stalemate"]));
  for (const seed of [1, 10, 14, 16]) {
    it(`a seeded random game (seed ${seed}) replays to the same state`, function () {
      this.timeout(20_000);
      const live = randomGame(seed, 1_000);
      endings.push(live.termination);
      const rebuilt = unwrap(replay(stored(live), { timeControl: live.timeControl, white: "alice", black: "bob" }));
      assert.deepEqual(snapshot(rebuilt), snapshot(live));
      checkInvariants(rebuilt);
    });
  }

  it("a finished game replays finished", () => {
    const live = newGame();
    play(live, ["f3", "e5", "g4", "Qh4#"], 0, 1_000);
    const rebuilt = unwrap(replay(stored(live), { timeControl: tc(), white: "alice", black: "bob" }));
    assert.deepEqual(snapshot(rebuilt), snapshot(live));
    assert.equal(rebuilt.termination, "checkmate");
  });

  it("replays from a start FEN", () => {
    const fen = "6k1/5ppp/8/8/8/8/8/R5K1 w - - 10 30";
    const live = newGame({ fen });
    play(live, ["Ra7", "h6", "Rb7"], 0, 3_000);
    const rebuilt = unwrap(replay(stored(live), { timeControl: tc(), white: "alice", black: "bob", fen }));
    assert.deepEqual(snapshot(rebuilt), snapshot(live));
  });

  it("moves stored without times replay the position, with no time spent", () => {
    const rebuilt = unwrap(replay(["e4", "e5", "Nf3", "Nc6"], { timeControl: tc(), white: "a", black: "b" }));
    assert.equal(rebuilt.fen, "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3");
    assert.deepEqual([rebuilt.clock.whiteMs, rebuilt.clock.blackMs], [182_000, 182_000]);
  });

  it("a corrupt journal is REPLAY_FAILED naming the ply", () => {
    const result = replay(["e4", "e5", "Ke3"], { timeControl: tc(), white: "a", black: "b" });
    assert.equal(rejection(result), "REPLAY_FAILED");
    assert.ok(!result.ok && result.error.message.startsWith("ply 2 (Ke3)"));
    assert.equal(rejection(replay(["f3", "e5", "g4", "Qh4#", "e4"], { timeControl: tc(), white: "a", black: "b" })), "REPLAY_FAILED");
  });

  it("after replay + resume, play continues with the downtime not charged", () => {
    const live = newGame();
    play(live, ["e4", "e5", "Nf3"], 0, 5_000); // black's clock started at 10 s
    const rebuilt = unwrap(replay(stored(live), { timeControl: tc(), white: "alice", black: "bob" }));
    resume(rebuilt, 600_000); // server was down for ten minutes
    unwrap(move(rebuilt, "black", { san: "Nc6" }, 604_000));
    assert.equal(rebuilt.clock.blackMs, 178_000); // 180 - 4 + 2
    checkInvariants(rebuilt);
  });
});

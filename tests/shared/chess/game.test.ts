import assert from "node:assert/strict";
import { createRng } from "../../../shared/core/rng.js";
import {
  abort,
  canAbort,
  checkFlag,
  claimVictory,
  colorOf,
  createGame,
  endGame,
  move,
  playerColor,
  resign,
  seatPlayer,
  type ChessGame,
  type Color,
  type MoveInput,
} from "../../../shared/chess/index.js";
import { checkInvariants, newGame, play, rejection, tc, unwrap } from "./helpers.js";

const FOOLS_MATE = ["f3", "e5", "g4", "Qh4#"];

describe("chess game: seats", () => {
  it("seats two players with a colour from the rng, then starts", () => {
    const game = unwrap(createGame({ timeControl: tc() }));
    assert.equal(game.status, "waiting");
    const rng = createRng(7);
    assert.deepEqual(unwrap(seatPlayer(game, "alice", rng)).events, []);
    const aliceColor = colorOf(game, "alice");
    assert.ok(aliceColor);
    assert.deepEqual(unwrap(seatPlayer(game, "alice", rng)).events, [], "a reconnect is a no-op");
    const started = unwrap(seatPlayer(game, "bob", rng));
    assert.equal(game.status, "playing");
    assert.deepEqual(started.events, [{ type: "started", white: game.players.white, black: game.players.black }]);
    assert.notEqual(colorOf(game, "bob"), aliceColor);
    assert.equal(rejection(seatPlayer(game, "carol", rng)), "GAME_FULL");
    assert.equal(rejection(playerColor(game, "carol")), "NOT_A_PLAYER");
    checkInvariants(game);
  });

  it("the same seed gives the same colours", () => {
    const colours = [1, 1].map(() => {
      const game = unwrap(createGame({ timeControl: tc() }));
      seatPlayer(game, "alice", createRng("room-42"));
      return colorOf(game, "alice");
    });
    assert.equal(colours[0], colours[1]);
  });

  it("refuses moves before the game starts", () => {
    const game = unwrap(createGame({ timeControl: tc(), white: "alice" }));
    assert.equal(rejection(move(game, "white", { san: "e4" }, 0)), "GAME_NOT_STARTED");
  });

  it("refuses a bad or finished start FEN", () => {
    assert.equal(rejection(createGame({ timeControl: tc(), fen: "not a fen" })), "INVALID_OPTIONS");
    const mated = "rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3";
    assert.equal(rejection(createGame({ timeControl: tc(), fen: mated })), "INVALID_OPTIONS");
  });
});

describe("chess game: move validation", () => {
  // table: [name, setup plies, colour, input, expected code]; order of checks is the contract
  const rows: Array<[string, string[], Color, MoveInput, string]> = [
    ["wrong side, legal-looking move", [], "black", { san: "e5" }, "NOT_YOUR_TURN"],
    ["wrong side AND illegal: turn is checked first", [], "black", { san: "Ke2" }, "NOT_YOUR_TURN"],
    ["illegal SAN", [], "white", { san: "e5" }, "ILLEGAL_MOVE"],
    ["garbage SAN", [], "white", { san: "hello" }, "ILLEGAL_MOVE"],
    ["null move", [], "white", { san: "--" }, "ILLEGAL_MOVE"],
    ["illegal from/to", [], "white", { from: "e2", to: "e5" }, "ILLEGAL_MOVE"],
    ["off-board square", [], "white", { from: "z9", to: "e4" }, "ILLEGAL_MOVE"],
    ["a move that ignores check", ["e4", "f5", "Qh5+"], "black", { san: "e6" }, "ILLEGAL_MOVE"],
    ["king walks into check", ["e4", "e5", "Ke2", "Bc5"], "white", { san: "Ke3" }, "ILLEGAL_MOVE"],
    ["game over after mate", FOOLS_MATE, "white", { san: "e4" }, "GAME_OVER"],
    ["game over, wrong side too", FOOLS_MATE, "black", { san: "e4" }, "GAME_OVER"],
  ];
  for (const [name, setup, color, input, code] of rows) {
    it(`${name} -> ${code}, and changes nothing`, () => {
      const game = newGame();
      play(game, setup);
      const before = { fen: game.fen, moves: [...game.moves], clock: { ...game.clock }, status: game.status };
      assert.equal(rejection(move(game, color, input, 1_000)), code);
      assert.deepEqual({ fen: game.fen, moves: game.moves, clock: game.clock, status: game.status }, before);
      checkInvariants(game);
    });
  }

  it("accepts SAN, from/to and promotions, storing canonical SAN and UCI", () => {
    const game = newGame({ fen: "8/4P1k1/8/8/8/8/8/4K3 w - - 0 1" });
    const out = unwrap(move(game, "white", { from: "e7", to: "e8", promotion: "q" }, 0));
    const moved = out.events[0];
    assert.ok(moved?.type === "moved");
    assert.equal(moved.san, "e8=Q");
    assert.equal(moved.uci, "e7e8q");
    assert.equal(moved.ply, 0);
    assert.equal(moved.color, "white");
    const other = newGame();
    play(other, ["e4", "e5"]);
    unwrap(move(other, "white", { san: "Ng1f3" }, 0)); // chess.js accepts over-specified SAN
    assert.deepEqual(other.moves, ["e4", "e5", "Nf3"]);
  });

  it("a promotion without a piece is illegal (no silent auto-queen)", () => {
    const game = newGame({ fen: "8/4P1k1/8/8/8/8/8/4K3 w - - 0 1" });
    assert.equal(rejection(move(game, "white", { from: "e7", to: "e8" }, 0)), "ILLEGAL_MOVE");
  });
});

describe("chess game: ply numbers make re-sends idempotent", () => {
  it("a re-sent move is applied once", () => {
    const game = newGame();
    unwrap(move(game, "white", { san: "e4" }, 0, 0));
    const again = unwrap(move(game, "white", { san: "e4" }, 5, 0));
    assert.deepEqual(again, { events: [], duplicate: true });
    const asUci = unwrap(move(game, "white", { from: "e2", to: "e4" }, 5, 0));
    assert.equal(asUci.duplicate, true);
    assert.deepEqual(game.moves, ["e4"]);
    checkInvariants(game);
  });

  it("a re-sent mating move is a duplicate, not GAME_OVER", () => {
    const game = newGame();
    play(game, FOOLS_MATE);
    assert.equal(unwrap(move(game, "black", { san: "Qh4" }, 9, 3)).duplicate, true);
  });

  const rows: Array<[string, Color, MoveInput, number, string]> = [
    ["a different move for a played ply", "white", { san: "d4" }, 0, "STALE_PLY"],
    ["the other side's ply", "black", { san: "e4" }, 0, "STALE_PLY"],
    ["a ply from the future", "black", { san: "e5" }, 2, "STALE_PLY"],
    ["the current ply by the wrong side", "white", { san: "d4" }, 1, "NOT_YOUR_TURN"],
  ];
  for (const [name, color, input, ply, code] of rows) {
    it(`${name} -> ${code}`, () => {
      const game = newGame();
      play(game, ["e4"]);
      assert.equal(rejection(move(game, color, input, 0, ply)), code);
      assert.deepEqual(game.moves, ["e4"]);
    });
  }

  it("the current ply is played", () => {
    const game = newGame();
    play(game, ["e4"]);
    assert.equal(unwrap(move(game, "black", { san: "e5" }, 0, 1)).duplicate, false);
    assert.deepEqual(game.moves, ["e4", "e5"]);
  });
});

describe("chess game: endings on the board", () => {
  const rows: Array<{ name: string; fen?: string; moves: string[]; result: string; termination: string }> = [
    { name: "fool's mate", moves: FOOLS_MATE, result: "0-1", termination: "checkmate" },
    { name: "scholar's mate", moves: ["e4", "e5", "Bc4", "Nc6", "Qh5", "Nf6", "Qxf7#"], result: "1-0", termination: "checkmate" },
    { name: "stalemate", fen: "7k/8/6Q1/8/8/8/8/K7 w - - 0 1", moves: ["Qf7"], result: "1/2-1/2", termination: "stalemate" },
    { name: "insufficient material after a capture (K+B v K)", fen: "7k/8/8/8/8/8/6r1/K6B w - - 0 1", moves: ["Bxg2"], result: "1/2-1/2", termination: "insufficient-material" },
    { name: "insufficient material: K v K", fen: "8/8/8/3k4/8/3r4/3K4/8 w - - 0 1", moves: ["Kxd3"], result: "1/2-1/2", termination: "insufficient-material" },
    { name: "mate beats the seventy-five-move rule", fen: "6k1/5ppp/8/8/8/8/8/R5K1 w - - 149 120", moves: ["Ra8#"], result: "1-0", termination: "checkmate" },
    { name: "seventy-five-move rule", fen: "6k1/5ppp/8/8/8/8/8/R5K1 w - - 149 120", moves: ["Ra2"], result: "1/2-1/2", termination: "seventy-five-move" },
  ];
  for (const row of rows) {
    it(`${row.name} ends ${row.result} by ${row.termination}`, () => {
      const game = newGame(row.fen ? { fen: row.fen } : {});
      const out = play(game, row.moves);
      assert.equal(game.status, "ended");
      assert.equal(game.result, row.result);
      assert.equal(game.termination, row.termination);
      assert.deepEqual(out.events.at(-1), { type: "ended", result: row.result, termination: row.termination, winner: game.winner });
    });
  }

  it("149 plies without capture or pawn move do not end it yet", () => {
    const game = newGame({ fen: "6k1/5ppp/8/8/8/8/8/R5K1 w - - 148 120" });
    play(game, ["Ra2"]);
    assert.equal(game.status, "playing");
    assert.equal(game.halfmoveClock, 149);
  });

  it("fivefold repetition ends the game by itself", () => {
    const game = newGame();
    const shuffle = ["Nf3", "Nf6", "Ng1", "Ng8"];
    play(game, [...shuffle, ...shuffle, ...shuffle]); // start position seen 4 times
    assert.equal(game.status, "playing");
    const out = play(game, shuffle);
    assert.equal(game.termination, "fivefold");
    assert.equal(game.result, "1/2-1/2");
    assert.equal(out.events.at(-1)?.type, "ended");
  });
});

describe("chess game: resign, abort, abandon, flag", () => {
  it("resignation: the opponent wins", () => {
    const game = newGame();
    play(game, ["e4", "e5", "Nf3"]);
    const out = unwrap(resign(game, "black", 5_000));
    assert.deepEqual(out.events, [{ type: "ended", result: "1-0", termination: "resignation", winner: "white" }]);
    assert.equal(rejection(resign(game, "white", 6_000)), "GAME_OVER");
    checkInvariants(game);
  });

  const abortRows: Array<[number, string | null]> = [[0, null], [1, null], [2, "CANNOT_ABORT"], [3, "CANNOT_ABORT"]];
  for (const [plies, code] of abortRows) {
    it(`abort after ${plies} plies: ${code ?? "allowed"}`, () => {
      const game = newGame();
      play(game, ["e4", "e5", "Nf3"].slice(0, plies));
      assert.equal(canAbort(game), code === null);
      const result = abort(game, "black", 1_000);
      if (code === null) {
        assert.deepEqual(unwrap(result).events, [{ type: "ended", result: "", termination: "aborted", winner: null }]);
      } else {
        assert.equal(rejection(result), code);
        assert.equal(game.status, "playing");
      }
      checkInvariants(game);
    });
  }

  it("claimVictory after the opponent left: a win, or an abort before both moved", () => {
    const early = newGame();
    play(early, ["e4"]);
    assert.equal(unwrap(claimVictory(early, "white", 0)).events[0]?.type, "ended");
    assert.equal(early.termination, "aborted");
    const later = newGame();
    play(later, ["e4", "e5"]);
    unwrap(claimVictory(later, "black", 0));
    assert.deepEqual([later.result, later.termination], ["0-1", "abandoned"]);
    assert.equal(rejection(endGame(later, "1-0", "abandoned", 0)), "GAME_OVER");
  });

  const flagRows: Array<{ name: string; fen?: string; moves: string[]; result: string }> = [
    { name: "White flags, Black has mating material: Black wins", moves: ["e4", "e5"], result: "0-1" },
    { name: "White flags, Black has a lone king: draw", fen: "8/8/8/3k4/8/8/3PK3/8 w - - 0 1", moves: ["Ke3", "Kd6"], result: "1/2-1/2" },
    { name: "White flags, Black has K+N against K+Q: draw (the queen cannot help)", fen: "8/8/8/3kn3/8/8/4K3/Q7 w - - 0 1", moves: ["Kf2", "Kd6"], result: "1/2-1/2" },
    { name: "White flags, Black has K+N and White a pawn: Black wins (helpmate exists)", fen: "8/8/8/3kn3/8/8/3P4/4K3 w - - 0 1", moves: ["Kf2", "Kd6"], result: "0-1" },
  ];
  for (const row of flagRows) {
    it(row.name, () => {
      const game = newGame({ timeControl: tc("1+0"), ...(row.fen ? { fen: row.fen } : {}) });
      play(game, row.moves, 1_000);
      assert.deepEqual(checkFlag(game, 60_999), [], "not yet");
      const events = checkFlag(game, 61_000);
      assert.deepEqual(events, [{ type: "ended", result: row.result, termination: "timeout", winner: game.winner }]);
      assert.equal(game.clock.whiteMs, 0);
      assert.deepEqual(checkFlag(game, 99_000), [], "only once");
      checkInvariants(game);
    });
  }

  it("any command after the flag fell ends the game on time first", () => {
    const game = newGame({ timeControl: tc("1+0") });
    play(game, ["e4", "e5"], 0);
    const out = unwrap(resign(game, "black", 60_000)); // white flagged before black resigned
    assert.deepEqual([game.result, game.termination], ["0-1", "timeout"]);
    assert.equal(out.events.length, 1);
  });

  it("the losing side's wrong-turn command also reveals the flag", () => {
    const game: ChessGame = newGame({ timeControl: tc("1+0") });
    play(game, ["e4", "e5"], 0);
    assert.equal(unwrap(move(game, "black", { san: "d5" }, 70_000)).events[0]?.type, "ended");
    assert.equal(game.termination, "timeout");
  });
});

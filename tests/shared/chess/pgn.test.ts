import assert from "node:assert/strict";
import { Chess } from "chess.js";
import { createRng } from "../../../shared/core/rng.js";
import { formatClock, gameToPgn, move, pgnTermination, sideToMove, toPgn } from "../../../shared/chess/index.js";
import { newGame, play, tc, unwrap } from "./helpers.js";

function tagsOf(pgn: string): string[] {
  return pgn.split("\n").filter((line) => line.startsWith("["));
}

function movetextOf(pgn: string): string {
  return pgn.split("\n\n")[1]!.trim();
}

describe("chess PGN export", () => {
  it("writes the Seven Tag Roster in order, then the extra tags", () => {
    const game = newGame();
    play(game, ["f3", "e5", "g4", "Qh4#"], 0, 2_000);
    const pgn = gameToPgn(game, {
      event: "Rated Blitz game",
      site: "http://localhost:2567/chess/abc",
      date: Date.UTC(2025, 2, 7, 23, 59),
      white: "alice",
      black: 'bob "the bold"',
      whiteElo: 1500.4,
      blackElo: 1623.6,
    });
    assert.deepEqual(tagsOf(pgn), [
      '[Event "Rated Blitz game"]',
      '[Site "http://localhost:2567/chess/abc"]',
      '[Date "2025.03.07"]',
      '[Round "-"]',
      '[White "alice"]',
      '[Black "bob \\"the bold\\""]',
      '[Result "0-1"]',
      '[WhiteElo "1500"]',
      '[BlackElo "1624"]',
      '[TimeControl "180+2"]',
      '[Termination "Normal"]',
    ]);
    assert.equal(
      movetextOf(pgn),
      "1. f3 { [%clk 0:03:00] } 1... e5 { [%clk 0:03:00] } 2. g4 { [%clk 0:03:00] }\n" +
        "2... Qh4# { [%clk 0:03:00] Black wins by checkmate. } 0-1",
    );
    assert.ok(pgn.endsWith("0-1\n"));
    // one comment before the result: chess.js's own reader takes it (it refuses two in a row; and
    // escaped quotes in a tag, hence plain names here)
    const reader = new Chess();
    reader.loadPgn(gameToPgn(game, { white: "alice", black: "bob", date: "2025.03.07" }));
    assert.equal(reader.history().join(" "), "f3 e5 g4 Qh4#");
  });

  it("writes clocks after each move and repeats the number of a black move after a comment", () => {
    const game = newGame();
    play(game, ["e4", "e5"], 0);
    play(game, ["Nf3"], 12_500); // white: 180 - 12.5 + 2 = 169.5 s -> shown 0:02:49
    play(game, ["Nc6"], 13_000); // black: 180 - 0.5 + 2 = 181.5 s -> 0:03:01
    const text = movetextOf(gameToPgn(game, { white: "a", black: "b" }));
    assert.equal(
      text,
      "1. e4 { [%clk 0:03:00] } 1... e5 { [%clk 0:03:00] } 2. Nf3 { [%clk 0:02:49] }\n2... Nc6 { [%clk 0:03:01] } *",
    );
  });

  it("marks an unfinished game with * and Termination Unterminated", () => {
    const pgn = toPgn({ white: "a", black: "b", result: "", moves: ["e4", "e5", "Nf3"] });
    assert.ok(tagsOf(pgn).includes('[Result "*"]'));
    assert.ok(tagsOf(pgn).includes('[Date "????.??.??"]'));
    assert.ok(tagsOf(pgn).includes('[Termination "Unterminated"]'));
    assert.equal(movetextOf(pgn), "1. e4 e5 2. Nf3 *");
  });

  const terminations: Array<[Parameters<typeof pgnTermination>[0], Parameters<typeof pgnTermination>[1], string]> = [
    ["checkmate", "1-0", "Normal"],
    ["resignation", "0-1", "Normal"],
    ["agreement", "1/2-1/2", "Normal"],
    ["threefold", "1/2-1/2", "Normal"],
    ["timeout", "1-0", "Time forfeit"],
    ["timeout", "1/2-1/2", "Time forfeit"],
    ["abandoned", "0-1", "Abandoned"],
    ["aborted", "", "Unterminated"],
    ["", "", "Unterminated"],
  ];
  for (const [termination, result, tag] of terminations) {
    it(`Termination for ${termination || "ongoing"} ${result || "*"} is "${tag}"`, () => {
      assert.equal(pgnTermination(termination, result), tag);
    });
  }

  it("numbers moves from a start FEN and adds SetUp/FEN", () => {
    const fen = "6k1/5ppp/8/8/8/8/8/R5K1 b - - 10 30";
    const pgn = toPgn({ white: "a", black: "b", result: "", startFen: fen, moves: ["h6", "Ra7", "g5"] });
    assert.ok(tagsOf(pgn).includes('[SetUp "1"]'));
    assert.ok(tagsOf(pgn).includes(`[FEN "${fen}"]`));
    assert.equal(movetextOf(pgn), "30... h6 31. Ra7 g5 *");
  });

  it("wraps at 80 characters without splitting tokens, and chess.js reads it back", function () {
    this.timeout(20_000);
    const game = newGame({ timeControl: tc("15+10") });
    const rng = createRng(99);
    let now = 0;
    for (let ply = 0; ply < 160 && game.status === "playing"; ply++) {
      const legal = game.chess.moves();
      now += rng.int(0, 9_000);
      unwrap(move(game, sideToMove(game), { san: legal[rng.int(0, legal.length - 1)]! }, now));
    }
    const pgn = gameToPgn(game, { white: "alice", black: "bob", date: "2025.01.02" });
    for (const line of pgn.split("\n")) assert.ok(line.length <= 80, `line too long (${line.length}): ${line}`);
    assert.doesNotMatch(pgn, /\{[^}]*\n/, "no comment is split over lines");
    const reader = new Chess();
    reader.loadPgn(pgn);
    assert.deepEqual(reader.history(), game.moves);
    assert.equal(reader.fen(), game.fen);
  });

  const clocks: Array<[number, string]> = [
    [0, "0:00:00"],
    [-5, "0:00:00"],
    [999, "0:00:00"],
    [59_999, "0:00:59"],
    [178_500, "0:02:58"],
    [3_600_000, "1:00:00"],
    [5_025_000, "1:23:45"],
  ];
  for (const [ms, text] of clocks) {
    it(`formats ${ms} ms as ${text}`, () => assert.equal(formatClock(ms), text));
  }
});

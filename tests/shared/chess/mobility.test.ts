import assert from "node:assert/strict";
import { Chess } from "chess.js";
import { createRng } from "../../../shared/core/rng.js";
import { isStalemateNotInCheck } from "../../../shared/chess/mobility.js";

describe("chess fast stalemate test", () => {
  const rows: Array<[string, string, boolean]> = [
    ["classic queen stalemate", "7k/5Q2/6K1/8/8/8/8/8 b - - 0 1", true],
    ["king boxed in, but a pawn can move", "7k/p4Q2/6K1/8/8/8/8/8 b - - 0 1", false],
    ["king boxed by its own pieces (start position)", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR b KQkq - 0 1", false],
    ["the adjacent enemy piece is defended", "kN6/2K5/8/2B5/8/8/8/8 b - - 0 1", true],
    ["the king can capture an undefended piece", "8/8/8/8/8/3K4/1R6/k7 b - - 0 1", false],
    ["its own pawn is stuck too", "8/8/8/8/8/8/p1K5/k7 b - - 0 1", true],
    ["a pinned bishop is no way out", "kbR5/8/1K6/8/8/8/8/8 b - - 0 1", true],
  ];
  for (const [name, fen, expected] of rows) {
    it(`${name}: ${expected ? "stalemate" : "not stalemate"}`, () => {
      const chess = new Chess(fen);
      assert.equal(chess.isCheck(), false, "precondition");
      assert.equal(chess.isStalemate(), expected, "the row itself is right");
      assert.equal(isStalemateNotInCheck(chess), expected);
    });
  }

  it("agrees with chess.js on every position of seeded random playouts", function () {
    this.timeout(20_000);
    const rng = createRng(2024);
    let checked = 0;
    for (let g = 0; g < 12; g++) {
      const chess = new Chess();
      for (let i = 0; i < 300 && !chess.isGameOver(); i++) {
        const moves = chess.moves();
        chess.move(moves[rng.int(0, moves.length - 1)]!);
        if (chess.isCheck()) continue;
        assert.equal(isStalemateNotInCheck(chess), chess.isStalemate(), chess.fen());
        checked++;
      }
    }
    assert.ok(checked > 1_000);
  });
});

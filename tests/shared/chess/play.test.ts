import assert from "node:assert/strict";
import { Chess, type Square } from "chess.js";
import { createRng } from "../../../shared/core/rng.js";
import { asPlayed, playMove, type PlayedMove } from "../../../shared/chess/play.js";

/** What chess.js's public move() gives for the same input, as a PlayedMove; null where it throws. */
function reference(fen: string, input: Parameters<typeof playMove>[1]): { played: PlayedMove | null; fen: string } {
  const chess = new Chess(fen);
  try {
    const played = asPlayed(chess.move(input));
    return { played, fen: chess.fen() };
  } catch {
    return { played: null, fen: chess.fen() };
  }
}

/** Play `input` both ways on copies of `fen` and require the same move, position and history. */
function same(fen: string, input: Parameters<typeof playMove>[1]): PlayedMove | null {
  const want = reference(fen, input);
  const chess = new Chess(fen);
  const got = playMove(chess, input);
  const label = `${fen} ${JSON.stringify(input)}`;
  assert.deepEqual(got, want.played, label);
  assert.equal(chess.fen(), want.fen, label);
  if (got !== null) assert.equal(chess.history()[0], got.san, `history: ${label}`);
  return got;
}

describe("chess move without chess.js's Move build (play.ts)", () => {
  it("plays the same moves as Chess.move() over random games, by SAN and by squares", function () {
    this.timeout(60_000);
    const rng = createRng(7);
    let checked = 0;
    for (let g = 0; g < 8; g++) {
      const chess = new Chess();
      for (let ply = 0; ply < 100 && !chess.isGameOver(); ply++) {
        const fen = chess.fen();
        const legal = chess.moves({ verbose: true });
        // every legal move in every 8th position, three at random in the others
        const tried = ply % 8 === 0 ? legal : [0, 1, 2].map(() => legal[rng.int(0, legal.length - 1)]!);
        for (const m of tried) {
          same(fen, m.san);
          same(fen, { from: m.from, to: m.to, ...(m.promotion ? { promotion: m.promotion } : {}) });
          checked += 2;
        }
        // a few wrong ones in the same position: a random from/to pair, a random piece to a random square
        const sq = () => `${"abcdefgh"[rng.int(0, 7)]}${rng.int(1, 8)}` as Square;
        same(fen, { from: sq(), to: sq() });
        same(fen, `${"NBRQK"[rng.int(0, 4)]}${sq()}`);
        same(fen, sq());
        const pick = legal[rng.int(0, legal.length - 1)]!;
        chess.move(pick.san);
      }
    }
    assert.ok(checked > 5_000, `only ${checked} moves checked`);
  });

  const rows: Array<[string, string, Parameters<typeof playMove>[1]]> = [
    ["castling by SAN", "r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1", "O-O"],
    ["queenside castling with zeros", "r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1", "0-0-0"],
    ["castling by squares", "r3k2r/8/8/8/8/8/8/R3K2R b KQkq - 0 1", { from: "e8", to: "c8" }],
    ["castling through check is refused", "r3k2r/8/8/8/8/8/5r2/R3K2R w KQkq - 0 1", "O-O"],
    ["promotion by SAN", "8/4P3/8/8/8/8/k7/4K3 w - - 0 1", "e8=Q+"],
    ["promotion without '='", "8/4P3/8/8/8/8/k7/4K3 w - - 0 1", "e8N"],
    ["promotion with a lower-case piece (permissive parser)", "8/4P3/8/8/8/8/k7/4K3 w - - 0 1", "e8q"],
    ["promotion by squares", "8/4P3/8/8/8/8/k7/4K3 w - - 0 1", { from: "e7", to: "e8", promotion: "r" }],
    ["promotion by squares without the piece is refused", "8/4P3/8/8/8/8/k7/4K3 w - - 0 1", { from: "e7", to: "e8" }],
    ["disambiguation by file", "k7/8/8/8/8/8/8/KR3R2 w - - 0 1", "Rbd1"],
    ["disambiguation by rank", "k7/8/8/8/R7/8/8/R3K3 w - - 0 1", "R1a2"],
    ["over-disambiguated SAN (permissive parser)", "k7/8/8/8/8/8/8/KR6 w - - 0 1", "Rbb2"],
    ["en passant", "k7/8/8/3pP3/8/8/8/K7 w - d6 0 2", "exd6"],
    ["long algebraic (permissive parser)", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "e2e4"],
    ["annotations", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "Nf3!?"],
    ["a pinned piece cannot move", "4k3/4r3/8/8/8/8/4B3/4K3 w - - 0 1", "Bd3"],
    ["upper-case squares are refused", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", { from: "E2", to: "E4" }],
    ["a null move is chess.js's business", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "--"],
    ["garbage", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "Zz9"],
    ["mate sign is computed, not trusted", "6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", "Ra8"],
  ];
  for (const [name, fen, input] of rows) {
    it(name, () => {
      same(fen, input);
    });
  }

  it("marks mate and check in the SAN it returns", () => {
    assert.equal(same("6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", "Ra8")?.san, "Ra8#");
    assert.equal(same("8/4P3/8/8/k7/8/8/4K3 w - - 0 1", "e8=Q")?.san, "e8=Q+");
  });

  it("leaves the position alone when it refuses a move", () => {
    const chess = new Chess();
    const before = chess.fen();
    assert.equal(playMove(chess, "e5"), null);
    assert.equal(playMove(chess, { from: "e2", to: "e5" }), null);
    assert.equal(chess.fen(), before);
    assert.equal(chess.history().length, 0);
  });

  it("keeps chess.js's repetition count (isThreefoldRepetition) as Chess.move() does", () => {
    const chess = new Chess();
    for (const san of ["Nf3", "Nf6", "Ng1", "Ng8", "Nf3", "Nf6", "Ng1", "Ng8"]) assert.ok(playMove(chess, san));
    assert.equal(chess.isThreefoldRepetition(), true);
  });
});

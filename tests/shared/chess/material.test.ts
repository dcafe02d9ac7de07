import assert from "node:assert/strict";
import { Chess } from "chess.js";
import { hasMatingMaterial, type Color } from "../../../shared/chess/index.js";

describe("chess mating material (decides a flag fall)", () => {
  // [FEN, colour, can mate?]
  const rows: Array<[string, string, Color, boolean]> = [
    ["lone king", "4k3/8/8/8/8/8/8/4K2R w - - 0 1", "black", false],
    ["king and rook", "4k3/8/8/8/8/8/8/4K2R w - - 0 1", "white", true],
    ["a pawn is enough", "4k3/8/8/8/8/8/4P3/4K3 w - - 0 1", "white", true],
    ["K+N v lone K", "4k3/8/8/8/8/8/8/4KN2 w - - 0 1", "white", false],
    ["K+N v K+Q (the queen cannot help)", "3qk3/8/8/8/8/8/8/4KN2 w - - 0 1", "white", false],
    ["K+N v K+R (a rook can block its king)", "3rk3/8/8/8/8/8/8/4KN2 w - - 0 1", "white", true],
    ["K+N v K+P", "4k3/4p3/8/8/8/8/8/4KN2 w - - 0 1", "white", true],
    ["K+B v K+R", "3rk3/8/8/8/8/8/8/4KB2 w - - 0 1", "white", false],
    ["K+B v K+N", "3nk3/8/8/8/8/8/8/4KB2 w - - 0 1", "white", true],
    ["K+B v K+B same colour", "4kb2/8/8/8/8/8/8/2B1K3 w - - 0 1", "white", false],
    ["K+B v K+B opposite colours", "4k1b1/8/8/8/8/8/8/2B1K3 w - - 0 1", "white", true],
    ["two same-colour bishops v lone K", "4k3/8/8/8/8/8/1B6/2B1K3 w - - 0 1", "white", false],
    ["bishop pair v lone K", "4k3/8/8/8/8/8/8/2B1KB2 w - - 0 1", "white", true],
    ["two knights v lone K (helpmate exists)", "4k3/8/8/8/8/8/8/1N2K1N1 w - - 0 1", "white", true],
  ];
  for (const [name, fen, color, expected] of rows) {
    it(`${name}: ${color} ${expected ? "can" : "cannot"} mate`, () => {
      assert.equal(hasMatingMaterial(new Chess(fen), color), expected);
    });
  }
});

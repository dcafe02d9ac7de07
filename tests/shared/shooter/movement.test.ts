import assert from "node:assert/strict";
import fc from "fast-check";
import { overlapsWall, PLAYER_RADIUS, PLAYER_SPEED, POSITION_SCALE, stepMove } from "../../../shared/shooter/index.js";
import { OPEN, textMap } from "./helpers.js";

const map = textMap(OPEN);
const DT = 1 / 64;

describe("shooter movement with wall collision", () => {
  it("moves at PLAYER_SPEED in open floor, quantized to 1/8 px", () => {
    let p = { x: 100, y: 80 };
    for (let i = 0; i < 32; i++) p = stepMove(p, { mx: 1, my: 0 }, map, DT);
    assert.ok(Math.abs(p.x - (100 + PLAYER_SPEED * 0.5)) < 1, `x=${p.x}`);
    assert.equal(p.y, 80);
    assert.equal(p.x * POSITION_SCALE, Math.round(p.x * POSITION_SCALE));
  });

  it("stops at a wall (circle against the tile edge)", () => {
    let p = { x: 100, y: 80 };
    for (let i = 0; i < 400; i++) p = stepMove(p, { mx: -1, my: 0 }, map, DT);
    assert.ok(Math.abs(p.x - (32 + PLAYER_RADIUS)) < 0.2, `stopped at x=${p.x}`);
  });

  it("slides along a wall when moving diagonally into it", () => {
    let p = { x: 100, y: 60 };
    for (let i = 0; i < 40; i++) p = stepMove(p, { mx: Math.SQRT1_2, my: -Math.SQRT1_2 }, map, DT);
    assert.ok(Math.abs(p.y - (32 + PLAYER_RADIUS)) < 0.2);
    assert.ok(p.x > 140, "kept moving along x");
  });

  it("never ends inside a wall, whatever the inputs (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), { maxLength: 300 }), (moves) => {
        let p = { x: 64, y: 64 };
        for (const [mx, my] of moves) {
          p = stepMove(p, { mx, my }, map, DT);
          assert.ok(!overlapsWall(p.x, p.y, PLAYER_RADIUS - 0.2, map), `inside a wall at ${p.x},${p.y}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});

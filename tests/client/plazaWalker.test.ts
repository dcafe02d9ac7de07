/** The plaza's local walker (client/scenes/plaza/walker.ts): speed, click targets, walls. */
import assert from "node:assert/strict";
import { PLAZA_MAP } from "../../shared/plaza/world.js";
import { isWalkable } from "../../shared/plaza/index.js";
import { Walker, WALK_TILES_PER_SECOND } from "../../client/scenes/plaza/walker.js";

const T = PLAZA_MAP.tileSize;
const SPEED = WALK_TILES_PER_SECOND * T;

describe("plaza walker (client)", () => {
  it("walks at its speed with a key held, whatever the frame rate, below the server's max speed", () => {
    for (const frameMs of [16, 125, 500]) {
      const w = new Walker(PLAZA_MAP, 40 * T + 16, 28 * T + 16);
      for (let t = 0; t < 1000; t += frameMs) w.update(frameMs, { dx: 1, dy: 0 });
      assert.ok(Math.abs(w.x - (40 * T + 16) - SPEED * (Math.ceil(1000 / frameMs) * frameMs) / 1000) < 1e-6, `frame ${frameMs} ms`);
      assert.equal(w.d, 2, "facing right");
    }
    assert.ok(SPEED < PLAZA_MAP.maxSpeed);
  });

  it("walks to a click target without overshooting; a key cancels the target", () => {
    const w = new Walker(PLAZA_MAP, 40 * T + 16, 28 * T + 16);
    w.target = { x: w.x - 50, y: w.y };
    for (let i = 0; i < 20; i++) w.update(100, { dx: 0, dy: 0 });
    assert.equal(w.x, 40 * T + 16 - 50);
    assert.equal(w.target, null);
    w.target = { x: w.x + 300, y: w.y };
    w.update(100, { dx: 0, dy: 1 });
    assert.equal(w.target, null);
  });

  it("after a TOO_FAST snap-back a click-to-walk goes on from there; after a wall refusal it stops", () => {
    const start = { x: 40 * T + 16, y: 28 * T + 16 };
    const w = new Walker(PLAZA_MAP, start.x, start.y);
    const goal = { x: start.x - 50, y: start.y };
    w.target = { ...goal };
    w.update(100, { dx: 0, dy: 0 });
    w.snapTo(start.x, start.y, true); // the server still has us at the start
    assert.deepEqual([w.x, w.y], [start.x, start.y]);
    for (let i = 0; i < 20; i++) w.update(100, { dx: 0, dy: 0 });
    assert.deepEqual([w.x, w.y], [goal.x, goal.y], "arrived anyway");
    w.target = { x: start.x, y: start.y };
    w.snapTo(goal.x, goal.y);
    assert.equal(w.target, null, "a refusal other than pace ends the walk");
  });

  it("stops at walls and slides along them", () => {
    // the fountain spans tiles 47..52 × 32..37; start just left of it, on row 33
    const w = new Walker(PLAZA_MAP, 46 * T + 16, 33 * T + 16);
    for (let i = 0; i < 20; i++) w.update(100, { dx: 1, dy: 0 });
    assert.ok(w.x < 47 * T && isWalkable(PLAZA_MAP, w.x, w.y), "blocked by the water");
    for (let i = 0; i < 20; i++) w.update(100, { dx: 1, dy: -1 });
    assert.ok(w.y < 33 * T, "slides up along the water's edge");
  });
});

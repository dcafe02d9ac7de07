import assert from "node:assert/strict";
import { castRay, lineOfSight, wallDistance } from "../../../shared/shooter/index.js";
import { textMap } from "./helpers.js";

const map = textMap([
  "##########",
  "#S.......#",
  "#...#....#",
  "#........#",
  "#.......S#",
  "##########",
]);

describe("shooter hitscan: rays against walls and players", () => {
  const target = (id: string, x: number, y: number) => ({ id, x, y, r: 12 });

  it("hits the nearest player along the ray", () => {
    const r = castRay(map, { x: 48, y: 48 }, 0, 1000, [target("far", 250, 48), target("near", 150, 48)], "me");
    assert.equal(r.target, "near");
    assert.ok(Math.abs(r.distance - (150 - 12 - 48)) < 1e-6);
  });

  it("shooting through a wall hits nothing: the ray stops at the wall", () => {
    // wall tile (4, 2) spans x 128..160, y 64..96; shooter left of it, target right of it
    const r = castRay(map, { x: 48, y: 80 }, 0, 1000, [target("behind", 250, 80)], "me");
    assert.equal(r.target, null);
    assert.equal(r.end.x, 128);
    assert.equal(lineOfSight(map, { x: 48, y: 80 }, { x: 250, y: 80 }), false);
    assert.equal(lineOfSight(map, { x: 48, y: 48 }, { x: 250, y: 48 }), true);
  });

  it("respects range and skips the shooter", () => {
    assert.equal(castRay(map, { x: 48, y: 48 }, 0, 50, [target("t", 150, 48)], "me").target, null);
    assert.equal(castRay(map, { x: 48, y: 48 }, 0, 1000, [target("me", 48, 48)], "me").target, null);
  });

  it("finds the first wall on diagonal rays", () => {
    const d = wallDistance(map, 48, 48, Math.SQRT1_2, Math.SQRT1_2, 1000);
    assert.ok(d > 100 && d < 200, `diagonal reaches the bottom wall at ${d}`);
    assert.equal(wallDistance(map, 48, 48, -1, 0, 1000), 16);
  });
});

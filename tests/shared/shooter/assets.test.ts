import assert from "node:assert/strict";
import { MAPS, WEAPONS, parseMap, parseWeapons, overlapsWall, PLAYER_RADIUS } from "../../../shared/shooter/index.js";
import { tiledJson } from "./helpers.js";

describe("shooter assets: maps and weapons are data", () => {
  it("ships at least two valid maps with walls and spawns clear of walls", () => {
    assert.ok(MAPS.length >= 2);
    for (const m of MAPS) {
      assert.ok(m.solid.some((s) => s === 1), `${m.id} has walls`);
      assert.ok(m.spawns.length >= 2, `${m.id} has spawns`);
      for (const s of m.spawns) assert.ok(!overlapsWall(s.x, s.y, PLAYER_RADIUS, m), `${m.id} spawn ${s.x},${s.y} clear`);
    }
    assert.equal(new Set(MAPS.map((m) => m.id)).size, MAPS.length);
  });

  it("ships at least two valid weapons", () => {
    assert.ok(WEAPONS.length >= 2);
  });

  const bad: [string, (j: any) => void, RegExp][] = [
    ["no walls layer", (j) => (j.layers = j.layers.filter((l: any) => l.name !== "walls")), /walls/],
    ["wrong data length", (j) => j.layers[0].data.pop(), /walls.data/],
    ["spawn inside a wall", (j) => (j.layers[1].objects[0] = { x: 1, y: 1 }), /inside a wall/],
    ["one spawn only", (j) => j.layers[1].objects.pop(), /two spawn/],
    ["isometric", (j) => (j.orientation = "isometric"), /orthogonal/],
  ];
  for (const [name, breakIt, message] of bad) {
    it(`refuses a map with ${name}`, () => {
      const j = tiledJson(["#####", "#S.S#", "#...#", "#####"]) as any;
      breakIt(j);
      const r = parseMap(j, "x");
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, "INVALID_MAP");
        assert.match(r.error.message, message);
      }
    });
  }

  it("refuses weapons with bad fields, listing each problem", () => {
    const r = parseWeapons([{ id: "x", name: "X", fireIntervalMs: 0, damage: 10, pellets: 1, spread: 0, range: 100, magazine: 5, reloadMs: 100 }, { id: "x" }]);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, "INVALID_WEAPONS");
      assert.match(r.error.message, /x\.fireIntervalMs/);
      assert.match(r.error.message, /duplicate id/);
    }
  });
});

import assert from "node:assert/strict";
import { isWalkable, loadPlazaMap, privateAreaAt } from "../../../shared/plaza/index.js";
import { PLAZA_MAP } from "../../../shared/plaza/world.js";
import { tinyMap } from "./helpers.js";

describe("plaza map", () => {
  it("loads a Tiled map: units in pixels, impassable tiles, spawns, private areas, colours", () => {
    const r = loadPlazaMap(tinyMap());
    assert.ok(r.ok, r.ok ? "" : r.error.message);
    const m = r.value;
    assert.deepEqual([m.width, m.height, m.tileSize], [10, 8, 10]);
    assert.deepEqual([m.nearRadius, m.viewRadius, m.maxSpeed], [20, 40, 50]);
    assert.deepEqual(m.spawns, [{ x: 15, y: 15 }]);
    assert.equal(m.tiles.get(1)?.color, "#112233", "#aarrggbb loses its alpha");
    assert.equal(isWalkable(m, 55, 35), false, "the wall tile");
    assert.equal(isWalkable(m, 45, 35), true);
    assert.equal(isWalkable(m, -1, 5), false);
    assert.equal(isWalkable(m, 100, 5), false, "x = width is outside");
    assert.equal(privateAreaAt(m, 65, 5)?.name, "Room");
    assert.equal(privateAreaAt(m, 5, 55), undefined, "a non-private area is not private");
    assert.equal(privateAreaAt(m, 100, 5), undefined);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["isometric maps", { orientation: "isometric" }, /orientation/],
    ["non-square tiles", { tileheight: 12 }, /square/],
    ["no spawn", { layers: [{ type: "tilelayer", name: "g", width: 10, height: 8, data: new Array(80).fill(1) }] }, /spawns/],
    ["a spawn on a wall", { layers: [
      { type: "tilelayer", name: "g", width: 10, height: 8, data: new Array(80).fill(2) },
      { type: "objectgroup", name: "spawns", objects: [{ id: 1, x: 15, y: 15 }] },
    ] }, /impassable/],
    ["a layer of the wrong size", { layers: [{ type: "tilelayer", name: "g", width: 10, height: 8, data: [1] }] }, /10×8/],
    ["viewRadius below nearRadius", { properties: [{ name: "nearRadius", value: 5 }, { name: "viewRadius", value: 2 }] }, /viewRadius/],
    ["a map wider than 65,536 px (positions travel as 16-bit)", { width: 1000, tilewidth: 66, tileheight: 66, layers: [] }, /65536 px/],
    ["a negative speed", { properties: [{ name: "maxSpeed", value: -1 }] }, /maxSpeed/],
  ];
  for (const [what, overrides, message] of bad) {
    it(`refuses ${what} with INVALID_MAP`, () => {
      const r = loadPlazaMap(tinyMap(overrides));
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, "INVALID_MAP");
        assert.match(r.error.message, message);
      }
    });
  }

  it("the project's map is valid, has private areas, and its spawns are walkable", () => {
    assert.ok(PLAZA_MAP.areas.some((a) => a.private));
    assert.ok(PLAZA_MAP.spawns.length >= 3);
    for (const s of PLAZA_MAP.spawns) assert.ok(isWalkable(PLAZA_MAP, s.x, s.y));
    // newcomers see each other (within the area of interest) without being put into a conversation
    for (const a of PLAZA_MAP.spawns) {
      for (const b of PLAZA_MAP.spawns) {
        if (a === b) continue;
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        assert.ok(d > PLAZA_MAP.nearRadius && d < PLAZA_MAP.viewRadius, `spawns (${a.x}, ${a.y}) and (${b.x}, ${b.y}) are ${d} px apart`);
      }
    }
    assert.ok(PLAZA_MAP.viewRadius > PLAZA_MAP.nearRadius);
  });
});

import assert from "node:assert/strict";
import { checkMove, fullBucket, loadPlazaMap, newWalker, take, type MoveRules, type PlazaMap } from "../../../shared/plaza/index.js";
import { tinyMap } from "./helpers.js";

const r = loadPlazaMap(tinyMap());
if (!r.ok) throw new Error(r.error.message);
const map: PlazaMap = r.value; // 10 px tiles, max speed 50 px/s, a wall at tile (5, 3)
const rules: MoveRules = { maxSpeed: map.maxSpeed, burstSeconds: 1 };

describe("plaza movement sanity", () => {
  it("accepts a walk within the speed budget and spends it", () => {
    const w = newWalker(15, 15, 0, rules);
    const a = checkMove(map, w, 45, 15, 0, rules);
    assert.ok(a.ok);
    if (a.ok) assert.equal(a.value.budget, 20);
    assert.deepEqual(w, { x: 15, y: 15, budget: 50, at: 0 }, "the input walker is not changed");
  });

  const refused: Array<[string, number, number, number, string]> = [
    ["a teleport across the map", 95, 75, 0, "TOO_FAST"],
    ["outside the map (negative)", -1, 15, 1000, "OUT_OF_MAP"],
    ["outside the map (x = width)", 100, 15, 1000, "OUT_OF_MAP"],
    ["onto an impassable tile", 55, 35, 5000, "BLOCKED"],
  ];
  for (const [what, x, y, now, code] of refused) {
    it(`refuses ${what} with ${code}, telling where the avatar still is`, () => {
      const out = checkMove(map, newWalker(45, 35, 0, rules), x, y, now, rules);
      assert.equal(out.ok, false);
      if (!out.ok) {
        assert.equal(out.error.code, code);
        assert.deepEqual(out.error.details, { x: 45, y: 35 });
      }
    });
  }

  it("refuses walking through a wall even when both ends are free", () => {
    const out = checkMove(map, newWalker(45, 35, 0, rules), 65, 35, 5000, rules);
    assert.equal(!out.ok && out.error.code, "BLOCKED");
  });

  it("the budget refills at max speed and is capped: jitter is absorbed, saving up for a teleport is not", () => {
    let w = newWalker(5, 5, 0, rules);
    for (let i = 1; i <= 10; i++) {
      const step = checkMove(map, w, 5 + 5 * i, 5, i * 100, rules); // 5 px per 100 ms = exactly max speed
      assert.ok(step.ok, `step ${i}`);
      if (step.ok) w = step.value;
    }
    const burst = checkMove(map, w, 45, 15, 1000, rules); // two late messages at once: uses the saved budget
    assert.ok(burst.ok);
    const idle = newWalker(5, 65, 0, rules);
    assert.equal(checkMove(map, idle, 75, 65, 60_000, rules).ok, false, "a minute idle does not allow a 70 px jump (cap: 1 s)");
  });

  it("a token bucket refuses a flood and refills with time", () => {
    const rule = { perSecond: 10, burst: 3 };
    let b = fullBucket(rule, 0);
    for (let i = 0; i < 3; i++) b = take(b, rule, 0)!;
    assert.equal(take(b, rule, 0), null);
    assert.equal(take(b, rule, 50), null, "half a token after 50 ms");
    assert.ok(take(b, rule, 100));
  });
});

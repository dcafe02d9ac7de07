import assert from "node:assert/strict";
import { createRng } from "../../../shared/core/rng.js";
import { acceptableGap, assignColors, pickOpponent, type Seeker } from "../../../shared/chess/index.js";

const NOW = 100_000;
const seeker: Seeker = { userId: "new", rating: 1500, waitingSinceMs: NOW };

function waiting(userId: string, rating: number, waitedS: number): Seeker {
  return { userId, rating, waitingSinceMs: NOW - waitedS * 1000 };
}

describe("chess quick pairing", () => {
  const rows: Array<{ name: string; pool: Seeker[]; expected: string | null }> = [
    { name: "nobody waiting", pool: [], expected: null },
    { name: "only oneself", pool: [waiting("new", 1500, 30)], expected: null },
    { name: "closest rating wins", pool: [waiting("a", 1580, 0), waiting("b", 1460, 0), waiting("c", 1530, 0)], expected: "c" },
    { name: "too far for a fresh pair", pool: [waiting("far", 1800, 0)], expected: null },
    { name: "the gap widens with the waiter's time (100 + 20/s)", pool: [waiting("far", 1800, 10)], expected: "far" },
    { name: "... but not quite yet", pool: [waiting("far", 1800, 9)], expected: null },
    { name: "never beyond the cap", pool: [waiting("far", 2400, 3_600)], expected: null },
    { name: "equal gaps: the longest waiter first", pool: [waiting("x", 1550, 5), waiting("y", 1450, 20)], expected: "y" },
    { name: "equal gaps and waits: smaller id (deterministic)", pool: [waiting("q", 1550, 5), waiting("p", 1450, 5)], expected: "p" },
  ];
  for (const row of rows) {
    it(`${row.name} -> ${row.expected ?? "no pairing"}`, () => {
      assert.equal(pickOpponent(seeker, row.pool, NOW)?.userId ?? null, row.expected);
    });
  }

  it("acceptableGap grows linearly then caps", () => {
    assert.equal(acceptableGap(NOW, NOW), 100);
    assert.equal(acceptableGap(NOW - 5_000, NOW), 200);
    assert.equal(acceptableGap(NOW - 600_000, NOW), 800);
    assert.equal(acceptableGap(NOW + 5_000, NOW), 100, "a wait in the future counts as none");
  });

  it("assigns colours with the given rng, reproducibly", () => {
    const first = assignColors("a", "b", createRng(3));
    assert.deepEqual(assignColors("a", "b", createRng(3)), first);
    assert.deepEqual(new Set([first.white, first.black]), new Set(["a", "b"]));
    const rng = createRng(11);
    const whites = new Set(Array.from({ length: 20 }, () => assignColors("a", "b", rng).white));
    assert.equal(whites.size, 2, "both outcomes happen");
  });
});

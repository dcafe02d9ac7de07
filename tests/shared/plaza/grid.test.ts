import assert from "node:assert/strict";
import fc from "fast-check";
import { SpatialGrid } from "../../../shared/plaza/index.js";

type Op = { kind: "insert"; id: number; x: number; y: number } | { kind: "move"; id: number; x: number; y: number } | { kind: "remove"; id: number } | { kind: "query"; x: number; y: number; r: number };

const coord = fc.integer({ min: -50, max: 400 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), id: fc.integer({ min: 1, max: 30 }), x: coord, y: coord }),
  fc.record({ kind: fc.constant("move" as const), id: fc.integer({ min: 1, max: 30 }), x: coord, y: coord }),
  fc.record({ kind: fc.constant("remove" as const), id: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("query" as const), x: coord, y: coord, r: fc.integer({ min: 0, max: 200 }) }),
);

describe("plaza spatial grid", () => {
  it("inserts, moves, removes and answers radius queries (inclusive)", () => {
    const g = new SpatialGrid(10);
    g.insert(1, 0, 0);
    g.insert(2, 3, 4); // distance 5
    g.insert(3, 25, 0);
    assert.deepEqual(g.queryRadius(0, 0, 5), [1, 2]);
    assert.deepEqual(g.queryRadius(0, 0, 4.99), [1]);
    g.move(3, 1, 1);
    assert.deepEqual(g.queryRadius(0, 0, 5), [1, 2, 3]);
    assert.equal(g.remove(2), true);
    assert.equal(g.remove(2), false);
    assert.deepEqual(g.queryRadius(0, 0, 100), [1, 3]);
    assert.throws(() => g.insert(1, 0, 0), /already/);
    assert.throws(() => g.move(9, 0, 0), /not inserted/);
    g.check();
  });

  it("matches a brute-force search over random operation sequences (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 80 }), fc.array(op, { maxLength: 200 }), (cell, ops) => {
        const g = new SpatialGrid(cell);
        const ref = new Map<number, { x: number; y: number }>();
        for (const o of ops) {
          if (o.kind === "insert") {
            if (ref.has(o.id)) continue;
            g.insert(o.id, o.x, o.y);
            ref.set(o.id, { x: o.x, y: o.y });
          } else if (o.kind === "move") {
            if (!ref.has(o.id)) continue;
            g.move(o.id, o.x, o.y);
            ref.set(o.id, { x: o.x, y: o.y });
          } else if (o.kind === "remove") {
            assert.equal(g.remove(o.id), ref.delete(o.id));
          } else {
            const expected = [...ref].filter(([, p]) => (p.x - o.x) ** 2 + (p.y - o.y) ** 2 <= o.r * o.r).map(([id]) => id).sort((a, b) => a - b);
            assert.deepEqual(g.queryRadius(o.x, o.y, o.r), expected);
          }
          g.check();
        }
        assert.equal(g.size, ref.size);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

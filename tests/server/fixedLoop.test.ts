import { strict as assert } from "node:assert";
import { PhasePlan, patchDue, spreadFraction } from "../../server/rooms/shooter/fixedLoop.js";

describe("shooter loop phases (server/rooms/shooter/fixedLoop.ts)", () => {
  it("spreads fractions as bit-reversed indices", () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map(spreadFraction), [0, 0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875]);
  });

  it("keeps any first n loops at least period / (2·n) apart", () => {
    for (let n = 2; n <= 64; n++) {
      const offsets = Array.from({ length: n }, (_, k) => spreadFraction(k)).sort((a, b) => a - b);
      const gaps = offsets.map((o, i) => (i + 1 < n ? offsets[i + 1]! : 1 + offsets[0]!) - o);
      assert.ok(Math.min(...gaps) >= 1 / (2 * n) - 1e-12, `n=${n}: min gap ${Math.min(...gaps)}`);
    }
  });

  it("hands out the lowest free slot and reuses released ones", () => {
    const plan = new PhasePlan(32, 0);
    assert.deepEqual([plan.take(), plan.take(), plan.take()], [0, 1, 2]);
    plan.release(1);
    assert.equal(plan.take(), 1);
    assert.equal(plan.take(), 3);
  });

  it("starts a slot at the next time in its phase, never in the past", () => {
    const plan = new PhasePlan(32, 1000);
    assert.equal(plan.nextStart(0, 1000), 1000);
    assert.equal(plan.nextStart(0, 1000.5), 1032);
    assert.equal(plan.nextStart(1, 1000), 1016);
    assert.equal(plan.nextStart(1, 1017), 1048);
    assert.equal(plan.nextStart(2, 990), 1008); // before the epoch: the first phase time after now
    for (let now = 0; now < 2000; now += 7.3) {
      const t = plan.nextStart(3, now);
      assert.ok(t >= now && t - now < 32, `now=${now}: ${t}`);
      assert.equal((((t - 1000 - 24) % 32) + 32) % 32, 0);
    }
  });

  it("patches at the patch rate for any ratio of rates", () => {
    const count = (tickHz: number, patchHz: number, steps: number) => Array.from({ length: steps }, (_, i) => patchDue(i + 1, tickHz, patchHz)).filter(Boolean).length;
    assert.deepEqual(Array.from({ length: 6 }, (_, i) => patchDue(i + 1, 64, 32)), [false, true, false, true, false, true]);
    assert.equal(count(64, 32, 640), 320);
    assert.equal(count(64, 64, 640), 640);
    assert.equal(count(50, 20, 500), 200);
    assert.equal(count(64, 20, 6400), 2000);
    assert.equal(count(64, 1, 640), 10);
  });
});

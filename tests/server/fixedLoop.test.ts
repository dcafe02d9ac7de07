import { strict as assert } from "node:assert";
import { PhasePlan, patchDue } from "../../server/rooms/shooter/fixedLoop.js";

describe("shooter loop phases (server/rooms/shooter/fixedLoop.ts)", () => {
  const S = 1000 / 64;
  const circ = (d: number, period: number) => Math.min(((d % period) + period) % period, period - (((d % period) + period) % period));
  const minGap = (xs: number[], period: number) => Math.min(...xs.flatMap((x, i) => xs.slice(i + 1).map((y) => circ(x - y, period))));

  it("keeps the first n ≤ 8 loops' 64 Hz steps ≥ S/2^⌈log₂n⌉ apart, and their 32 Hz patches ≥ S/8 apart", () => {
    const plan = new PhasePlan(64, 32, 0);
    const offsets: number[] = [];
    for (let n = 1; n <= 8; n++) {
      offsets.push(plan.offsetOf(plan.take()));
      if (n === 1) continue;
      // steps at offset + k·S: their phases mod S; patches on even steps: phases mod 2S
      assert.ok(minGap(offsets, S) >= S / 2 ** Math.ceil(Math.log2(n)) - 1e-9, `n=${n}: steps ${minGap(offsets, S)} apart`);
      assert.ok(minGap(offsets, 2 * S) >= S / 8 - 1e-9, `n=${n}: patches ${minGap(offsets, 2 * S)} apart`);
    }
    assert.ok(Math.abs(minGap(offsets, S) - S / 8) < 1e-9, "8 loops: a step every S/8");
  });

  it("keeps any n ≤ 32 loops' steps at least S/(2n) apart", () => {
    const plan = new PhasePlan(64, 32, 0);
    const offsets: number[] = [];
    for (let n = 1; n <= 32; n++) {
      offsets.push(plan.offsetOf(plan.take()));
      if (n > 1) assert.ok(minGap(offsets, S) >= S / (2 * n) - 1e-9, `n=${n}: ${minGap(offsets, S)}`);
    }
  });

  it("works out the cycle for any pair of rates (50/20: 5 steps, patches on 2 of them)", () => {
    const plan = new PhasePlan(50, 20, 0);
    assert.equal(plan.cycleMs, 100);
    const [a, b] = [plan.offsetOf(plan.take()), plan.offsetOf(plan.take())];
    assert.ok(circ(a - b, 20) >= 10 - 1e-9, `steps of two loops ${circ(a - b, 20)} ms apart`);
  });

  it("hands out the lowest free slot and reuses released ones", () => {
    const plan = new PhasePlan(64, 32, 0);
    assert.deepEqual([plan.take(), plan.take(), plan.take()], [0, 1, 2]);
    plan.release(1);
    assert.equal(plan.take(), 1);
    assert.equal(plan.take(), 3);
  });

  it("starts a slot at the next time in its phase, never in the past", () => {
    const plan = new PhasePlan(64, 32, 1000); // cycle 31.25 ms
    const [s0, s1, s2, s3] = [plan.take(), plan.take(), plan.take(), plan.take()];
    assert.equal(plan.nextStart(s0, 1000), 1000);
    assert.equal(plan.nextStart(s0, 1000.5), 1031.25);
    const o1 = plan.offsetOf(s1);
    assert.equal(plan.nextStart(s1, 1000), 1000 + o1);
    assert.equal(plan.nextStart(s1, 1000 + o1 + 1), 1000 + o1 + 31.25);
    assert.equal(plan.nextStart(s2, 1000 + plan.offsetOf(s2) - 40), 1000 + plan.offsetOf(s2) - 31.25); // before the epoch: the first phase time after now
    for (let now = 0; now < 2000; now += 7.3) {
      const t = plan.nextStart(s3, now);
      assert.ok(t >= now && t - now < 31.25, `now=${now}: ${t}`);
      assert.ok(circ(t - 1000 - plan.offsetOf(s3), 31.25) < 1e-6);
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

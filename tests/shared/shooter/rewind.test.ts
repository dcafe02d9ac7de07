import assert from "node:assert/strict";
import fc from "fast-check";
import { RewindBuffer, rewindTicks } from "../../../shared/shooter/index.js";

describe("shooter rewind buffer (lag compensation bound)", () => {
  it("200 ms at 64 Hz is 12 ticks: never more than the window", () => {
    assert.equal(rewindTicks(200, 64), 12);
    assert.ok((rewindTicks(200, 64) * 1000) / 64 <= 200);
  });

  it("answers any tick inside the window with that tick's frame", () => {
    const b = new RewindBuffer(12);
    for (let t = 1; t <= 100; t++) b.record(t, [{ id: "a", x: t, y: 0, r: 12 }]);
    for (let t = 88; t <= 100; t++) assert.equal(b.at(t)!.targets[0]!.x, t);
  });

  it("clamps requests older than the bound, and from the future, into the window (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: -1000, max: 2000 }), (max, recorded, wanted) => {
        const b = new RewindBuffer(max);
        for (let t = 1; t <= recorded; t++) b.record(t, []);
        const f = b.at(wanted)!;
        assert.ok(f.tick >= recorded - max && f.tick >= 1, `tick ${f.tick} is older than the bound`);
        assert.ok(f.tick <= recorded, "never the future");
        if (wanted >= Math.max(1, recorded - max) && wanted <= recorded) assert.equal(f.tick, wanted);
      }),
    );
  });

  it("refuses non-increasing ticks (a bug)", () => {
    const b = new RewindBuffer(4);
    b.record(5, []);
    assert.throws(() => b.record(5, []));
  });
});

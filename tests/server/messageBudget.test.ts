/** server/platform/messageBudget.ts: the per-client message budget (token bucket). */
import assert from "node:assert/strict";
import { MessageBudget } from "../../server/platform/messageBudget.js";

/** Feeds `times` (ms) to a fresh budget; returns how many were allowed before the first refusal (or all). */
function allowed(perSecond: number, times: number[]): number {
  const b = new MessageBudget(perSecond, times[0] ?? 0);
  for (let i = 0; i < times.length; i++) if (!b.take(times[i]!)) return i;
  return times.length;
}

describe("message budget (messageBudget.ts)", () => {
  it("lets a client send at 90 % of the limit for a minute, evenly", () => {
    const times = Array.from({ length: 180 * 60 }, (_, i) => (i * 1000) / 180);
    assert.equal(allowed(200, times), times.length);
  });

  it("still lets it through when the server processes its messages in bunches (a stall every second)", () => {
    // 180 a second, sent evenly, but processed only after 230 ms stalls: each bunch at the stall's end
    const times = Array.from({ length: 180 * 30 }, (_, i) => {
      const sent = (i * 1000) / 180;
      const stallEnd = Math.ceil(sent / 500) * 500; // the loop is free only at each half second
      return stallEnd;
    });
    assert.equal(allowed(200, times), times.length);
  });

  it("cuts a flood off after one second's worth", () => {
    const times = Array.from({ length: 500 }, () => 1000); // 500 at once
    assert.equal(allowed(200, times), 200);
  });

  it("cuts a sustained rate over the limit off within seconds", () => {
    const times = Array.from({ length: 2000 }, (_, i) => (i * 1000) / 300); // 300 a second against 200
    const n = allowed(200, times);
    assert.ok(n > 200 && n < 700, `refused after ${n} messages (≈ 2 s at 300/s)`);
  });

  it("refills with time, never above one second's worth", () => {
    const b = new MessageBudget(10, 0);
    for (let i = 0; i < 10; i++) assert.ok(b.take(0));
    assert.equal(b.take(0), false);
    assert.ok(b.take(100)); // 100 ms → one token
    assert.equal(b.take(100), false);
    for (let i = 0; i < 10; i++) assert.ok(b.take(60_000), `token ${i} after a long pause`);
    assert.equal(b.take(60_000), false, "no more than a second's worth banked");
    assert.throws(() => new MessageBudget(0, 0));
  });
});

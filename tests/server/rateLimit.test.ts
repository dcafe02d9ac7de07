import assert from "node:assert/strict";
import { TokenBuckets } from "../../server/platform/rateLimit.js";

describe("token-bucket rate limit", () => {
  it("allows the burst, then one per refill period, per key", () => {
    let now = 1_000_000;
    const b = new TokenBuckets({ capacity: 3, refillPerSecond: 1, now: () => now });
    assert.deepEqual([b.take("a"), b.take("a"), b.take("a")], [0, 0, 0]);
    assert.equal(b.take("a"), 1, "the fourth waits a second");
    assert.equal(b.take("b"), 0, "another key has its own bucket");
    now += 1000;
    assert.equal(b.take("a"), 0);
    assert.equal(b.take("a"), 1);
    now += 60_000;
    assert.deepEqual([b.take("a"), b.take("a"), b.take("a"), b.take("a")], [0, 0, 0, 1], "refills to capacity, not beyond");
  });
});

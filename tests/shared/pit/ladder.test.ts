import assert from "node:assert/strict";
import fc from "fast-check";
import { Ladder } from "../../../shared/pit/ladder.js";
import { BUY, OrderPool, SELL, TraderSlot, type Order } from "../../../shared/pit/order.js";

/** The bitmap ladder against a plain set of occupied indices, across 32-bit word boundaries. */
describe("pit ladder (price levels + occupancy bitmap)", () => {
  const SIZE = 130; // five words, the last one partial

  for (const isBid of [true, false]) {
    it(`${isBid ? "bids" : "asks"}: best, nextSet and prevSet agree with a naive model under random appends and removals`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom(0, 1, 30, 31, 32, 33, 63, 64, 95, 96, 127, 128, 129), fc.integer({ min: 0, max: SIZE - 1 })), { maxLength: 80 }), (ops) => {
          const ladder = new Ladder(isBid, 1_000, SIZE);
          const pool = new OrderPool();
          const trader = new TraderSlot("t");
          const live: Order[] = [];
          for (const [add, edge, any] of ops) {
            if (add || live.length === 0) {
              const o = pool.acquire(trader, String(live.length), isBid ? BUY : SELL, 0, 0, 1, false);
              const idx = add ? edge : any;
              o.price = o.reservePrice = 1_000 + idx;
              ladder.append(o, idx);
              live.push(o);
            } else {
              const o = live.splice(any % live.length, 1)[0]!;
              ladder.unlink(o);
            }
            const occupied = new Set(live.map((o) => o.price - 1_000));
            const sorted = [...occupied].sort((a, b) => a - b);
            const best = sorted.length === 0 ? -1 : isBid ? sorted[sorted.length - 1]! : sorted[0]!;
            assert.equal(ladder.best, best);
            for (let from = -1; from <= SIZE; from++) {
              assert.equal(ladder.nextSet(from < 0 ? 0 : from), sorted.find((i) => i >= Math.max(0, from)) ?? -1, `nextSet(${from})`);
              assert.equal(ladder.prevSet(from), [...sorted].reverse().find((i) => i <= from) ?? -1, `prevSet(${from})`);
            }
            assert.equal(ladder.orders, live.length);
          }
        }),
        { numRuns: 150, seed: 3 },
      );
    });
  }
});

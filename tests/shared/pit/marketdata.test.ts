import assert from "node:assert/strict";
import { Engine, executionReports, reportsFor } from "../../../shared/pit/index.js";
import { amend, buy, cancel, funded, mbuy, sell, step } from "./helpers.js";

describe("pit market data", () => {
  it("L2 depth aggregates orders per price, best first, top N per side", () => {
    const e = funded();
    for (const [t, id, p, q] of [["a", "1", 99, 2], ["b", "1", 99, 3], ["a", "2", 97, 1], ["c", "1", 98, 4]] as const) step(e, buy(t, id, p, q));
    for (const [t, id, p, q] of [["a", "3", 103, 1], ["b", "2", 101, 5], ["c", "2", 101, 1]] as const) step(e, sell(t, id, p, q));
    assert.deepEqual(e.depth(2), {
      bids: [{ price: 99, qty: 5, orders: 2 }, { price: 98, qty: 4, orders: 1 }],
      asks: [{ price: 101, qty: 6, orders: 2 }, { price: 103, qty: 1, orders: 1 }],
    });
    assert.equal(e.bestBid(), 99);
    assert.equal(e.bestAsk(), 101);
    assert.deepEqual(e.depth().bids.map((l) => l.price), [99, 98, 97]);
  });

  it("last price and stats since start follow the trades", () => {
    const e = funded();
    assert.equal(e.lastPrice(), null);
    assert.deepEqual(e.stats(), { open: null, high: null, low: null, last: null, volume: 0, notional: 0, trades: 0, firstTradeAt: null, lastTradeAt: null });
    step(e, sell("a", "1", 101, 2), 1_000);
    step(e, sell("a", "2", 104, 2), 1_000);
    step(e, buy("b", "1", 104, 3), 2_000); // 2@101, 1@104
    step(e, buy("c", "1", 99, 2), 3_000);
    step(e, sell("b", "2", 95, 1), 4_000); // 1@99
    assert.equal(e.lastPrice(), 99);
    assert.deepEqual(e.stats(), { open: 101, high: 104, low: 99, last: 99, volume: 4, notional: 202 + 104 + 99, trades: 3, firstTradeAt: 2_000, lastTradeAt: 4_000 });
  });

  it("the tape keeps the most recent trades, newest first, bounded", () => {
    const e = new Engine({ instrument: funded().instrument, ledger: null, tape: 3 });
    for (let i = 0; i < 5; i++) {
      e.execute(sell("a", `s${i}`, 100 + i, 1), i);
      e.execute(buy("b", `b${i}`, 100 + i, 1), i * 10);
    }
    assert.deepEqual(e.tape(), [
      { tradeId: 5, time: 40, price: 104, qty: 1, takerSide: "buy" },
      { tradeId: 4, time: 30, price: 103, qty: 1, takerSide: "buy" },
      { tradeId: 3, time: 20, price: 102, qty: 1, takerSide: "buy" },
    ]);
    assert.equal(e.tape(1).length, 1);
  });

  it("candles: 1 s and 1 min buckets, open/high/low/close/volume; a clock step back folds into the open candle", () => {
    const e = funded();
    const trade = (now: number, price: number, qty: number, id: string) => {
      step(e, sell("a", id, price, qty), now);
      step(e, buy("b", id, price, qty), now);
    };
    trade(10_100, 100, 1, "1");
    trade(10_900, 103, 2, "2");
    trade(10_950, 99, 1, "3");
    trade(11_000, 101, 4, "4");
    trade(75_000, 102, 1, "5");
    trade(74_000, 98, 1, "6"); // clock went back: stays in the current candles
    assert.deepEqual(e.candles(1_000), [
      { t: 10_000, open: 100, high: 103, low: 99, close: 99, volume: 4, trades: 3 },
      { t: 11_000, open: 101, high: 101, low: 101, close: 101, volume: 4, trades: 1 },
      { t: 75_000, open: 102, high: 102, low: 98, close: 98, volume: 2, trades: 2 },
    ]);
    assert.deepEqual(e.candles(60_000), [
      { t: 0, open: 100, high: 103, low: 99, close: 101, volume: 8, trades: 4 },
      { t: 60_000, open: 102, high: 102, low: 98, close: 98, volume: 2, trades: 2 },
    ]);
    assert.throws(() => e.candles(5_000), /no 5000 ms candles/);
  });

  it("candle series keep at most their capacity", () => {
    const e = new Engine({ instrument: funded().instrument, ledger: null, candles: [{ interval: 1_000, capacity: 3 }] });
    for (let i = 0; i < 6; i++) {
      e.execute(sell("a", `s${i}`, 100, 1), i * 1_000);
      e.execute(buy("b", `b${i}`, 100, 1), i * 1_000);
    }
    assert.deepEqual(e.candles(1_000).map((c) => c.t), [3_000, 4_000, 5_000]);
  });

  it("a trader's open orders are theirs only", () => {
    const e = funded();
    step(e, buy("a", "1", 99, 2));
    step(e, buy("b", "1", 99, 2));
    step(e, sell("a", "2", 101, 3, { postOnly: true }));
    assert.deepEqual(e.openOrders("a"), [
      { clientOrderId: "1", side: "buy", price: 99, leavesQty: 2, filledQty: 0, postOnly: false },
      { clientOrderId: "2", side: "sell", price: 101, leavesQty: 3, filledQty: 0, postOnly: true },
    ]);
    assert.equal(e.openOrders("c").length, 0);
    assert.equal(e.order("a", "1")?.leavesQty, 2);
    assert.equal(e.order("b", "2"), null);
  });
});

describe("pit execution reports", () => {
  it("maps each event to the concerned traders' reports", () => {
    const e = funded();
    step(e, sell("b", "s", 101, 2));
    const events = step(e, buy("a", "x", 102, 5, { tif: "IOC" }));
    assert.deepEqual(executionReports(events), [
      { traderId: "a", report: { clientOrderId: "x", status: "accepted", filledQty: 0, leavesQty: 5 } },
      { traderId: "b", report: { clientOrderId: "s", status: "filled", filledQty: 2, leavesQty: 0, lastPrice: 101, lastQty: 2 } },
      { traderId: "a", report: { clientOrderId: "x", status: "partially_filled", filledQty: 2, leavesQty: 3, lastPrice: 101, lastQty: 2 } },
      { traderId: "a", report: { clientOrderId: "x", status: "canceled", reason: "IOC_REMAINDER", filledQty: 2, leavesQty: 0 } },
    ]);
  });

  it("partial maker fill, amend, cancel and rejection", () => {
    const e = funded();
    step(e, sell("b", "s", 101, 5));
    assert.deepEqual(reportsFor(step(e, mbuy("a", "m", 2)), "b"), [{ clientOrderId: "s", status: "partially_filled", filledQty: 2, leavesQty: 3, lastPrice: 101, lastQty: 2 }]);
    assert.deepEqual(reportsFor(step(e, amend("b", "s", { qty: 1 })), "b"), [{ clientOrderId: "s", status: "partially_filled", filledQty: 2, leavesQty: 1 }]);
    assert.deepEqual(reportsFor(step(e, sell("b", "s", 101, 1)), "b"), [{ clientOrderId: "s", status: "rejected", reason: "DUPLICATE_ORDER_ID", filledQty: 2, leavesQty: 1 }], "the open order's state, unchanged");
    assert.deepEqual(reportsFor(step(e, amend("b", "s", { price: 200 })), "b"), [{ clientOrderId: "s", status: "rejected", reason: "PRICE_OUT_OF_BAND", filledQty: 2, leavesQty: 1 }]);
    assert.deepEqual(reportsFor(step(e, cancel("b", "s")), "b"), [{ clientOrderId: "s", status: "canceled", reason: "USER", filledQty: 2, leavesQty: 0 }]);
    assert.deepEqual(reportsFor(step(e, buy("b", "n", 100, 1)), "b"), [{ clientOrderId: "n", status: "accepted", filledQty: 0, leavesQty: 1 }]);
    assert.deepEqual(executionReports(e.apply({ type: "fund", traderId: "b", cash: 1, qty: 0 }, 0)), [], "funding is not an order");
  });

  it("an STP cancel reaches the owner of the resting order", () => {
    const e = funded();
    step(e, sell("a", "old", 101, 1));
    assert.deepEqual(reportsFor(step(e, buy("a", "new", 101, 1)), "a"), [
      { clientOrderId: "new", status: "accepted", filledQty: 0, leavesQty: 1 },
      { clientOrderId: "old", status: "canceled", reason: "STP", filledQty: 0, leavesQty: 0 },
    ]);
  });
});

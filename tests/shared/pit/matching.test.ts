import assert from "node:assert/strict";
import type { PitCommand } from "../../../shared/pit/index.js";
import { amend, buy, cancel, funded, ladder, mbuy, msell, sell, step, summarize } from "./helpers.js";

/**
 * Matching scenarios, one row each (exchange-core OrderBookBaseTest style). Traders a, b, c are
 * funded. `book` commands run first and must all be accepted; then `cmd` runs and its events
 * (see helpers.summarize: `trade QTY@PRICE MAKER TAKER`) and the ladder after are compared.
 * Every command of every row is followed by the full invariant check.
 */
interface Row {
  name: string;
  book?: PitCommand[];
  cmd: PitCommand;
  events: string[];
  bids?: string;
  asks?: string;
}

const rows: Row[] = [
  // ---- limit orders
  { name: "limit buy rests when nothing crosses", book: [sell("b", "1", 101, 10)], cmd: buy("a", "1", 100, 5), events: ["accepted a/1"], bids: "100:5", asks: "101:10" },
  { name: "a crossing limit buy trades at the maker's price", book: [sell("b", "1", 101, 10)], cmd: buy("a", "1", 103, 4), events: ["accepted a/1", "trade 4@101 b/1 a/1"], bids: "", asks: "101:6" },
  { name: "partial fill: the GTC remainder rests at its limit", book: [sell("b", "1", 101, 3)], cmd: buy("a", "1", 102, 5), events: ["accepted a/1", "trade 3@101 b/1 a/1"], bids: "102:2", asks: "" },
  {
    name: "a buy sweeps ask levels lowest price first",
    book: [sell("b", "1", 103, 2), sell("b", "2", 101, 2), sell("c", "1", 102, 2)],
    cmd: buy("a", "1", 103, 5),
    events: ["accepted a/1", "trade 2@101 b/2 a/1", "trade 2@102 c/1 a/1", "trade 1@103 b/1 a/1"],
    asks: "103:1",
  },
  {
    name: "a sell sweeps bid levels highest price first",
    book: [buy("b", "1", 98, 2), buy("c", "1", 99, 2)],
    cmd: sell("a", "1", 98, 3),
    events: ["accepted a/1", "trade 2@99 c/1 a/1", "trade 1@98 b/1 a/1"],
    bids: "98:1",
  },
  { name: "time priority inside a level (FIFO)", book: [sell("b", "1", 101, 2), sell("c", "1", 101, 2)], cmd: buy("a", "1", 101, 3), events: ["accepted a/1", "trade 2@101 b/1 a/1", "trade 1@101 c/1 a/1"], asks: "101:1" },
  { name: "a limit that does not reach the best price rests", book: [sell("b", "1", 101, 2)], cmd: buy("a", "1", 100, 2), events: ["accepted a/1"], bids: "100:2", asks: "101:2" },
  // ---- IOC
  { name: "IOC: remainder canceled", book: [sell("b", "1", 101, 2)], cmd: buy("a", "1", 101, 5, { tif: "IOC" }), events: ["accepted a/1", "trade 2@101 b/1 a/1", "canceled a/1 IOC_REMAINDER 3"], bids: "", asks: "" },
  { name: "IOC that crosses nothing is canceled whole", cmd: buy("a", "1", 100, 5, { tif: "IOC" }), events: ["accepted a/1", "canceled a/1 IOC_REMAINDER 5"], bids: "" },
  { name: "IOC filled completely has nothing to cancel", book: [buy("b", "1", 99, 5)], cmd: sell("a", "1", 99, 5, { tif: "IOC" }), events: ["accepted a/1", "trade 5@99 b/1 a/1"], bids: "", asks: "" },
  // ---- FOK
  {
    name: "FOK fills completely across levels",
    book: [sell("b", "1", 101, 2), sell("c", "1", 102, 3)],
    cmd: buy("a", "1", 102, 5, { tif: "FOK" }),
    events: ["accepted a/1", "trade 2@101 b/1 a/1", "trade 3@102 c/1 a/1"],
    asks: "",
  },
  { name: "FOK exactly fillable", book: [sell("b", "1", 101, 5)], cmd: buy("a", "1", 101, 5, { tif: "FOK" }), events: ["accepted a/1", "trade 5@101 b/1 a/1"], asks: "" },
  {
    name: "FOK that cannot fill completely trades nothing (liquidity beyond its limit does not count)",
    book: [sell("b", "1", 101, 2), sell("c", "1", 103, 3)],
    cmd: buy("a", "1", 102, 5, { tif: "FOK" }),
    events: ["accepted a/1", "canceled a/1 FOK_UNFILLED 5"],
    asks: "101:2 103:3",
  },
  {
    name: "FOK does not count the trader's own resting orders (STP would cancel them, not fill)",
    book: [sell("a", "9", 101, 3), sell("b", "1", 101, 2)],
    cmd: buy("a", "1", 101, 5, { tif: "FOK" }),
    events: ["accepted a/1", "canceled a/1 FOK_UNFILLED 5"],
    asks: "101:5",
  },
  {
    name: "FOK fillable without own orders cancels them on the way (STP) and fills",
    book: [sell("a", "9", 101, 3), sell("b", "1", 101, 2), sell("c", "1", 102, 3)],
    cmd: buy("a", "1", 102, 5, { tif: "FOK" }),
    events: ["accepted a/1", "canceled a/9 STP 3", "trade 2@101 b/1 a/1", "trade 3@102 c/1 a/1"],
    asks: "",
  },
  { name: "sell FOK mirror: unfilled", book: [buy("b", "1", 99, 4)], cmd: sell("a", "1", 99, 5, { tif: "FOK" }), events: ["accepted a/1", "canceled a/1 FOK_UNFILLED 5"], bids: "99:4" },
  // ---- market
  {
    name: "market buy sweeps up to the band edge, remainder canceled",
    book: [sell("b", "1", 101, 2), sell("c", "1", 110, 1)],
    cmd: mbuy("a", "1", 5),
    events: ["accepted a/1", "trade 2@101 b/1 a/1", "trade 1@110 c/1 a/1", "canceled a/1 MARKET_REMAINDER 2"],
    asks: "",
  },
  { name: "market sell fills against the best bids", book: [buy("b", "1", 95, 2), buy("c", "1", 90, 9)], cmd: msell("a", "1", 4), events: ["accepted a/1", "trade 2@95 b/1 a/1", "trade 2@90 c/1 a/1"], bids: "90:7" },
  { name: "market order with an empty opposite side: NO_LIQUIDITY", book: [sell("b", "1", 101, 2)], cmd: msell("a", "1", 1), events: ["rejected a/1 NO_LIQUIDITY"], asks: "101:2" },
  { name: "market FOK: all or nothing", book: [sell("b", "1", 101, 2)], cmd: mbuy("a", "1", 3, { tif: "FOK" }), events: ["accepted a/1", "canceled a/1 FOK_UNFILLED 3"], asks: "101:2" },
  { name: "market order with tif GTC behaves as IOC (never rests)", book: [sell("b", "1", 101, 1)], cmd: mbuy("a", "1", 2, { tif: "GTC" }), events: ["accepted a/1", "trade 1@101 b/1 a/1", "canceled a/1 MARKET_REMAINDER 1"], bids: "" },
  // ---- post-only
  { name: "post-only rests when it does not cross", book: [sell("b", "1", 101, 1)], cmd: buy("a", "1", 100, 1, { postOnly: true }), events: ["accepted a/1"], bids: "100:1" },
  { name: "post-only that would cross is rejected", book: [sell("b", "1", 101, 1)], cmd: buy("a", "1", 101, 1, { postOnly: true }), events: ["rejected a/1 POST_ONLY_WOULD_CROSS"], bids: "", asks: "101:1" },
  { name: "post-only sell that would cross is rejected", book: [buy("b", "1", 99, 1)], cmd: sell("a", "1", 95, 1, { postOnly: true }), events: ["rejected a/1 POST_ONLY_WOULD_CROSS"], bids: "99:1" },
  { name: "post-only crossing the trader's own order is rejected too", book: [sell("a", "9", 101, 1)], cmd: buy("a", "1", 101, 1, { postOnly: true }), events: ["rejected a/1 POST_ONLY_WOULD_CROSS"], asks: "101:1" },
  { name: "post-only with IOC is malformed", cmd: buy("a", "1", 100, 1, { postOnly: true, tif: "IOC" }), events: ["rejected a/1 INVALID_ORDER"] },
  { name: "post-only market order is malformed", cmd: mbuy("a", "1", 1, { postOnly: true }), events: ["rejected a/1 INVALID_ORDER"] },
  // ---- self-trade prevention (cancel resting)
  {
    name: "STP: the trader's resting order is canceled and the taker goes on to others",
    book: [sell("a", "9", 101, 2), sell("b", "1", 101, 3)],
    cmd: buy("a", "1", 101, 3),
    events: ["accepted a/1", "canceled a/9 STP 2", "trade 3@101 b/1 a/1"],
    asks: "",
  },
  {
    name: "STP: own order behind another trader's at the same level is canceled only when reached",
    book: [sell("b", "1", 101, 3), sell("a", "9", 101, 2), sell("c", "1", 101, 1)],
    cmd: buy("a", "1", 101, 4),
    events: ["accepted a/1", "trade 3@101 b/1 a/1", "canceled a/9 STP 2", "trade 1@101 c/1 a/1"],
    asks: "",
  },
  {
    name: "STP: a taker filled before reaching its own order leaves it resting",
    book: [sell("b", "1", 101, 3), sell("a", "9", 101, 2)],
    cmd: buy("a", "1", 101, 3),
    events: ["accepted a/1", "trade 3@101 b/1 a/1"],
    asks: "101:2",
  },
  { name: "STP: own better order canceled, the remainder rests", book: [sell("a", "9", 100, 2)], cmd: buy("a", "1", 101, 3), events: ["accepted a/1", "canceled a/9 STP 2"], bids: "101:3", asks: "" },
  { name: "STP: a market order meeting only its own orders cancels them and expires", book: [buy("a", "9", 99, 2)], cmd: msell("a", "1", 3), events: ["accepted a/1", "canceled a/9 STP 2", "canceled a/1 MARKET_REMAINDER 3"], bids: "" },
  // ---- duplicate ids
  { name: "an id equal to one of the trader's open orders is rejected", book: [buy("a", "1", 99, 2)], cmd: buy("a", "1", 98, 1), events: ["rejected a/1 DUPLICATE_ORDER_ID"], bids: "99:2" },
  { name: "a duplicate id is rejected even if it would have traded", book: [buy("a", "1", 99, 2), sell("b", "1", 101, 1)], cmd: buy("a", "1", 101, 1), events: ["rejected a/1 DUPLICATE_ORDER_ID"], bids: "99:2", asks: "101:1" },
  { name: "the same id from another trader is a different order", book: [buy("a", "1", 99, 2)], cmd: buy("b", "1", 98, 1), events: ["accepted b/1"], bids: "99:2 98:1" },
  { name: "an id can be reused once its order is canceled", book: [buy("a", "1", 99, 2), cancel("a", "1")], cmd: buy("a", "1", 98, 1), events: ["accepted a/1"], bids: "98:1" },
  { name: "an id can be reused once its order is filled", book: [sell("b", "1", 101, 2), buy("a", "1", 101, 2)], cmd: buy("a", "1", 98, 1), events: ["accepted a/1"], bids: "98:1" },
  { name: "an IOC's id is free again right after it", book: [buy("a", "1", 99, 1, { tif: "IOC" })], cmd: buy("a", "1", 99, 1), events: ["accepted a/1"], bids: "99:1" },
  // ---- cancel
  { name: "cancel removes the order", book: [buy("a", "1", 99, 2), buy("b", "1", 99, 3)], cmd: cancel("a", "1"), events: ["canceled a/1 USER 2"], bids: "99:3" },
  { name: "cancel of a partially filled order cancels the leaves", book: [buy("a", "1", 99, 5), sell("b", "1", 99, 2)], cmd: cancel("a", "1"), events: ["canceled a/1 USER 3"], bids: "" },
  { name: "cancel of an unknown order", cmd: cancel("a", "1"), events: ["rejected a/1 UNKNOWN_ORDER"] },
  { name: "cancel of another trader's order is unknown to the sender", book: [buy("a", "1", 99, 2)], cmd: cancel("b", "1"), events: ["rejected b/1 UNKNOWN_ORDER"], bids: "99:2" },
  { name: "cancel twice", book: [buy("a", "1", 99, 2), cancel("a", "1")], cmd: cancel("a", "1"), events: ["rejected a/1 UNKNOWN_ORDER"] },
  { name: "cancel of a filled order", book: [buy("a", "1", 99, 2), sell("b", "1", 99, 2)], cmd: cancel("a", "1"), events: ["rejected a/1 UNKNOWN_ORDER"] },
  // ---- amend
  { name: "amend reducing qty: reduced in place", book: [buy("a", "1", 99, 5)], cmd: amend("a", "1", { qty: 2 }), events: ["amended a/1 2@99 kept"], bids: "99:2" },
  {
    name: "amend reducing qty keeps time priority",
    book: [buy("a", "1", 99, 5), buy("b", "1", 99, 5), amend("a", "1", { qty: 2 })],
    cmd: sell("c", "1", 99, 3),
    events: ["accepted c/1", "trade 2@99 a/1 c/1", "trade 1@99 b/1 c/1"],
    bids: "99:4",
  },
  {
    name: "amend increasing qty loses time priority",
    book: [buy("a", "1", 99, 2), buy("b", "1", 99, 5), amend("a", "1", { qty: 4 })],
    cmd: sell("c", "1", 99, 5),
    events: ["accepted c/1", "trade 5@99 b/1 c/1"],
    bids: "99:4",
  },
  { name: "amend increasing qty is a move", book: [buy("a", "1", 99, 2)], cmd: amend("a", "1", { qty: 4 }), events: ["amended a/1 4@99 moved"], bids: "99:4" },
  {
    name: "amend of the price loses priority, even when moved back",
    book: [buy("a", "1", 99, 2), buy("b", "1", 99, 2), amend("a", "1", { price: 98 }), amend("a", "1", { price: 99 })],
    cmd: sell("c", "1", 99, 1),
    events: ["accepted c/1", "trade 1@99 b/1 c/1"],
    bids: "99:3",
  },
  { name: "amend to the same qty and price keeps priority (no-op)", book: [buy("a", "1", 99, 2)], cmd: amend("a", "1", { qty: 2, price: 99 }), events: ["amended a/1 2@99 kept"], bids: "99:2" },
  { name: "amend to a crossing price trades as a taker", book: [sell("b", "1", 101, 2), buy("a", "1", 99, 3)], cmd: amend("a", "1", { price: 101 }), events: ["amended a/1 3@101 moved", "trade 2@101 b/1 a/1"], bids: "101:1", asks: "" },
  { name: "amend crossing and filled completely leaves the book", book: [sell("b", "1", 101, 5), buy("a", "1", 99, 3)], cmd: amend("a", "1", { price: 102 }), events: ["amended a/1 3@102 moved", "trade 3@101 b/1 a/1"], bids: "", asks: "101:2" },
  {
    name: "amend crossing into the trader's own order: STP cancels it",
    book: [sell("a", "9", 101, 1), sell("b", "1", 102, 1), buy("a", "1", 99, 2)],
    cmd: amend("a", "1", { price: 102 }),
    events: ["amended a/1 2@102 moved", "canceled a/9 STP 1", "trade 1@102 b/1 a/1"],
    bids: "102:1",
    asks: "",
  },
  { name: "amend of a post-only order to a crossing price is rejected, order unchanged", book: [sell("b", "1", 101, 2), buy("a", "1", 99, 3, { postOnly: true })], cmd: amend("a", "1", { price: 101 }), events: ["rejected a/1 POST_ONLY_WOULD_CROSS"], bids: "99:3" },
  { name: "amend of a post-only order to a non-crossing price is fine", book: [sell("b", "1", 101, 2), buy("a", "1", 99, 3, { postOnly: true })], cmd: amend("a", "1", { price: 100 }), events: ["amended a/1 3@100 moved"], bids: "100:3" },
  { name: "amend of an unknown order", cmd: amend("a", "1", { qty: 1 }), events: ["rejected a/1 UNKNOWN_ORDER"] },
  { name: "amend with nothing to change is malformed", book: [buy("a", "1", 99, 2)], cmd: amend("a", "1", {}), events: ["rejected a/1 INVALID_ORDER"], bids: "99:2" },
  { name: "amend to qty 0 is invalid (cancel instead)", book: [buy("a", "1", 99, 2)], cmd: amend("a", "1", { qty: 0 }), events: ["rejected a/1 INVALID_QTY"], bids: "99:2" },
  { name: "amend outside the band", book: [buy("a", "1", 99, 2)], cmd: amend("a", "1", { price: 111 }), events: ["rejected a/1 PRICE_OUT_OF_BAND"], bids: "99:2" },
  { name: "amend of a partially filled order sets its leaves", book: [buy("a", "1", 99, 5), sell("b", "1", 99, 2)], cmd: amend("a", "1", { qty: 1 }), events: ["amended a/1 1@99 kept"], bids: "99:1" },
  // ---- band and validation
  { name: "a limit at the band's upper edge is accepted", cmd: buy("a", "1", 110, 1), events: ["accepted a/1"], bids: "110:1" },
  { name: "a limit at the band's lower edge is accepted", cmd: sell("a", "1", 90, 1), events: ["accepted a/1"], asks: "90:1" },
  { name: "above the band", cmd: buy("a", "1", 111, 1), events: ["rejected a/1 PRICE_OUT_OF_BAND"], bids: "" },
  { name: "below the band", cmd: sell("a", "1", 89, 1), events: ["rejected a/1 PRICE_OUT_OF_BAND"], asks: "" },
  { name: "price 0", cmd: buy("a", "1", 0, 1), events: ["rejected a/1 INVALID_PRICE"] },
  { name: "negative price", cmd: buy("a", "1", -100, 1), events: ["rejected a/1 INVALID_PRICE"] },
  { name: "fractional price", cmd: buy("a", "1", 100.5, 1), events: ["rejected a/1 INVALID_PRICE"] },
  { name: "NaN price", cmd: buy("a", "1", Number.NaN, 1), events: ["rejected a/1 INVALID_PRICE"] },
  { name: "price as a string", cmd: { ...buy("a", "1", 100, 1), price: "100" } as unknown as PitCommand, events: ["rejected a/1 INVALID_PRICE"] },
  { name: "limit without a price", cmd: { type: "order", traderId: "a", clientOrderId: "1", side: "buy", orderType: "limit", qty: 1 }, events: ["rejected a/1 INVALID_PRICE"] },
  { name: "market order with a price is malformed", cmd: { ...mbuy("a", "1", 1), price: 100 } as PitCommand, events: ["rejected a/1 INVALID_ORDER"] },
  { name: "qty 0", cmd: buy("a", "1", 100, 0), events: ["rejected a/1 INVALID_QTY"] },
  { name: "negative qty", cmd: sell("a", "1", 100, -3), events: ["rejected a/1 INVALID_QTY"] },
  { name: "fractional qty", cmd: buy("a", "1", 100, 1.5), events: ["rejected a/1 INVALID_QTY"] },
  { name: "qty above the instrument's maxQty", cmd: buy("a", "1", 100, 1_001), events: ["rejected a/1 INVALID_QTY"] },
  { name: "unknown side", cmd: { ...buy("a", "1", 100, 1), side: "hold" } as unknown as PitCommand, events: ["rejected a/1 INVALID_ORDER"] },
  { name: "unknown order type", cmd: { ...buy("a", "1", 100, 1), orderType: "stop" } as unknown as PitCommand, events: ["rejected a/1 INVALID_ORDER"] },
  { name: "unknown time in force", cmd: { ...buy("a", "1", 100, 1), tif: "DAY" } as unknown as PitCommand, events: ["rejected a/1 INVALID_ORDER"] },
  { name: "empty clientOrderId", cmd: buy("a", "", 100, 1), events: ["rejected a/ INVALID_ORDER"] },
  { name: "clientOrderId longer than 64 characters", cmd: buy("a", "x".repeat(65), 100, 1), events: [`rejected a/${"x".repeat(65)} INVALID_ORDER`] },
  { name: "unknown command type", cmd: { type: "teleport", traderId: "a" } as unknown as PitCommand, events: ["rejected a/ INVALID_ORDER"] },
];

describe("pit matching (table)", () => {
  for (const row of rows) {
    it(row.name, () => {
      const e = funded();
      for (const c of row.book ?? []) {
        const ev = step(e, c);
        assert.ok(!ev.some((x) => x.type === "rejected"), `setup command rejected: ${JSON.stringify(c)} → ${summarize(ev).join("; ")}`);
      }
      const seqBefore = e.seq;
      const hashBefore = e.stateHash();
      const events = step(e, row.cmd);
      assert.deepEqual(summarize(events), row.events);
      const l = ladder(e);
      if (row.bids !== undefined) assert.equal(l.bids, row.bids, "bids");
      if (row.asks !== undefined) assert.equal(l.asks, row.asks, "asks");
      if (events[0]?.type === "rejected") {
        assert.equal(events.length, 1);
        assert.equal(e.seq, seqBefore, "a rejection takes no seq");
        assert.equal(e.stateHash(), hashBefore, "a rejection changes nothing");
      } else {
        assert.equal(e.seq, seqBefore + 1, "an accepted command takes the next seq");
        for (const ev of events) assert.equal((ev as { seq: number }).seq, e.seq, "every event carries the command's seq");
      }
    });
  }
});

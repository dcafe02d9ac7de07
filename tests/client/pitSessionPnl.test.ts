/** The pit page's "P&L this session" (client/scenes/pit/sessionPnl.ts): from my fills, not from balances. */
import assert from "node:assert/strict";
import { SessionPnl } from "../../client/scenes/pit/sessionPnl.js";
import { fillText, OrderFills } from "../../client/scenes/pit/orderFills.js";
import { fmt } from "../../client/scenes/pit/format.js";

describe("pit client: P&L this session", () => {
  it("counts my fills at the mark: buy 10 @ 100, sell 4 @ 110 → +40 realized, 6 lots open", () => {
    const p = new SessionPnl();
    p.rememberSide("a", "buy");
    p.rememberSide("b", "sell");
    p.onExecution({ clientOrderId: "a", lastQty: 6, lastPrice: 100 });
    p.onExecution({ clientOrderId: "a", lastQty: 4, lastPrice: 100 });
    p.onExecution({ clientOrderId: "b", lastQty: 4, lastPrice: 110 });
    assert.equal(p.pnl(100), 40);
    assert.equal(p.pnl(105), 70, "the 6 open lots are marked");
    assert.equal(p.lots, 6);
    assert.equal(p.fills, 3);
  });

  it("ignores reports without a fill, and fills of orders it does not know the side of", () => {
    const p = new SessionPnl();
    p.rememberSide("a", "buy");
    p.onExecution({ clientOrderId: "a" }); // accepted
    p.onExecution({ clientOrderId: "zz", lastQty: 5, lastPrice: 100 });
    assert.equal(p.pnl(123), 0);
  });

  it("starts at zero whatever the balances are: cash moved into the room is not profit", () => {
    assert.equal(new SessionPnl().pnl(10_000), 0);
  });
});

describe("pit client: an order's fills for its message", () => {
  it("sums an order's fills: 2 @ 10,010 then 5 @ 10,011 is 7 @ avg 10,010.71, not the last fill alone", () => {
    const f = new OrderFills();
    const part = f.onExecution({ clientOrderId: "a", status: "partially_filled", filledQty: 2, lastQty: 2, lastPrice: 10_010 })!;
    assert.equal(fillText(part, fmt), "2 @ 10,010");
    const all = f.onExecution({ clientOrderId: "a", status: "filled", filledQty: 7, lastQty: 5, lastPrice: 10_011 })!;
    assert.equal(fillText(all, fmt), "7 @ avg 10,010.71");
    assert.equal(f.onExecution({ clientOrderId: "a", status: "accepted", filledQty: 0 }), undefined, "a closed order is forgotten (an id may be reused)");
  });

  it("says only the last price when some fills were before the page (it cannot average what it did not see)", () => {
    const f = new OrderFills();
    const r = f.onExecution({ clientOrderId: "old", status: "filled", filledQty: 9, lastQty: 3, lastPrice: 99 })!;
    assert.equal(fillText(r, fmt), "9 filled (last @ 99)");
    assert.equal(f.onExecution({ clientOrderId: "x", status: "canceled", filledQty: 0 }), undefined, "nothing filled: nothing to say");
  });
});

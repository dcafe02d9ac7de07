/** The pit page's "P&L this session" (client/scenes/pit/sessionPnl.ts): from my fills, not from balances. */
import assert from "node:assert/strict";
import { SessionPnl } from "../../client/scenes/pit/sessionPnl.js";

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

import assert from "node:assert/strict";
import fc from "fast-check";
import { checkInvariants, Engine, feeOf, INSTRUMENTS, MemoryLedger, requiredReservation, type Account } from "../../../shared/pit/index.js";
import { amend, buy, cancel, funded, mbuy, sell, step, summarize, TEST } from "./helpers.js";

const bal = (e: Engine, t: string): Account => (e.ledger as MemoryLedger).account(t);
const cashOf = (e: Engine, t: string) => bal(e, t).cash;
const lotsOf = (e: Engine, t: string) => bal(e, t).assets[e.symbol] ?? { available: 0, reserved: 0 };

function withTrader(cash: number, lots: number): Engine {
  const e = funded(["a", "b"]);
  step(e, { type: "fund", traderId: "d", cash, qty: lots });
  return e;
}

/** Asserts the command is rejected with `code` and leaves the whole state as it was. */
function rejects(e: Engine, cmd: Parameters<Engine["apply"]>[0], code: string): void {
  const hash = e.stateHash();
  const seq = e.seq;
  assert.deepEqual(summarize(step(e, cmd)).map((s) => s.split(" ").pop()), [code]);
  assert.equal(e.stateHash(), hash, "a rejected command changes nothing");
  assert.equal(e.seq, seq);
}

describe("pit pre-trade risk and ledger", () => {
  it("a buy reserves limit price × qty; beyond available cash it is rejected", () => {
    const e = withTrader(100 * 5 - 1, 0);
    rejects(e, buy("d", "1", 100, 5), "INSUFFICIENT_FUNDS");
    step(e, { type: "fund", traderId: "d", cash: 1, qty: 0 });
    assert.deepEqual(summarize(step(e, buy("d", "1", 100, 5))), ["accepted d/1"]);
    assert.deepEqual(cashOf(e, "d"), { available: 0, reserved: 500 });
  });

  it("a sell reserves the lots; beyond available lots it is rejected", () => {
    const e = withTrader(0, 4);
    rejects(e, sell("d", "1", 100, 5), "INSUFFICIENT_ASSET");
    step(e, sell("d", "1", 100, 4));
    assert.deepEqual(lotsOf(e, "d"), { available: 0, reserved: 4 });
  });

  it("an unfunded trader can neither buy nor sell", () => {
    const e = funded(["a"]);
    rejects(e, buy("z", "1", 100, 1), "INSUFFICIENT_FUNDS");
    rejects(e, sell("z", "1", 100, 1), "INSUFFICIENT_ASSET");
  });

  it("a market buy reserves the band maximum × qty, then pays the trade price", () => {
    const e = withTrader(110 * 2 - 1, 0);
    step(e, sell("a", "1", 101, 5));
    rejects(e, mbuy("d", "1", 2), "INSUFFICIENT_FUNDS");
    step(e, { type: "fund", traderId: "d", cash: 1, qty: 0 });
    assert.deepEqual(summarize(step(e, mbuy("d", "1", 2))), ["accepted d/1", "trade 2@101 a/1 d/1"]);
    assert.deepEqual(cashOf(e, "d"), { available: 220 - 202, reserved: 0 });
    assert.deepEqual(lotsOf(e, "d"), { available: 2, reserved: 0 });
    assert.deepEqual(requiredReservation(e.instrument, { type: "order", traderId: "d", clientOrderId: "x", side: "buy", orderType: "market", qty: 2 }), { cash: 220, asset: 0 });
  });

  it("a buy filled at a better price gets the difference back", () => {
    const e = withTrader(10_000, 0);
    step(e, sell("a", "1", 101, 2));
    step(e, buy("d", "1", 105, 3)); // 2 fill at 101, 1 rests at 105
    assert.deepEqual(cashOf(e, "d"), { available: 10_000 - 202 - 105, reserved: 105 });
    assert.deepEqual(cashOf(e, "a"), { available: 1_000_000 + 202, reserved: 0 });
    assert.deepEqual(lotsOf(e, "a"), { available: 1_000 - 2, reserved: 0 });
  });

  it("cancel, IOC remainder, FOK unfilled, STP and reduce all release what they held", () => {
    const e = withTrader(10_000, 10);
    step(e, buy("d", "1", 100, 10));
    step(e, cancel("d", "1"));
    assert.deepEqual(cashOf(e, "d"), { available: 10_000, reserved: 0 });
    step(e, buy("d", "2", 100, 10, { tif: "IOC" }));
    step(e, buy("d", "3", 100, 10, { tif: "FOK" }));
    assert.deepEqual(cashOf(e, "d"), { available: 10_000, reserved: 0 });
    step(e, sell("d", "4", 105, 10));
    assert.deepEqual(lotsOf(e, "d"), { available: 0, reserved: 10 });
    step(e, amend("d", "4", { qty: 3 }));
    assert.deepEqual(lotsOf(e, "d"), { available: 7, reserved: 3 });
    step(e, buy("d", "5", 105, 1)); // meets its own ask: STP cancels it, the buy rests
    assert.deepEqual(lotsOf(e, "d"), { available: 10, reserved: 0 });
    assert.deepEqual(cashOf(e, "d"), { available: 10_000 - 105, reserved: 105 });
  });

  it("an amend that needs more than is available is rejected and the order stays as it was", () => {
    const e = withTrader(1_000, 5);
    step(e, buy("d", "1", 100, 10));
    rejects(e, amend("d", "1", { price: 101 }), "INSUFFICIENT_FUNDS");
    rejects(e, amend("d", "1", { qty: 11 }), "INSUFFICIENT_FUNDS");
    assert.deepEqual(summarize(step(e, amend("d", "1", { price: 50 + 45, qty: 10 }))), ["amended d/1 10@95 moved"]);
    assert.deepEqual(cashOf(e, "d"), { available: 50, reserved: 950 });
    step(e, sell("d", "2", 105, 5));
    rejects(e, amend("d", "2", { qty: 6 }), "INSUFFICIENT_ASSET");
    const rejected = e.apply(amend("d", "2", { qty: 6 }), 0)[0]!;
    assert.equal(rejected.type === "rejected" && rejected.leavesQty, 5, "the rejection reports the order as it still is");
  });

  it("fees: taken from what each side receives, rounded down, into the fees account; everything conserved", () => {
    const e = new Engine({ instrument: { ...TEST, makerFeeBps: 10, takerFeeBps: 25 } });
    step(e, { type: "fund", traderId: "m", cash: 0, qty: 1_000 });
    step(e, { type: "fund", traderId: "t", cash: 200_000, qty: 0 });
    step(e, sell("m", "1", 100, 999));
    const [, trade] = step(e, buy("t", "1", 100, 999));
    assert.ok(trade?.type === "trade");
    // maker sells: fee on cash received 99 900 × 10 bps = 99.9 → 99; taker buys: fee on lots 999 × 25 bps = 2.4975 → 2
    assert.equal(trade.makerFee, 99);
    assert.equal(trade.takerFee, 2);
    const ledger = e.ledger as MemoryLedger;
    assert.deepEqual(ledger.account("m").cash, { available: 99_900 - 99, reserved: 0 });
    assert.deepEqual(ledger.account("t").assets.TST, { available: 997, reserved: 0 });
    assert.deepEqual(ledger.feesAccount(), { cash: { available: 99, reserved: 0 }, assets: { TST: { available: 2, reserved: 0 } } });
    assert.deepEqual(checkInvariants(e), []);
  });

  it("feeOf is ⌊amount × bps / 10 000⌋ exactly, even where amount × bps exceeds 2^53", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        assert.equal(BigInt(feeOf(amount, bps)), (BigInt(amount) * BigInt(bps)) / 10_000n);
      }),
      { numRuns: 2_000, seed: 11 },
    );
  });

  it("cash is shared across instruments: one reservation per unit of cash, whichever engine asks", () => {
    const [acme, bolt] = [INSTRUMENTS[0]!, INSTRUMENTS[1]!];
    const ledger = new MemoryLedger();
    const A = new Engine({ instrument: acme, ledger });
    const B = new Engine({ instrument: bolt, ledger });
    const both = [A, B];
    step(both, { type: "fund", traderId: "d", cash: acme.refPrice * 2 + bolt.refPrice, qty: 0 }, 0, A);
    step(both, buy("d", "1", acme.refPrice, 2), 0, A);
    assert.deepEqual(summarize(step(both, buy("d", "1", bolt.refPrice, 2), 0, B)), ["rejected d/1 INSUFFICIENT_FUNDS"]);
    assert.deepEqual(summarize(step(both, buy("d", "1", bolt.refPrice, 1), 0, B)), ["accepted d/1"]);
    assert.deepEqual(ledger.account("d").cash, { available: 0, reserved: acme.refPrice * 2 + bolt.refPrice });
    step(both, cancel("d", "1"), 0, A);
    assert.deepEqual(ledger.account("d").cash, { available: acme.refPrice * 2, reserved: bolt.refPrice });
  });

  it("withdraw takes only available (never reserved) funds, both legs or neither, and echoes its ref", () => {
    const e = withTrader(1_000, 10);
    step(e, buy("d", "1", 100, 6)); // 600 reserved
    rejects(e, { type: "withdraw", traderId: "d", cash: 401, qty: 0 }, "INSUFFICIENT_FUNDS");
    rejects(e, { type: "withdraw", traderId: "d", cash: 400, qty: 11 }, "INSUFFICIENT_ASSET");
    rejects(e, { type: "withdraw", traderId: "nobody", cash: 1, qty: 0 }, "INSUFFICIENT_FUNDS");
    assert.deepEqual(step(e, { type: "withdraw", traderId: "d", cash: 400, qty: 10, ref: "alloc-7" }), [
      { type: "withdrawn", seq: e.seq, time: 0, traderId: "d", cash: 400, qty: 10, ref: "alloc-7" },
    ]);
    assert.deepEqual(bal(e, "d"), { cash: { available: 0, reserved: 600 }, assets: { TST: { available: 0, reserved: 0 } } });
    assert.equal((e.ledger as MemoryLedger).minted().cash, 2 * 1_000_000 + 1_000 - 400, "conservation counts net deposits");
  });

  it("fund rejects bad amounts and needs a ledger", () => {
    const e = funded(["a"]);
    for (const [cash, qty] of [[0, 0], [-1, 5], [1.5, 0], [2 ** 44, 0]] as const) {
      assert.deepEqual(summarize(e.apply({ type: "fund", traderId: "a", cash, qty }, 0)), ["rejected a/ INVALID_AMOUNT"]);
      assert.deepEqual(summarize(e.apply({ type: "withdraw", traderId: "a", cash, qty }, 0)), ["rejected a/ INVALID_AMOUNT"]);
    }
    assert.deepEqual(summarize(e.apply({ type: "fund", traderId: "a", cash: 1, qty: 0, ref: "x".repeat(65) }, 0)), ["rejected a/ INVALID_ORDER"]);
    const bare = new Engine({ instrument: TEST, ledger: null });
    assert.equal(bare.execute({ type: "fund", traderId: "a", cash: 1, qty: 1 }, 0), 0);
    assert.equal(bare.lastRejection?.code, "INVALID_ORDER");
  });

  it("without a ledger the book trades with no risk checks", () => {
    const bare = new Engine({ instrument: TEST, ledger: null });
    assert.notEqual(bare.execute(sell("x", "1", 100, 5), 0), 0);
    assert.deepEqual(summarize(bare.apply(buy("y", "1", 100, 5), 0)), ["accepted y/1", "trade 5@100 x/1 y/1"]);
    assert.deepEqual(checkInvariants(bare), []);
  });

  it("the ledger refuses to release or settle what was never reserved (a bug, so it throws)", () => {
    const l = new MemoryLedger();
    l.deposit("a", 100, "TST", 1);
    assert.throws(() => l.releaseCash("a", 1), /ledger invariant broken/);
    assert.throws(() => l.releaseAsset("a", "TST", 1), /ledger invariant broken/);
    assert.throws(() => l.settle("TST", "a", "a", 1, 1, 1, 0, 0), /ledger invariant broken/);
    assert.equal(l.reserveCash("a", 101), false);
    assert.deepEqual(l.account("a").cash, { available: 100, reserved: 0 });
  });
});

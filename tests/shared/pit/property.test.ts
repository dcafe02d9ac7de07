import assert from "node:assert/strict";
import fc from "fast-check";
import { checkInvariants, Engine, MemoryLedger, replay, type EngineSnapshot, type JournalEntry, type PitCommand } from "../../../shared/pit/index.js";
import { TEST } from "./helpers.js";
import { ReferencePit } from "./reference.js";
import { BUY, SELL } from "../../../shared/pit/order.js";
import { orderView } from "../../../shared/pit/views.js";
import type { OpenOrderView } from "../../../shared/pit/types.js";

/**
 * Random command streams: 4 traders with random (sometimes too small) balances, both sides, every
 * order type and TIF, post-only, cancels and amends of live and dead ids, bad values now and then.
 * After EVERY command: all invariants, atomicity of rejections, and the exact same events as the
 * naive reference model. After the stream: journal replay and snapshot + tail give the same state.
 */
const INST = { ...TEST, makerFeeBps: 300, takerFeeBps: 500 }; // high fees so rounding and asset fees happen
const TRADERS = ["a", "b", "c", "d"];
const IDS = ["1", "2", "3", "4"];

const trader = fc.constantFrom(...TRADERS);
const id = fc.constantFrom(...IDS);
const price = fc.oneof({ arbitrary: fc.integer({ min: 96, max: 104 }), weight: 8 }, { arbitrary: fc.integer({ min: 88, max: 112 }), weight: 2 }, { arbitrary: fc.constantFrom(0, -1, 100.5), weight: 1 });
const qty = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 30 }), weight: 10 }, { arbitrary: fc.constantFrom(0, 1_001, 2.5), weight: 1 });

const order: fc.Arbitrary<PitCommand> = fc
  .record({
    traderId: trader,
    clientOrderId: id,
    side: fc.constantFrom("buy" as const, "sell" as const),
    isMarket: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    price,
    qty,
    tif: fc.constantFrom(undefined, "GTC" as const, "IOC" as const, "FOK" as const),
    postOnly: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.boolean(), weight: 2 }),
  })
  .map(({ traderId, clientOrderId, side, isMarket, price: p, qty: q, tif, postOnly }) =>
    isMarket
      ? { type: "order" as const, traderId, clientOrderId, side, orderType: "market" as const, qty: q, ...(tif ? { tif } : {}) }
      : { type: "order" as const, traderId, clientOrderId, side, orderType: "limit" as const, price: p, qty: q, ...(tif ? { tif } : {}), ...(postOnly !== undefined ? { postOnly } : {}) },
  );
const cancel: fc.Arbitrary<PitCommand> = fc.record({ traderId: trader, clientOrderId: id }).map((c) => ({ type: "cancel" as const, ...c }));
const amend: fc.Arbitrary<PitCommand> = fc
  .record({ traderId: trader, clientOrderId: id, qty: fc.option(qty, { nil: undefined, freq: 3 }), price: fc.option(price, { nil: undefined, freq: 2 }) })
  .map(({ traderId, clientOrderId, qty: q, price: p }) => ({ type: "amend" as const, traderId, clientOrderId, ...(q !== undefined ? { qty: q } : {}), ...(p !== undefined ? { price: p } : {}) }));
const fund: fc.Arbitrary<PitCommand> = fc
  .record({ withdraw: fc.boolean(), traderId: trader, cash: fc.integer({ min: 0, max: 3_000 }), qty: fc.integer({ min: 0, max: 30 }), ref: fc.option(fc.constantFrom("r1", "r2"), { nil: undefined }) })
  .map(({ withdraw, ref, ...c }) => ({ type: withdraw ? ("withdraw" as const) : ("fund" as const), ...c, ...(ref !== undefined ? { ref } : {}) }));

const command = fc.oneof({ arbitrary: order, weight: 12 }, { arbitrary: cancel, weight: 3 }, { arbitrary: amend, weight: 5 }, { arbitrary: fund, weight: 1 });
const stream = fc.record({
  balances: fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 200 })), { minLength: TRADERS.length, maxLength: TRADERS.length }),
  steps: fc.array(fc.tuple(command, fc.integer({ min: 0, max: 1_500 })), { minLength: 1, maxLength: 200, size: "large" }),
});

const seen = new Map<string, number>(); // event kinds / codes / reasons produced by the streams
interface Run {
  live: Engine;
  quiet: Engine;
  initial: EngineSnapshot;
  journal: JournalEntry[];
  snapshots: { at: number; snapshot: EngineSnapshot }[]; // snapshot after `at` journal entries
}

/** The obvious definition of a trader's open orders: walk the whole book, bids then asks, in priority. */
function openOrdersByBookWalk(e: Engine, traderId: string): OpenOrderView[] {
  const slot = e.book.slotOf(traderId);
  const rows: OpenOrderView[] = [];
  if (slot === undefined) return rows;
  for (const side of [BUY, SELL] as const) for (const o of e.book.orders(side)) if (o.trader === slot) rows.push(orderView(o));
  return rows;
}

function run(balances: [number, number][], steps: [PitCommand, number][]): Run {
  const live = new Engine({ instrument: INST });
  const quiet = new Engine({ instrument: INST }); // same commands through `execute` (no events)
  const ref = new ReferencePit(live.instrument);
  const initial = live.snapshot();
  const journal: JournalEntry[] = [];
  const snapshots: Run["snapshots"] = [];
  let now = 1_000;
  const byRestBefore = new Map<string, string[]>();
  const apply = (cmd: PitCommand) => {
    const before = live.stateHash();
    const seq = live.seq;
    const events = live.apply(cmd, now);
    for (const e of events) {
      const k = e.type === "rejected" ? e.code : e.type === "canceled" ? e.reason : e.type === "amended" ? `amended ${e.priorityKept ? "kept" : "moved"}` : e.type;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    assert.deepEqual(events, ref.apply(cmd, now), `events differ from the reference model for ${JSON.stringify(cmd)}`);
    const quietSeq = quiet.execute(cmd, now);
    const violations = checkInvariants(live);
    assert.deepEqual(violations, [], `invariants after ${JSON.stringify(cmd)}`);
    for (const t of TRADERS) {
      const open = live.openOrders(t);
      assert.deepEqual(open, openOrdersByBookWalk(live, t), `open orders of ${t} after ${JSON.stringify(cmd)}`);
      // the stable list the room mirrors: the same orders; those still open keep their places, new ones come last
      const byRest = live.openOrdersByRest(t);
      const ids = (l: { clientOrderId: string }[]) => l.map((o) => o.clientOrderId);
      assert.deepEqual([...ids(byRest)].sort(), [...ids(open)].sort(), `same orders by rest for ${t}`);
      assert.deepEqual(byRest.map((o) => JSON.stringify(o)).sort(), open.map((o) => JSON.stringify(o)).sort());
      const prev = byRestBefore.get(t) ?? [];
      const cur = ids(byRest);
      const kept = cur.filter((id) => prev.includes(id));
      assert.deepEqual(kept, prev.filter((id) => cur.includes(id)), `orders still open keep their order (${t} after ${JSON.stringify(cmd)})`);
      assert.deepEqual(cur.slice(0, kept.length), kept, `new orders are appended (${t} after ${JSON.stringify(cmd)})`);
      byRestBefore.set(t, cur);
    }
    if (events.length === 1 && events[0]!.type === "rejected") {
      assert.equal(live.seq, seq, "a rejection takes no seq");
      assert.equal(live.stateHash(), before, `rejected ${JSON.stringify(cmd)} changed the state`);
      assert.equal(quietSeq, 0);
      assert.equal(quiet.lastRejection?.code, events[0]!.code);
    } else {
      assert.ok(!events.some((e) => e.type === "rejected"), "an accepted command emits no rejection");
      assert.equal(live.seq, seq + 1);
      assert.equal(quietSeq, live.seq);
      journal.push({ seq: live.seq, now, command: cmd });
      if (journal.length % 17 === 0) snapshots.push({ at: journal.length, snapshot: JSON.parse(JSON.stringify(live.snapshot())) });
    }
  };
  balances.forEach(([cash, lots], i) => {
    if (cash + lots > 0) apply({ type: "fund", traderId: TRADERS[i]!, cash, qty: lots });
  });
  for (const [cmd, dt] of steps) {
    now += dt;
    apply(cmd);
  }
  // final state equals the reference's, and the quiet engine's
  const snap = live.snapshot();
  // the reference keeps no rank (the 7th field: each trader's rest order, checked by the replay property below)
  assert.deepEqual({ bids: snap.bids.map((r) => r.slice(0, 6)), asks: snap.asks.map((r) => r.slice(0, 6)) }, ref.book());
  const ledger = snap.ledger!;
  assert.deepEqual({ accounts: ledger.accounts, fees: ledger.fees }, ref.balances(INST.symbol));
  assert.equal(quiet.stateHash(), live.stateHash(), "execute and apply reach the same state");
  return { live, quiet, initial, journal, snapshots };
}

describe("pit property tests (fast-check)", function () {
  this.timeout(60_000);

  it("random command streams: invariants after every step, rejections change nothing, same events as the reference model", () => {
    fc.assert(
      fc.property(stream, ({ balances, steps }) => {
        run(balances as [number, number][], steps);
      }),
      { numRuns: 250, seed: 0x5eed },
    );
    // the generator must reach every path, or the test above proves little
    const every = ["accepted", "trade", "funded", "withdrawn", "amended kept", "amended moved", "USER", "STP", "IOC_REMAINDER", "MARKET_REMAINDER", "FOK_UNFILLED",
      "DUPLICATE_ORDER_ID", "UNKNOWN_ORDER", "POST_ONLY_WOULD_CROSS", "NO_LIQUIDITY", "INSUFFICIENT_FUNDS", "INSUFFICIENT_ASSET", "INVALID_ORDER", "INVALID_PRICE", "INVALID_QTY", "PRICE_OUT_OF_BAND"];
    for (const k of every) assert.ok((seen.get(k) ?? 0) >= 50, `${k} seen ${seen.get(k) ?? 0} times`);
  });

  it("journal replay gives the same state hash; every snapshot + its tail equals live", () => {
    fc.assert(
      fc.property(stream, ({ balances, steps }) => {
        const r = run(balances as [number, number][], steps);
        const replayed = replay(r.initial, r.journal);
        assert.equal(replayed.stateHash(), r.live.stateHash());
        assert.deepEqual(replayed.snapshot(), r.live.snapshot());
        for (const { snapshot } of r.snapshots) {
          const resumed = replay(snapshot, r.journal);
          assert.equal(resumed.stateHash(), r.live.stateHash());
          assert.deepEqual(resumed.snapshot(), r.live.snapshot());
        }
      }),
      { numRuns: 120, seed: 0xcafe },
    );
  });

  it("two instruments sharing one ledger: cash never double-spent, invariants over both", () => {
    const instA = { ...TEST, symbol: "AAA" };
    const instB = { ...TEST, symbol: "BBB", refPrice: 50, band: 5 };
    const target = fc.tuple(fc.boolean(), command);
    fc.assert(
      fc.property(fc.array(target, { minLength: 1, maxLength: 150, size: "large" }), (cmds) => {
        const ledger = new MemoryLedger();
        const A = new Engine({ instrument: instA, ledger });
        const B = new Engine({ instrument: instB, ledger });
        for (const t of TRADERS) {
          A.execute({ type: "fund", traderId: t, cash: 2_000, qty: 20 }, 0);
          B.execute({ type: "fund", traderId: t, cash: 0, qty: 20 }, 0);
        }
        for (const [onA, raw] of cmds) {
          // shift prices into B's band when the command goes to B
          const cmd = !onA && "price" in raw && typeof raw.price === "number" ? { ...raw, price: raw.price - 50 } : raw;
          (onA ? A : B).apply(cmd, 0);
          assert.deepEqual(checkInvariants([A, B]), []);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

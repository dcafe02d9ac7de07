/**
 * server/rooms/pit/stateSync.ts through a real schema encoder/decoder: the decoded tape, candles and
 * a trader's open orders equal the lists after every sync (entries slid in at the head, rolled off
 * the front, rebuilt; orders added, filled, cancelled, moved), and a new trade on a full tape or one
 * order leaving a long list encodes a much smaller patch than rewriting the list in place.
 */
import assert from "node:assert/strict";
import { ArraySchema, Decoder, Encoder, Schema, StateView, type } from "@colyseus/schema";
import { PitCandle, PitOpenOrder, PitState, PitTrade, PitTrader } from "../../shared/pit/schema.js";
import { assign, syncArray, syncHead, syncKeyed, syncTail } from "../../server/rooms/pit/stateSync.js";

type T = { tradeId: number; price: number };
type C = { t: number; close: number };
const setT = (x: PitTrade, t: T) => assign(x, { tradeId: t.tradeId, price: t.price });
const setC = (x: PitCandle, c: C) => assign(x, { t: c.t, close: c.close });

/** A trader's order list outside the room's view-filtered `traders` map (same element schema). */
class Orders extends Schema {
  @type([PitOpenOrder]) orders = new ArraySchema<PitOpenOrder>();
}

/** A schema, an encoder on it, and a decoded mirror; `patch()` sends what changed and returns its size. */
function pairOf<T extends Schema>(make: new () => T) {
  const state = new make();
  const encoder = new Encoder(state);
  const mirror = new make();
  const decoder = new Decoder(mirror);
  decoder.decode(encoder.encodeAll());
  const patch = () => {
    const bytes = encoder.encode();
    decoder.decode(bytes);
    encoder.discardChanges();
    return bytes.length;
  };
  return { state, mirror, patch };
}
const pair = () => pairOf(PitState);
const ordersPair = () => pairOf(Orders);

describe("pit: state sync of sliding lists", () => {
  it("tape (new trades at the head) and candles (rolling at the tail) decode to exactly the lists", () => {
    const { state, mirror, patch } = pair();
    let x = 5;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
    let nextId = 1;
    let trades: T[] = [];
    let t0 = 0;
    let candles: C[] = [];
    for (let step = 0; step < 300; step++) {
      const r = rnd(20);
      if (r === 0) trades = [{ tradeId: 10_000 + step, price: 1 }]; // a rebuild: nothing in common
      else for (let k = rnd(r < 10 ? 3 : 70); k > 0; k--) trades.unshift({ tradeId: nextId++, price: rnd(100) });
      trades = trades.slice(0, 50);
      if (rnd(3) === 0) t0 += rnd(4); // candles roll off the front
      const last = t0 + 10 + rnd(5);
      candles = [];
      for (let t = t0; t < last; t++) candles.push({ t, close: t === last - 1 ? rnd(100) : t * 2 });
      candles = candles.slice(-120);
      syncHead(state.tape, trades, PitTrade, setT, (t) => t.tradeId, (e) => e.tradeId);
      syncTail(state.candles1s, candles, PitCandle, setC, (c) => c.t, (e) => e.t);
      patch();
      assert.deepEqual([...mirror.tape].map((e) => [e.tradeId, e.price]), trades.map((t) => [t.tradeId, t.price]), `tape at step ${step}`);
      assert.deepEqual([...mirror.candles1s].map((e) => [e.t, e.close]), candles.map((c) => [c.t, c.close]), `candles at step ${step}`);
    }
  });

  it("one new trade on a full tape: a patch of a few entries, not 50 rewritten rows", () => {
    const full = Array.from({ length: 50 }, (_, i) => ({ tradeId: 50 - i, price: 100 + i }));
    const next = [{ tradeId: 51, price: 7 }, ...full.slice(0, 49)];
    const slid = pair();
    syncHead(slid.state.tape, full, PitTrade, setT, (t) => t.tradeId, (e) => e.tradeId);
    slid.patch();
    syncHead(slid.state.tape, next, PitTrade, setT, (t) => t.tradeId, (e) => e.tradeId);
    const slidBytes = slid.patch();
    const rewritten = pair();
    syncArray(rewritten.state.tape, full, PitTrade, setT);
    rewritten.patch();
    syncArray(rewritten.state.tape, next, PitTrade, setT);
    const rewrittenBytes = rewritten.patch();
    assert.deepEqual([...slid.mirror.tape].map((e) => e.tradeId), next.map((t) => t.tradeId));
    assert.ok(slidBytes * 5 < rewrittenBytes, `slid ${slidBytes} B vs rewritten ${rewrittenBytes} B`);
  });

  type O = { id: string; price: number; qty: number };
  const setO = (x: PitOpenOrder, o: O) => assign(x, { clientOrderId: o.id, price: o.price, leavesQty: o.qty });
  const keyed = (arr: PitTrader["orders"], items: O[]) => syncKeyed(arr, items, PitOpenOrder, setO, (o) => o.id, (x) => x.clientOrderId);
  const view = (arr: Iterable<PitOpenOrder>) => [...arr].map((x) => [x.clientOrderId, x.price, x.leavesQty]);

  /** A seeded stream of a trader's open-order lists: adds at any place, fills, cancels, amends that move, bursts. */
  function* orderLists(seed: number, steps: number): Generator<O[]> {
    let x = seed;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
    let orders: O[] = [];
    let next = 1;
    for (let step = 0; step < steps; step++) {
      const r = rnd(10);
      if (r < 3) orders.splice(rnd(orders.length + 1), 0, { id: `o${next++}`, price: rnd(50), qty: 1 + rnd(9) }); // a new order at its place
      else if (r < 5 && orders.length) orders.splice(rnd(orders.length), 1); // filled or cancelled
      else if (r < 7 && orders.length) orders[rnd(orders.length)]!.qty = 1 + rnd(9); // partly filled
      else if (r < 8 && orders.length > 1) {
        const moved = orders.splice(rnd(orders.length), 1)[0]!; // amended: moves to the front or the back
        if (rnd(2)) orders.push(moved);
        else orders.unshift(moved);
      } else if (r < 9) for (let k = rnd(3); k > 0; k--) orders.push({ id: `o${next++}`, price: rnd(50), qty: 1 }); // a burst
      else if (rnd(10) === 0) orders = []; // everything cancelled
      yield orders.map((o) => ({ ...o }));
    }
  }

  it("a trader's open orders (keyed) decode to exactly the list through adds, fills, cancels and reorders", () => {
    const { state, mirror, patch } = ordersPair();
    let step = 0;
    for (const orders of orderLists(11, 400)) {
      keyed(state.orders, orders);
      patch();
      assert.deepEqual(view(mirror.orders), orders.map((o) => [o.id, o.price, o.qty]), `orders at step ${step++}`);
    }
  });

  it("the same through the room's private view (traders is @view): what the owner's client decodes", () => {
    // as Colyseus's SchemaSerializer does it: encode the shared changes, then encodeView per client
    const state = new PitState();
    const encoder = new Encoder(state);
    const owner = new StateView();
    const trader = new PitTrader();
    trader.traderId = "t1";
    state.traders.set("t1", trader);
    owner.add(trader);
    const mirror = new PitState();
    const decoder = new Decoder(mirror);
    const shared = { offset: 0 };
    encoder.encodeAll(shared);
    decoder.decode(encoder.encodeAllView(owner, shared.offset, { ...shared }));
    const patch = () => {
      const it = { offset: 0 };
      encoder.encode(it);
      decoder.decode(encoder.encodeView(owner, it.offset, it));
      encoder.discardChanges();
    };
    let step = 0;
    for (const orders of orderLists(23, 300)) {
      keyed(trader.orders, orders);
      trader.cashAvailable = step; // a balance changes in the same patch, as in the room
      patch();
      const seen = mirror.traders.get("t1")!;
      assert.equal(seen.cashAvailable, step, `balance at step ${step}`);
      assert.deepEqual(view(seen.orders), orders.map((o) => [o.id, o.price, o.qty]), `orders at step ${step++}`);
    }
  });

  it("one order leaving a list of 20: a patch of one delete, not 19 rewritten rows", () => {
    const before = Array.from({ length: 20 }, (_, i) => ({ id: `o${i}`, price: 100 + i, qty: 5 }));
    const after = before.filter((o) => o.id !== "o0");
    const sized = (sync: (arr: PitTrader["orders"], items: O[]) => void) => {
      const p = ordersPair();
      sync(p.state.orders, before);
      p.patch();
      sync(p.state.orders, after);
      const bytes = p.patch();
      assert.deepEqual(view(p.mirror.orders), after.map((o) => [o.id, o.price, o.qty]));
      return bytes;
    };
    const keyedBytes = sized((arr, items) => keyed(arr, items));
    const positionalBytes = sized((arr, items) => syncArray(arr, items, PitOpenOrder, setO));
    assert.ok(keyedBytes * 5 < positionalBytes, `keyed ${keyedBytes} B vs positional ${positionalBytes} B`);
  });
});

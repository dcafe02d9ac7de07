/**
 * server/rooms/pit/stateSync.ts through a real schema encoder/decoder: the decoded tape and candles
 * equal the lists after every sync (entries slid in at the head, rolled off the front, rebuilt), and a
 * new trade on a full tape encodes a much smaller patch than rewriting the tape in place.
 */
import assert from "node:assert/strict";
import { Decoder, Encoder } from "@colyseus/schema";
import { PitCandle, PitState, PitTrade } from "../../shared/pit/schema.js";
import { assign, syncArray, syncHead, syncTail } from "../../server/rooms/pit/stateSync.js";

type T = { tradeId: number; price: number };
type C = { t: number; close: number };
const setT = (x: PitTrade, t: T) => assign(x, { tradeId: t.tradeId, price: t.price });
const setC = (x: PitCandle, c: C) => assign(x, { t: c.t, close: c.close });

function pair() {
  const state = new PitState();
  const encoder = new Encoder(state);
  const mirror = new PitState();
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
});

/**
 * server/rooms/pit/ownerViews.ts against Colyseus's own SchemaSerializer: two identical pit states
 * driven by the same seeded sequence of changes (traders joining and leaving, orders added, filled,
 * amended, cancelled, balances, the public book, tape and stats), each with the same clients and
 * StateViews (a view holds its own trader entry, some traders with two sessions). After every patch
 * every client must have been sent exactly the same bytes by both serializers, and a decoder fed one
 * client's frames must see its own trader and no other.
 */
import assert from "node:assert/strict";
import { ClientState, SchemaSerializer, type Client } from "@colyseus/core";
import { Decoder, StateView } from "@colyseus/schema";
import { PitLevel, PitOpenOrder, PitState, PitTrade, PitTrader } from "../../shared/pit/schema.js";
import { OwnerViewSerializer } from "../../server/rooms/pit/ownerViews.js";
import { rng32 as rng } from "../helpers/rng.js";


interface FakeClient {
  sessionId: string;
  state: number;
  view: StateView;
  auth: { id: string };
  sent: Uint8Array[];
  raw(bytes: Uint8Array): void;
}

/** One side of the comparison: a state, a serializer on it, and its clients. */
class Side {
  readonly state = new PitState();
  readonly clients: FakeClient[] = [];
  constructor(readonly serializer: SchemaSerializer<PitState>) {
    serializer.reset(this.state);
  }
  join(traderId: string, session: string): FakeClient {
    let t = this.state.traders.get(traderId);
    if (!t) {
      t = new PitTrader();
      t.traderId = traderId;
      this.state.traders.set(traderId, t);
    }
    const view = new StateView();
    view.add(t);
    const c: FakeClient = { sessionId: session, state: ClientState.JOINED, view, auth: { id: traderId }, sent: [], raw: (b) => c.sent.push(Uint8Array.from(b)) };
    this.clients.push(c);
    return c;
  }
  leave(traderId: string): void {
    for (let i = this.clients.length - 1; i >= 0; i--) if (this.clients[i]!.auth.id === traderId) this.clients.splice(i, 1);
    this.state.traders.delete(traderId);
  }
  patch(): void {
    this.serializer.applyPatches(this.clients as unknown as Client[]);
  }
}

/** The same change on both sides (`r` drawn once, applied twice). */
function step(sides: [Side, Side], r: () => number, traders: string[], clock: { n: number }): void {
  const x = r();
  const pick = <T>(a: T[]): T | undefined => (a.length ? a[Math.floor(r() * a.length)] : undefined);
  if (x < 0.06 && traders.length < 12) {
    const id = `t${clock.n++}`;
    traders.push(id);
    const second = r() < 0.3;
    for (const s of sides) {
      s.join(id, `${id}-a`);
      if (second) s.join(id, `${id}-b`);
    }
  } else if (x < 0.09 && traders.length > 2) {
    const id = traders.splice(Math.floor(r() * traders.length), 1)[0]!;
    for (const s of sides) s.leave(id);
  } else if (x < 0.45) {
    const id = pick(traders);
    if (!id) return;
    const price = 9_900 + Math.floor(r() * 200), qty = 1 + Math.floor(r() * 10), cid = `o${clock.n++}`, side = r() < 0.5 ? "buy" : "sell";
    for (const s of sides) {
      const o = new PitOpenOrder();
      Object.assign(o, { clientOrderId: cid, side, price, leavesQty: qty, filledQty: 0 });
      s.state.traders.get(id)!.orders.push(o);
      s.state.traders.get(id)!.cashReserved += price * qty;
    }
  } else if (x < 0.65) {
    const id = pick(traders);
    const n = id ? sides[0].state.traders.get(id)!.orders.length : 0;
    if (!id || n === 0) return;
    const k = Math.floor(r() * n), fill = r() < 0.5;
    for (const s of sides) {
      const orders = s.state.traders.get(id)!.orders;
      const o = orders[k]!;
      if (fill && o.leavesQty > 1) {
        o.leavesQty -= 1;
        o.filledQty += 1;
      } else orders.splice(k, 1);
      s.state.traders.get(id)!.cashAvailable += 7;
    }
  } else if (x < 0.8) {
    const lvl = Math.floor(r() * 20), price = 9_990 - lvl, qty = Math.floor(r() * 50);
    for (const s of sides) {
      while (s.state.bids.length <= lvl) s.state.bids.push(new PitLevel());
      const l = s.state.bids[lvl]!;
      l.price = price;
      l.qty = qty;
      if (qty === 0 && s.state.bids.length > 1) s.state.bids.pop();
    }
  } else if (x < 0.9) {
    const tradeId = clock.n++, price = 9_950 + Math.floor(r() * 100);
    for (const s of sides) {
      const t = new PitTrade();
      Object.assign(t, { tradeId, time: tradeId, price, qty: 1, takerSide: "buy" });
      s.state.tape.unshift(t);
      while (s.state.tape.length > 20) s.state.tape.pop();
      s.state.lastPrice = price;
      s.state.stats.trades += 1;
    }
  } else {
    const id = pick(traders);
    if (!id) return;
    const v = Math.floor(r() * 1e6);
    for (const s of sides) s.state.traders.get(id)!.assetAvailable = v;
  }
}

describe("pit: per-trader views without the per-view walk (ownerViews.ts)", () => {
  for (const seed of [1, 2, 3, 42]) {
    it(`sends every client the same bytes as Colyseus's serializer (seed ${seed}, 300 patches)`, () => {
      const stock = new Side(new SchemaSerializer<PitState>());
      const ownedState: { side?: Side } = {};
      const owned: Side = new Side(new OwnerViewSerializer<PitState>(() => ownedState.side!.state.traders, (c) => (c as unknown as FakeClient).auth.id));
      ownedState.side = owned;
      const sides: [Side, Side] = [stock, owned];
      const r = rng(seed);
      const traders: string[] = [];
      const clock = { n: 1 };
      for (let i = 0; i < 4; i++) step(sides, () => 0.01, traders, clock); // four traders to start
      // a decoder for the first session: it must see its own trader and nobody else's
      const watched = owned.clients[0]!;
      const mirror = new PitState();
      const decoder = new Decoder(mirror);
      decoder.decode(owned.serializer.getFullState(watched as unknown as Client).subarray(1) as Uint8Array);
      stock.serializer.getFullState(stock.clients[0] as unknown as Client);
      let bytes = 0;
      for (let p = 0; p < 300; p++) {
        const changes = 1 + Math.floor(r() * 25);
        for (let k = 0; k < changes; k++) step(sides, r, traders, clock);
        stock.patch();
        owned.patch();
        assert.equal(owned.clients.length, stock.clients.length);
        for (let c = 0; c < stock.clients.length; c++) {
          const a = stock.clients[c]!, b = owned.clients[c]!;
          assert.equal(a.sessionId, b.sessionId);
          assert.deepEqual(b.sent, a.sent, `patch ${p}, client ${a.sessionId}`);
          bytes += a.sent.reduce((n, f) => n + f.length, 0);
        }
        if (owned.clients.includes(watched)) for (const f of watched.sent) decoder.decode(f.subarray(1));
        for (const s of sides) for (const c of s.clients) c.sent.length = 0;
      }
      assert.ok(bytes > 10_000, `the sequence sent real patches (${bytes} bytes)`);
      if (owned.clients.includes(watched)) {
        assert.deepEqual([...mirror.traders.keys()], [watched.auth.id], "a view decodes only its own trader");
        const mine = owned.state.traders.get(watched.auth.id)!;
        assert.deepEqual(mirror.traders.get(watched.auth.id)!.orders.map((o) => o.clientOrderId), mine.orders.map((o: PitOpenOrder) => o.clientOrderId));
      }
    });
  }
});

/**
 * Durability helpers for the engine: a plain-JSON snapshot (book in priority order, balances, seq,
 * trade counter, market data) that `Engine.fromSnapshot` turns back into an identical engine, and a
 * deterministic state hash for the kill-and-recover comparison (recovered hash = live hash).
 */
import type { Engine } from "./engine.js";
import type { LedgerSnapshot } from "./ledger.js";
import type { MarketDataSnapshot } from "./marketdata.js";
import { BUY, SELL, type Order, type SideCode, type TraderSlot } from "./order.js";
import type { Instrument } from "./types.js";

/**
 * [traderId, clientOrderId, price, leavesQty, filledQty, postOnly (0|1), rank?] — `rank`: the order's
 * place among its trader's open orders in the order they came to rest (the trader's private list,
 * `Engine.openOrdersByRest`); absent in snapshots written before it was kept (then the book's order).
 */
export type SnapshotOrder = [string, string, number, number, number, 0 | 1, number?];

export interface EngineSnapshot {
  version: 1;
  instrument: Required<Instrument>;
  options: { tape: number; candles: { interval: number; capacity: number }[] };
  seq: number;
  nextTradeId: number;
  bids: SnapshotOrder[]; // best level first, FIFO inside a level
  asks: SnapshotOrder[];
  ledger: LedgerSnapshot | null;
  market: MarketDataSnapshot;
}

/** A side's orders in priority order; with `rank`, each row ends with the order's rank (the state hash takes none). */
function sideOrders(e: Engine, side: SideCode, rank?: Map<Order, number>): SnapshotOrder[] {
  const rows: SnapshotOrder[] = [];
  for (const o of e.book.orders(side)) {
    const row: SnapshotOrder = [o.trader.id, o.clientOrderId, o.price, o.leaves, o.filled, o.postOnly ? 1 : 0];
    if (rank) row.push(rank.get(o)!);
    rows.push(row);
  }
  return rows;
}

export function captureSnapshot(e: Engine): EngineSnapshot {
  const rank = new Map<Order, number>();
  for (const slot of e.book.slots()) {
    let i = 0;
    for (const o of slot.open.values()) rank.set(o, i++);
  }
  return {
    version: 1,
    instrument: { ...e.instrument },
    options: { tape: e.market.tapeCapacity, candles: e.market.series.map((s) => ({ interval: s.interval, capacity: s.capacity })) },
    seq: e.seq,
    nextTradeId: e.nextTradeId,
    bids: sideOrders(e, BUY, rank),
    asks: sideOrders(e, SELL, rank),
    ledger: e.ledger === null ? null : e.ledger.snapshot(),
    market: e.market.snapshot(),
  };
}

/** Loads a snapshot into a freshly constructed engine (same instrument). Throws on a corrupted snapshot. */
export function restoreSnapshot(e: Engine, s: EngineSnapshot): void {
  if (s.version !== 1) throw new Error(`unknown pit snapshot version ${String(s.version)}`);
  const book = e.book;
  const ranks = new Map<TraderSlot, [number, Order][]>();
  for (const [side, rows] of [[BUY, s.bids], [SELL, s.asks]] as const) {
    for (const [traderId, clientOrderId, price, leaves, filled, po, rank] of rows) {
      const fine = price >= book.minPrice && price <= book.maxPrice && Number.isSafeInteger(price) && Number.isSafeInteger(leaves) && leaves > 0 && Number.isSafeInteger(filled) && filled >= 0;
      if (!fine || book.find(traderId, clientOrderId) !== undefined || (rank !== undefined && !Number.isSafeInteger(rank))) throw new Error(`corrupted pit snapshot: order ${traderId}/${clientOrderId}`);
      const slot = book.slot(traderId);
      const o = book.pool.acquire(slot, clientOrderId, side, price, price, leaves, po === 1);
      o.filled = filled;
      book.rest(o);
      if (rank !== undefined) {
        const list = ranks.get(slot);
        if (list) list.push([rank, o]);
        else ranks.set(slot, [[rank, o]]);
      }
    }
  }
  // each trader's open orders in the order they came to rest, not the book's (bids first)
  for (const [slot, list] of ranks) {
    if (list.length !== slot.open.size) throw new Error(`corrupted pit snapshot: ranks of ${slot.id}'s orders`);
    list.sort((a, b) => a[0] - b[0]);
    slot.open.clear();
    for (const [, o] of list) slot.open.set(o.clientOrderId, o);
  }
  e.seq = s.seq;
  e.nextTradeId = s.nextTradeId;
  e.market.load(s.market);
}

/** Two independent 32-bit FNV-1a/murmur-mixed lanes over the text: 64 bits, as 16 hex digits. */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** The canonical text the hash is taken over: seq, trade counter, both sides in priority order, balances, market totals. */
export function canonicalState(e: Engine): string {
  const st = e.market.stats();
  return JSON.stringify([e.instrument.symbol, e.seq, e.nextTradeId, sideOrders(e, BUY), sideOrders(e, SELL), e.ledger?.snapshot() ?? null, [st.last, st.volume, st.notional, st.trades]]);
}

export function hashState(e: Engine): string {
  return hash64(canonicalState(e));
}

import assert from "node:assert/strict";
import { checkInvariants, Engine, type Instrument, type OrderCommand, type PitCommand, type PitEvent } from "../../../shared/pit/index.js";

/** A small instrument: prices 90..110 (ref 100 ± 10), so tests reach the band edges. */
export const TEST: Instrument = { symbol: "TST", name: "Test", tickSize: 0.01, lotSize: 1, refPrice: 100, band: 10, maxQty: 1_000 };

export const CASH = 1_000_000;
export const LOTS = 1_000;

/** An engine whose traders a, b, c (or the ones named) are funded with CASH and LOTS. */
export function funded(traders: string[] = ["a", "b", "c"], instrument: Instrument = TEST, cash = CASH, lots = LOTS): Engine {
  const e = new Engine({ instrument });
  for (const t of traders) assert.notEqual(e.execute({ type: "fund", traderId: t, cash, qty: lots }, 0), 0);
  return e;
}

type Extra = Partial<Pick<OrderCommand, "tif" | "postOnly">>;
export const buy = (trader: string, id: string, price: number, qty: number, extra: Extra = {}): PitCommand => ({ type: "order", traderId: trader, clientOrderId: id, side: "buy", orderType: "limit", price, qty, ...extra });
export const sell = (trader: string, id: string, price: number, qty: number, extra: Extra = {}): PitCommand => ({ type: "order", traderId: trader, clientOrderId: id, side: "sell", orderType: "limit", price, qty, ...extra });
export const mbuy = (trader: string, id: string, qty: number, extra: Extra = {}): PitCommand => ({ type: "order", traderId: trader, clientOrderId: id, side: "buy", orderType: "market", qty, ...extra });
export const msell = (trader: string, id: string, qty: number, extra: Extra = {}): PitCommand => ({ type: "order", traderId: trader, clientOrderId: id, side: "sell", orderType: "market", qty, ...extra });
export const cancel = (trader: string, id: string): PitCommand => ({ type: "cancel", traderId: trader, clientOrderId: id });
export const amend = (trader: string, id: string, change: { qty?: number; price?: number }): PitCommand => ({ type: "amend", traderId: trader, clientOrderId: id, ...change });

/**
 * One line per event:
 *   accepted a/1 · rejected a/1 CODE · trade QTY@PRICE MAKER TAKER · canceled a/1 REASON QTY ·
 *   amended a/1 LEAVES@PRICE kept|moved · funded a
 */
export function summarize(events: readonly PitEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case "accepted":
        return `accepted ${e.traderId}/${e.clientOrderId}`;
      case "rejected":
        return `rejected ${e.traderId}/${e.clientOrderId} ${e.code}`;
      case "trade":
        return `trade ${e.qty}@${e.price} ${e.makerTraderId}/${e.makerClientOrderId} ${e.takerTraderId}/${e.takerClientOrderId}`;
      case "canceled":
        return `canceled ${e.traderId}/${e.clientOrderId} ${e.reason} ${e.canceledQty}`;
      case "amended":
        return `amended ${e.traderId}/${e.clientOrderId} ${e.leavesQty}@${e.price} ${e.priorityKept ? "kept" : "moved"}`;
      case "funded":
      case "withdrawn":
        return `${e.type} ${e.traderId}`;
    }
  });
}

/** "price:qty" per level, best first, e.g. "101:10 102:5"; "" when empty. */
export function ladder(e: Engine): { bids: string; asks: string } {
  const d = e.depth(1_000);
  const f = (rows: { price: number; qty: number }[]) => rows.map((r) => `${r.price}:${r.qty}`).join(" ");
  return { bids: f(d.bids), asks: f(d.asks) };
}

/** Applies a command and asserts every invariant holds afterwards. */
export function step(e: Engine | Engine[], cmd: PitCommand, now = 0, target?: Engine): PitEvent[] {
  const engines = Array.isArray(e) ? e : [e];
  const events = (target ?? engines[0]!).apply(cmd, now);
  assert.deepEqual(checkInvariants(engines), [], `invariants after ${JSON.stringify(cmd)}`);
  return events;
}

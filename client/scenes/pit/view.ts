/**
 * What the pit page reads: the room's synchronized state (docs/protocol.md, pit) and the account
 * route, as plain objects. Pure: no DOM, no Phaser.
 */
import type { Candle } from "./chart.js";
import type { PitLevelView, PitOrderView } from "./pitDebug.js";

/** The part of GET /api/pit/accounts/me (docs/protocol.md) the page shows. */
export interface AccountView {
  cash: { available: number; reserved: number };
  fills: Array<{ symbol: string; tradeId: number; time: number; price: number; qty: number; side: "buy" | "sell"; liquidity: "maker" | "taker"; fee: number; clientOrderId: string }>;
}

export function isAccountView(x: unknown): x is AccountView {
  const a = x as AccountView | null;
  return !!a && typeof a.cash?.available === "number" && typeof a.cash?.reserved === "number" && Array.isArray(a.fills);
}

export interface TradeView { tradeId: number; time: number; price: number; qty: number; takerSide: string }
export interface TraderView { cashAvailable: number; cashReserved: number; assetAvailable: number; assetReserved: number; orders: PitOrderView[] }
export interface PitView {
  symbol: string;
  refPrice: number;
  band: number;
  lastPrice: number;
  bids: PitLevelView[];
  asks: PitLevelView[];
  tape: TradeView[];
  candles: Candle[];
  stats: { open: number; high: number; low: number; last: number; volume: number; trades: number };
  me: TraderView | null;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function readState(s: any): PitView {
  const levels = (a: any): PitLevelView[] => (a ? [...a].map((l: any) => ({ price: l.price, qty: l.qty, orders: l.orders })) : []);
  let me: TraderView | null = null;
  if (s?.traders) {
    s.traders.forEach((t: any) => {
      if (me) return;
      me = {
        cashAvailable: t.cashAvailable, cashReserved: t.cashReserved, assetAvailable: t.assetAvailable, assetReserved: t.assetReserved,
        orders: t.orders ? [...t.orders].map((o: any) => ({ clientOrderId: o.clientOrderId, side: o.side, price: o.price, leavesQty: o.leavesQty, filledQty: o.filledQty, postOnly: o.postOnly })) : [],
      };
    });
  }
  const st = s?.stats;
  return {
    symbol: s?.symbol ?? "",
    refPrice: s?.refPrice ?? 0,
    band: s?.band ?? 0,
    lastPrice: s?.lastPrice ?? 0,
    bids: levels(s?.bids),
    asks: levels(s?.asks),
    tape: s?.tape ? [...s.tape].map((t: any) => ({ tradeId: t.tradeId, time: t.time, price: t.price, qty: t.qty, takerSide: t.takerSide })) : [],
    candles: s?.candles1s ? [...s.candles1s].map((c: any) => ({ t: c.t, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume })) : [],
    stats: { open: st?.open ?? 0, high: st?.high ?? 0, low: st?.low ?? 0, last: st?.last ?? 0, volume: st?.volume ?? 0, trades: st?.trades ?? 0 },
    me,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Pre-trade risk: what an order holds while it is open, and the fee arithmetic.
 *   buy  → reserves cash  = reservePrice × qty (the limit price; for a market buy the band maximum,
 *          the worst price it may trade at), released in proportion as it fills/cancels, with the
 *          difference between reservePrice and a better trade price returned at each fill;
 *   sell → reserves qty lots of the asset.
 * An order that cannot be covered is rejected (INSUFFICIENT_FUNDS / INSUFFICIENT_ASSET) and
 * nothing changes: the reservation is the last check before the book is touched.
 */
import type { Ledger } from "./ledger.js";
import { BUY, type SideCode } from "./order.js";
import { PitCodes, type Instrument, type OrderCommand, type PitCode } from "./types.js";

/** ⌊amount × bps / 10 000⌋ exactly, without overflowing 2^53 for any safe `amount` and bps ≤ 10 000. */
export function feeOf(amount: number, bps: number): number {
  if (bps === 0) return 0;
  const q = Math.floor(amount / 10_000);
  const r = amount - q * 10_000;
  return q * bps + Math.floor((r * bps) / 10_000);
}

/** Holds what an order of `qty` lots needs; returns the rejection code, or null when reserved. */
export function reserveFor(ledger: Ledger, symbol: string, traderId: string, side: SideCode, reservePrice: number, qty: number): PitCode | null {
  if (side === BUY) return ledger.reserveCash(traderId, reservePrice * qty) ? null : PitCodes.INSUFFICIENT_FUNDS;
  return ledger.reserveAsset(traderId, symbol, qty) ? null : PitCodes.INSUFFICIENT_ASSET;
}

/** Gives back what `qty` unfilled lots of an order were holding. */
export function releaseFor(ledger: Ledger, symbol: string, traderId: string, side: SideCode, reservePrice: number, qty: number): void {
  if (qty === 0) return;
  if (side === BUY) ledger.releaseCash(traderId, reservePrice * qty);
  else ledger.releaseAsset(traderId, symbol, qty);
}

/**
 * What accepting this (valid) order would hold, for an adapter that must secure it elsewhere first
 * (e.g. a conditional database update): `{cash}` for a buy, `{asset}` for a sell.
 */
export function requiredReservation(instrument: Instrument, cmd: OrderCommand): { cash: number; asset: number } {
  if (cmd.side === "sell") return { cash: 0, asset: cmd.qty };
  const price = cmd.orderType === "market" ? instrument.refPrice + instrument.band : (cmd.price ?? 0);
  return { cash: price * cmd.qty, asset: 0 };
}

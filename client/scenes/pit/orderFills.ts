/**
 * What each of my orders has filled, from my execution reports: lots and their average price, for
 * the order's message ("Filled 7 @ avg 10,010.71", not only the last fill's "5 @ 10,011"). An order
 * is forgotten when it closes (filled, canceled, rejected). Pure.
 */
import type { PitExecution } from "./pitDebug.js";

export interface OrderFill {
  /** Lots filled (as the report's filledQty says). */
  qty: number;
  /** Average price of the fills seen on this page; undefined when some were before it (then: the last price). */
  avg: number | undefined;
  last: number;
}

export class OrderFills {
  private readonly byOrder = new Map<string, { qty: number; notional: number }>();

  /** Counts the report's fill, if any; returns the order's fills so far (undefined: none yet). */
  onExecution(m: Pick<PitExecution, "clientOrderId" | "status" | "filledQty" | "lastPrice" | "lastQty">): OrderFill | undefined {
    let seen = this.byOrder.get(m.clientOrderId);
    const q = m.lastQty ?? 0;
    const p = m.lastPrice ?? 0;
    if (q > 0 && p > 0) {
      if (!seen) this.byOrder.set(m.clientOrderId, (seen = { qty: 0, notional: 0 }));
      seen.qty += q;
      seen.notional += q * p;
    }
    if (m.status === "filled" || m.status === "canceled" || m.status === "rejected") this.byOrder.delete(m.clientOrderId);
    if (!(m.filledQty > 0)) return undefined;
    const whole = seen !== undefined && seen.qty === m.filledQty;
    return { qty: m.filledQty, avg: whole ? seen!.notional / seen!.qty : undefined, last: p };
  }
}

/** "7 @ 10,010" when every lot filled at one price, "7 @ avg 10,010.71" otherwise; `fmt` formats integers. */
export function fillText(f: OrderFill, fmt: (n: number) => string): string {
  if (f.avg === undefined) return `${fmt(f.qty)} filled (last @ ${fmt(f.last)})`;
  if (Number.isInteger(f.avg)) return `${fmt(f.qty)} @ ${fmt(f.avg)}`;
  return `${fmt(f.qty)} @ avg ${f.avg.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

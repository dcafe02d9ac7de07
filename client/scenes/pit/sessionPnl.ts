/**
 * "P&L this session" on the pit page: what my fills since the page opened the room made, valued at
 * the mark — cash received for sales minus cash paid for buys, plus the lots bought net of lots
 * sold at the mark. Built from my execution reports, not from the balances: the room's cash also
 * moves when cash is allocated to it from the account or released from it (docs/protocol.md, pit
 * "Cash across instruments"), and a transfer is not a profit. Fees are not in the reports (the
 * shipped instruments charge none); the fills list shows them. Pure.
 */
import type { PitExecution } from "./pitDebug.js";

export class SessionPnl {
  private readonly sides = new Map<string, "buy" | "sell">();
  /** Cash from my fills this session (sales +, buys −). */
  cash = 0;
  /** Lots from my fills this session (buys +, sales −). */
  lots = 0;
  fills = 0;

  /** The side of one of my orders (sent from this page, or open from before it). */
  rememberSide(clientOrderId: string, side: "buy" | "sell"): void {
    this.sides.set(clientOrderId, side);
  }

  /** Counts the fill an execution report carries, if any (a report without lastQty changes nothing). */
  onExecution(m: Pick<PitExecution, "clientOrderId" | "lastPrice" | "lastQty">): void {
    const side = this.sides.get(m.clientOrderId);
    const qty = m.lastQty ?? 0;
    const price = m.lastPrice ?? 0;
    if (!side || !(qty > 0) || !(price > 0)) return;
    const sign = side === "buy" ? 1 : -1;
    this.lots += sign * qty;
    this.cash -= sign * qty * price;
    this.fills++;
  }

  pnl(mark: number): number {
    return this.cash + this.lots * mark;
  }
}

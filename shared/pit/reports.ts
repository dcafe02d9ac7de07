/**
 * Events → execution reports: what the room sends each trader as `execution` (docs/protocol.md).
 * One event can concern two traders (a trade: maker and taker), so a report is addressed.
 * `filled` / `partially_filled` are derived from a trade's leaves (0 → filled).
 */
import type { ExecutionReport, PitEvent } from "./types.js";

export interface AddressedReport {
  traderId: string;
  report: ExecutionReport;
}

/** In event order; `funded`/`withdrawn` events produce no report (they are not orders). */
export function executionReports(events: readonly PitEvent[]): AddressedReport[] {
  const out: AddressedReport[] = [];
  for (const e of events) {
    switch (e.type) {
      case "accepted":
        out.push({ traderId: e.traderId, report: { clientOrderId: e.clientOrderId, status: "accepted", filledQty: 0, leavesQty: e.qty } });
        break;
      case "rejected":
        if (e.command === "fund" || e.command === "withdraw") break;
        out.push({ traderId: e.traderId, report: { clientOrderId: e.clientOrderId, status: "rejected", reason: e.code, filledQty: e.filledQty, leavesQty: e.leavesQty } });
        break;
      case "trade":
        out.push({
          traderId: e.makerTraderId,
          report: { clientOrderId: e.makerClientOrderId, status: e.makerLeavesQty === 0 ? "filled" : "partially_filled", filledQty: e.makerFilledQty, leavesQty: e.makerLeavesQty, lastPrice: e.price, lastQty: e.qty },
        });
        out.push({
          traderId: e.takerTraderId,
          report: { clientOrderId: e.takerClientOrderId, status: e.takerLeavesQty === 0 ? "filled" : "partially_filled", filledQty: e.takerFilledQty, leavesQty: e.takerLeavesQty, lastPrice: e.price, lastQty: e.qty },
        });
        break;
      case "amended":
        out.push({ traderId: e.traderId, report: { clientOrderId: e.clientOrderId, status: e.filledQty > 0 ? "partially_filled" : "accepted", filledQty: e.filledQty, leavesQty: e.leavesQty } });
        break;
      case "canceled":
        out.push({ traderId: e.traderId, report: { clientOrderId: e.clientOrderId, status: "canceled", reason: e.reason, filledQty: e.filledQty, leavesQty: 0 } });
        break;
      case "funded":
      case "withdrawn":
        break;
    }
  }
  return out;
}

/** The reports for one trader, in order. */
export function reportsFor(events: readonly PitEvent[], traderId: string): ExecutionReport[] {
  return executionReports(events)
    .filter((r) => r.traderId === traderId)
    .map((r) => r.report);
}

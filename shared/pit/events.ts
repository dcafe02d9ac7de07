/**
 * Event constructors: the engine's only output. Each copies plain values out of the (recycled)
 * Order objects, so an event never aliases book state.
 */
import { BUY, type Order } from "./order.js";
import type { CancelReason, PitCode, PitCommand, PitEvent, TradeEvent } from "./types.js";

export function tradeEvent(seq: number, time: number, tradeId: number, maker: Order, taker: Order, price: number, qty: number, makerFee: number, takerFee: number): TradeEvent {
  return {
    type: "trade", seq, time, tradeId, price, qty, takerSide: taker.side === BUY ? "buy" : "sell",
    makerTraderId: maker.trader.id, makerClientOrderId: maker.clientOrderId, makerFilledQty: maker.filled, makerLeavesQty: maker.leaves,
    takerTraderId: taker.trader.id, takerClientOrderId: taker.clientOrderId, takerFilledQty: taker.filled, takerLeavesQty: taker.leaves,
    makerFee, takerFee,
  };
}

export function canceledEvent(seq: number, time: number, o: Order, reason: CancelReason): PitEvent {
  return { type: "canceled", seq, time, traderId: o.trader.id, clientOrderId: o.clientOrderId, reason, canceledQty: o.leaves, filledQty: o.filled };
}

export function amendedEvent(seq: number, time: number, o: Order, priorityKept: boolean): PitEvent {
  return { type: "amended", seq, time, traderId: o.trader.id, clientOrderId: o.clientOrderId, price: o.price, leavesQty: o.leaves, filledQty: o.filled, priorityKept };
}

/** `open`: the trader's open order the command was about, reported unchanged. */
export function rejectedEvent(c: PitCommand, code: PitCode, message: string, open: Order | null): PitEvent {
  const ids = c as { traderId?: unknown; clientOrderId?: unknown };
  return {
    type: "rejected", command: typeof c?.type === "string" ? c.type : "order",
    traderId: typeof ids.traderId === "string" ? ids.traderId : "",
    clientOrderId: typeof ids.clientOrderId === "string" ? ids.clientOrderId : "",
    code, message, filledQty: open?.filled ?? 0, leavesQty: open?.leaves ?? 0,
  } as PitEvent;
}

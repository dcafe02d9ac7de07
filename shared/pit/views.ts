/** Read-only views of the book: L2 depth (public) and a trader's open orders (private). */
import { BUY, SELL, type Order } from "./order.js";
import type { OrderBook } from "./orderbook.js";
import type { OpenOrderView } from "./types.js";

export interface DepthLevel {
  price: number;
  qty: number; // lots, summed over the level's orders
  orders: number;
}

/** The top `levels` price levels per side, best first. */
export function depthOf(book: OrderBook, levels: number): { bids: DepthLevel[]; asks: DepthLevel[] } {
  const take = (side: typeof BUY | typeof SELL) => {
    const rows: DepthLevel[] = [];
    for (const lv of book.levels(side)) {
      if (rows.length >= levels) break;
      rows.push({ price: lv.price, qty: lv.qty, orders: lv.count });
    }
    return rows;
  };
  return { bids: take(BUY), asks: take(SELL) };
}

export function orderView(o: Order): OpenOrderView {
  return { clientOrderId: o.clientOrderId, side: o.side === BUY ? "buy" : "sell", price: o.price, leavesQty: o.leaves, filledQty: o.filled, postOnly: o.postOnly };
}

/** A trader's open orders, bids then asks, each in price-time priority. */
export function openOrdersOf(book: OrderBook, traderId: string): OpenOrderView[] {
  const slot = book.slotOf(traderId);
  if (slot === undefined || slot.open.size === 0) return [];
  const rows: OpenOrderView[] = [];
  for (const side of [BUY, SELL] as const) {
    for (const o of book.orders(side)) if (o.trader === slot) rows.push(orderView(o));
  }
  return rows;
}

/** Read-only views of the book: L2 depth (public) and a trader's open orders (private). */
import { BUY, SELL, type Order } from "./order.js";
import type { OrderBook } from "./orderbook.js";
import type { Level } from "./ladder.js";
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

/**
 * A trader's open orders, bids then asks, each in price-time priority. Built from the trader's own
 * orders (slot.open), not by walking the whole book: the room refreshes every active trader's view at
 * each state patch, and a walk of the book per trader made that O(traders × book). Same price: the
 * level's FIFO decides, walked only where the trader has several orders on one level.
 */
export function openOrdersOf(book: OrderBook, traderId: string): OpenOrderView[] {
  const slot = book.slotOf(traderId);
  if (slot === undefined || slot.open.size === 0) return [];
  const mine: Order[] = [];
  const perLevel = new Map<Level, number>();
  for (const o of slot.open.values()) {
    if (o.level === null) continue;
    mine.push(o);
    perLevel.set(o.level, (perLevel.get(o.level) ?? 0) + 1);
  }
  const fifo = new Map<Order, number>();
  for (const [level, n] of perLevel) {
    if (n < 2) continue;
    let i = 0;
    for (let o = level.head; o !== null; o = o.next) if (o.trader === slot) fifo.set(o, i++);
  }
  mine.sort((a, b) => {
    if (a.side !== b.side) return a.side === BUY ? -1 : 1;
    if (a.price !== b.price) return a.side === BUY ? b.price - a.price : a.price - b.price;
    return fifo.get(a)! - fifo.get(b)!;
  });
  return mine.map(orderView);
}

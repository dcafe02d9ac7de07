/**
 * The book's mutable records. One `Order` object per live order, recycled through a free list
 * (`OrderPool`) so that a busy book allocates nothing per command once warm. Fields are plain
 * numbers and references, initialised in the constructor, so every instance shares one hidden class.
 */
import type { Level } from "./ladder.js";

export const BUY = 0;
export const SELL = 1;
export type SideCode = typeof BUY | typeof SELL;

/** A trader as the book knows them: their open orders by clientOrderId. */
export class TraderSlot {
  readonly id: string;
  readonly open: Map<string, Order>; // clientOrderId → open (resting) order
  constructor(id: string) {
    this.id = id;
    this.open = new Map();
  }
}

export class Order {
  trader: TraderSlot; // owner (STP compares slots by identity)
  clientOrderId: string;
  side: SideCode;
  price: number; // limit price in ticks (market: the band edge it may trade up to)
  reservePrice: number; // buy: cash reserved per lot (limit price; band maximum for a market buy)
  leaves: number; // open quantity, lots (> 0 while resting)
  filled: number; // cumulative filled lots
  postOnly: boolean;
  prev: Order | null; // FIFO neighbours inside `level`
  next: Order | null;
  level: Level | null; // the level it rests on, null while not resting

  constructor(trader: TraderSlot) {
    this.trader = trader;
    this.clientOrderId = "";
    this.side = BUY;
    this.price = 0;
    this.reservePrice = 0;
    this.leaves = 0;
    this.filled = 0;
    this.postOnly = false;
    this.prev = null;
    this.next = null;
    this.level = null;
  }
}

const NOBODY = new TraderSlot("");

/** Free list of Order objects. Released orders keep no reference to a trader or a level. */
export class OrderPool {
  private readonly free: Order[] = [];
  private readonly cap: number;
  constructor(cap = 1 << 16) {
    this.cap = cap;
  }

  acquire(trader: TraderSlot, clientOrderId: string, side: SideCode, price: number, reservePrice: number, qty: number, postOnly: boolean): Order {
    const o = this.free.pop() ?? new Order(trader);
    o.trader = trader;
    o.clientOrderId = clientOrderId;
    o.side = side;
    o.price = price;
    o.reservePrice = reservePrice;
    o.leaves = qty;
    o.filled = 0;
    o.postOnly = postOnly;
    return o;
  }

  release(o: Order): void {
    o.trader = NOBODY;
    o.prev = null;
    o.next = null;
    o.level = null;
    if (this.free.length < this.cap) this.free.push(o);
  }
}

/**
 * Price-time priority limit order book for one instrument. Pure data structure + matching: it
 * knows nothing about money, validation or events — it calls a `BookListener` for every fill and
 * every self-trade cancel, and the engine turns those into settlements and events.
 *
 * Structure (see ladder.ts): two dense ladders over the band with occupancy bitmaps; each level is
 * an intrusive doubly-linked FIFO of `Order`s; a map traderId → TraderSlot → clientOrderId → order
 * gives O(1) cancel/amend. Matching walks from the best opposite level, head first.
 * Self-trade prevention (cancel resting): a taker meeting its own trader's resting order cancels
 * that resting order and goes on matching.
 */
import { Ladder, type Level } from "./ladder.js";
import { BUY, Order, OrderPool, TraderSlot, type SideCode } from "./order.js";

export interface BookListener {
  /** `qty` lots traded at `price` (the maker's). Both orders' leaves/filled are already updated. */
  onTrade(maker: Order, taker: Order, price: number, qty: number): void;
  /** `maker` belongs to the taker's trader and is about to be removed (STP). */
  onSelfTrade(maker: Order, taker: Order): void;
}

export class OrderBook {
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly bids: Ladder;
  readonly asks: Ladder;
  readonly pool: OrderPool;
  private readonly traders: Map<string, TraderSlot>;
  private readonly listener: BookListener;

  constructor(minPrice: number, maxPrice: number, listener: BookListener) {
    this.minPrice = minPrice;
    this.maxPrice = maxPrice;
    const size = maxPrice - minPrice + 1;
    this.bids = new Ladder(true, minPrice, size);
    this.asks = new Ladder(false, minPrice, size);
    this.pool = new OrderPool();
    this.traders = new Map();
    this.listener = listener;
  }

  /** Get-or-create the trader's slot (only for accepted commands). */
  slot(traderId: string): TraderSlot {
    let s = this.traders.get(traderId);
    if (s === undefined) {
      s = new TraderSlot(traderId);
      this.traders.set(traderId, s);
    }
    return s;
  }

  /** The trader's slot if they ever had an accepted order here. */
  slotOf(traderId: string): TraderSlot | undefined {
    return this.traders.get(traderId);
  }

  /** The trader's open order with that clientOrderId. */
  find(traderId: string, clientOrderId: string): Order | undefined {
    return this.traders.get(traderId)?.open.get(clientOrderId);
  }

  side(side: SideCode): Ladder {
    return side === BUY ? this.bids : this.asks;
  }

  /** Would an order of `side` at index `limit` trade against anything resting (any owner)? */
  wouldCross(side: SideCode, limit: number): boolean {
    if (side === BUY) {
      const a = this.asks.best;
      return a >= 0 && a <= limit;
    }
    const b = this.bids.best;
    return b >= 0 && b >= limit;
  }

  /**
   * Whether a taker of `side` up to index `limit` can fill `qty` lots from orders NOT owned by
   * `trader` (own orders would be canceled by STP, not filled).
   */
  canFill(side: SideCode, limit: number, qty: number, trader: TraderSlot): boolean {
    const opp = side === BUY ? this.asks : this.bids;
    const isBuy = side === BUY;
    let own = 0;
    for (const o of trader.open.values()) {
      if (o.side !== side && o.level !== null && (isBuy ? o.level.index <= limit : o.level.index >= limit)) own += o.leaves;
    }
    const need = qty + own;
    let sum = 0;
    for (let i = opp.best; i >= 0 && (isBuy ? i <= limit : i >= limit); i = opp.worse(i)) {
      sum += opp.level(i)!.qty;
      if (sum >= need) return true;
    }
    return false;
  }

  /** Matches `taker` against the opposite side up to index `limit`, best price first, FIFO within a level. */
  match(taker: Order, limit: number): void {
    const isBuy = taker.side === BUY;
    const opp = isBuy ? this.asks : this.bids;
    const listener = this.listener;
    const me = taker.trader;
    let idx = opp.best;
    while (taker.leaves > 0 && idx >= 0 && (isBuy ? idx <= limit : idx >= limit)) {
      const lv: Level = opp.level(idx)!;
      let m: Order | null = lv.head;
      if (m === null) throw new Error(`order book corrupted: best level ${lv.price} is empty`); // a bug: never loop on it
      while (m !== null) {
        const next: Order | null = m.next;
        if (m.trader === me) {
          listener.onSelfTrade(m, taker);
          this.removeResting(m);
        } else {
          const want = taker.leaves;
          const q = m.leaves < want ? m.leaves : want;
          m.leaves -= q;
          m.filled += q;
          taker.leaves = want - q;
          taker.filled += q;
          lv.qty -= q;
          listener.onTrade(m, taker, lv.price, q);
          if (m.leaves === 0) this.removeResting(m);
          if (taker.leaves === 0) return;
        }
        m = next;
      }
      idx = opp.best;
    }
  }

  /** Puts `o` on the book at the tail of its price level and indexes it under its trader. */
  rest(o: Order): void {
    this.side(o.side).append(o, o.price - this.minPrice);
    o.trader.open.set(o.clientOrderId, o);
  }

  /** Takes a resting order off its level but keeps it indexed (amend: cancel/replace in progress). */
  detach(o: Order): void {
    this.side(o.side).unlink(o);
  }

  /** Puts a detached order back, at the tail of the level of its (new) price. */
  reattach(o: Order): void {
    this.side(o.side).append(o, o.price - this.minPrice);
  }

  /** Forgets a detached or never-rested order and recycles it. */
  forget(o: Order): void {
    if (o.level === null) {
      const open = o.trader.open;
      if (open.get(o.clientOrderId) === o) open.delete(o.clientOrderId);
    }
    this.pool.release(o);
  }

  /** Removes a resting order from the book and the index, and recycles it. */
  removeResting(o: Order): void {
    this.side(o.side).unlink(o);
    o.trader.open.delete(o.clientOrderId);
    this.pool.release(o);
  }

  /** Lowers a resting order's leaves in place: it keeps its time priority. */
  reduce(o: Order, leaves: number): void {
    o.level!.qty -= o.leaves - leaves;
    o.leaves = leaves;
  }

  /** Levels of one side from best to worst. */
  *levels(side: SideCode): Generator<Level> {
    const ladder = this.side(side);
    for (let i = ladder.best; i >= 0; i = ladder.worse(i)) yield ladder.level(i)!;
  }

  /** Orders of one side in priority order (best level first, FIFO inside). */
  *orders(side: SideCode): Generator<Order> {
    for (const lv of this.levels(side)) for (let o = lv.head; o !== null; o = o.next) yield o;
  }

  /** Every trader slot (for invariants). */
  slots(): IterableIterator<TraderSlot> {
    return this.traders.values();
  }
}

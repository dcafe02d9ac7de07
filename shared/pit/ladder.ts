/**
 * One side of the book: a dense ladder of price levels over the instrument's band, plus an
 * occupancy bitmap (one bit per price) so that finding the next non-empty level after the best
 * one empties is a scan of 32-bit words with Math.clz32, not of prices.
 *
 * Index i stands for price `minPrice + i`. Levels are created on first use and kept (the band
 * bounds how many there can be), so a level appearing or emptying allocates nothing.
 * Invariants (checked by invariants.ts): bit i is set ⇔ level i has orders; `best` is the highest
 * set index for bids, the lowest for asks, −1 when the side is empty; a level's `qty`/`count` are
 * the sum/number of its orders' leaves.
 */
import type { Order } from "./order.js";

export class Level {
  readonly price: number;
  readonly index: number;
  qty: number; // sum of leaves of the orders here
  count: number; // number of orders here
  head: Order | null; // oldest (first to fill)
  tail: Order | null; // newest
  constructor(price: number, index: number) {
    this.price = price;
    this.index = index;
    this.qty = 0;
    this.count = 0;
    this.head = null;
    this.tail = null;
  }
}

export class Ladder {
  readonly isBid: boolean;
  readonly minPrice: number;
  readonly size: number; // number of price slots
  best: number; // index of the best non-empty level; −1 when empty
  orders: number; // resting orders on this side
  private readonly levels: (Level | null)[];
  private readonly bits: Int32Array;

  constructor(isBid: boolean, minPrice: number, size: number) {
    this.isBid = isBid;
    this.minPrice = minPrice;
    this.size = size;
    this.best = -1;
    this.orders = 0;
    this.levels = new Array<Level | null>(size).fill(null);
    this.bits = new Int32Array((size + 31) >>> 5);
  }

  level(index: number): Level | null {
    return this.levels[index] ?? null;
  }

  bestLevel(): Level | null {
    return this.best < 0 ? null : (this.levels[this.best] ?? null);
  }

  /** Appends `o` (leaves > 0) at the tail of the level at `index`: time priority last. */
  append(o: Order, index: number): void {
    let lv = this.levels[index];
    if (lv == null) {
      lv = new Level(this.minPrice + index, index);
      this.levels[index] = lv;
    }
    const tail = lv.tail;
    o.level = lv;
    o.prev = tail;
    o.next = null;
    if (tail === null) {
      lv.head = o;
      this.bits[index >>> 5]! |= 1 << (index & 31);
      const b = this.best;
      if (b < 0 || (this.isBid ? index > b : index < b)) this.best = index;
    } else {
      tail.next = o;
    }
    lv.tail = o;
    lv.qty += o.leaves;
    lv.count++;
    this.orders++;
  }

  /** Removes a resting order from its level (its leaves leave the level's qty). */
  unlink(o: Order): void {
    const lv = o.level!;
    const prev = o.prev;
    const next = o.next;
    if (prev === null) lv.head = next;
    else prev.next = next;
    if (next === null) lv.tail = prev;
    else next.prev = prev;
    o.prev = null;
    o.next = null;
    o.level = null;
    lv.qty -= o.leaves;
    lv.count--;
    this.orders--;
    if (lv.count === 0) this.emptied(lv.index);
  }

  /** A fill or a reduction took `qty` off an order that stays on the level. */
  shrink(lv: Level, qty: number): void {
    lv.qty -= qty;
  }

  private emptied(index: number): void {
    this.bits[index >>> 5]! &= ~(1 << (index & 31));
    if (index === this.best) this.best = this.isBid ? this.prevSet(index - 1) : this.nextSet(index + 1);
  }

  /** The next non-empty index strictly worse than `index` (towards lower bids / higher asks), −1 if none. */
  worse(index: number): number {
    return this.isBid ? this.prevSet(index - 1) : this.nextSet(index + 1);
  }

  /** Lowest set index ≥ from, −1 if none. */
  nextSet(from: number): number {
    if (from >= this.size) return -1;
    const bits = this.bits;
    let w = from >>> 5;
    let word = bits[w]! & (-1 << (from & 31));
    for (;;) {
      if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
      if (++w >= bits.length) return -1;
      word = bits[w]!;
    }
  }

  /** Highest set index ≤ from, −1 if none. */
  prevSet(from: number): number {
    if (from < 0) return -1;
    const bits = this.bits;
    let w = from >>> 5;
    let word = bits[w]! & (0xffffffff >>> (31 - (from & 31)));
    for (;;) {
      if (word !== 0) return (w << 5) + (31 - Math.clz32(word));
      if (--w < 0) return -1;
      word = bits[w]!;
    }
  }

  /** Whether bit `index` is set (for the invariant checker). */
  occupied(index: number): boolean {
    return (this.bits[index >>> 5]! & (1 << (index & 31))) !== 0;
  }
}

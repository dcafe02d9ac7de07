/**
 * The pit's matching engine for ONE instrument: validation → pre-trade risk → book → events.
 * Pure: time comes in as `now`, no I/O, no randomness; the same commands give the same events,
 * state and `stateHash()` on any machine (replay of the journal = live).
 *
 * Atomic: every check (validation, duplicate id, post-only, liquidity, and last the reservation)
 * happens before the book or a balance is touched, so a rejected command changes nothing and
 * takes no `seq`. Each accepted command takes the next `seq`; all its events carry it.
 *
 * Two entry points run the same code: `apply(cmd, now)` returns the events (the room), and
 * `execute(cmd, now)` returns the seq (0 = rejected, code in `lastRejection`) without building
 * event objects (journal replay, benchmarks).
 */
import { MemoryLedger, type Ledger } from "./ledger.js";
import { MarketData, type Candle, type MarketDataSnapshot, type Stats, type TapeEntry } from "./marketdata.js";
import { BUY, type Order } from "./order.js";
import { OrderBook, type BookListener } from "./orderbook.js";
import { feeOf, releaseFor, reserveFor } from "./risk.js";
import { captureSnapshot, hashState, restoreSnapshot, type EngineSnapshot } from "./snapshot.js";
import { validateInstrument } from "./instruments.js";
import { amendedEvent, canceledEvent, rejectedEvent, tradeEvent } from "./events.js";
import { depthOf, openOrdersOf, orderView, type DepthLevel } from "./views.js";
import { checkAmend, checkFund, FOK, GTC, MESSAGES, parseOrder, ParsedOrder, TIF_NAMES, validIds } from "./validate.js";
import {
  PitCodes,
  type AmendCommand,
  type CancelCommand,
  type CancelReason,
  type FundCommand,
  type WithdrawCommand,
  type Instrument,
  type OpenOrderView,
  type OrderCommand,
  type PitCode,
  type PitCommand,
  type PitEvent,
} from "./types.js";

export interface EngineOptions {
  instrument: Instrument;
  /** Balances and pre-trade risk. Default: a fresh MemoryLedger. `null`: no risk checks, no settlement (book only: tools, benchmarks). */
  ledger?: Ledger | null;
  /** Trades kept on the tape (default 100). */
  tape?: number;
  /** Candle series (default 1 s × 600 and 1 min × 1440). */
  candles?: { interval: number; capacity: number }[];
}

const DEFAULT_CANDLES = [
  { interval: 1_000, capacity: 600 },
  { interval: 60_000, capacity: 1_440 },
];

export class Engine implements BookListener {
  readonly instrument: Required<Instrument>;
  readonly symbol: string;
  readonly book: OrderBook;
  readonly ledger: Ledger | null;
  readonly market: MarketData;
  readonly options: { tape: number; candles: { interval: number; capacity: number }[] };
  /** Sequence number of the last accepted command (0 before any). Written only by the engine and restore. */
  seq = 0;
  /** Id of the next trade. */
  nextTradeId = 1;
  /** Why the last `execute` returned 0. */
  lastRejection: { code: PitCode; message: string } | null = null;
  private out: PitEvent[] | null = null; // events of the command being applied (null: execute mode)
  private now = 0;
  private readonly parsed = new ParsedOrder();
  private readonly makerBps: number;
  private readonly takerBps: number;

  constructor(opts: EngineOptions) {
    const v = validateInstrument(opts.instrument);
    if (!v.ok) throw new Error(v.error.message);
    this.instrument = v.value;
    this.symbol = v.value.symbol;
    this.makerBps = v.value.makerFeeBps;
    this.takerBps = v.value.takerFeeBps;
    this.ledger = opts.ledger === undefined ? new MemoryLedger() : opts.ledger;
    this.options = { tape: opts.tape ?? 100, candles: opts.candles ?? DEFAULT_CANDLES };
    this.book = new OrderBook(v.value.refPrice - v.value.band, v.value.refPrice + v.value.band, this);
    this.market = new MarketData(this.options);
  }

  // ------------------------------------------------------------ commands

  /** Applies one command at time `now` (ms); returns its events (one `rejected` event if refused). */
  apply(cmd: PitCommand, now: number): PitEvent[] {
    const out: PitEvent[] = [];
    this.out = out;
    try {
      this.dispatch(cmd, now);
    } finally {
      this.out = null;
    }
    return out;
  }

  /** Same as `apply` without building events: returns the command's seq, or 0 if it was rejected. */
  execute(cmd: PitCommand, now: number): number {
    this.out = null;
    return this.dispatch(cmd, now);
  }

  private dispatch(cmd: PitCommand, now: number): number {
    this.now = now;
    this.lastRejection = null;
    switch (cmd.type) {
      case "order":
        return this.placeOrder(cmd);
      case "cancel":
        return this.cancel(cmd);
      case "amend":
        return this.amend(cmd);
      case "fund":
        return this.fund(cmd);
      case "withdraw":
        return this.withdraw(cmd);
      default:
        return this.reject(cmd as PitCommand, PitCodes.INVALID_ORDER, null);
    }
  }

  private placeOrder(c: OrderCommand): number {
    const p = this.parsed;
    const bad = parseOrder(c, this.instrument, p);
    if (bad !== null) return this.reject(c, bad, null);
    const book = this.book;
    const traderId = c.traderId;
    const slot = book.slotOf(traderId); // one lookup serves the duplicate check and the new order
    const existing = slot?.open.get(c.clientOrderId);
    if (existing !== undefined) return this.reject(c, PitCodes.DUPLICATE_ORDER_ID, existing);
    const side = p.side;
    const idx = p.price - book.minPrice;
    if (p.postOnly && book.wouldCross(side, idx)) return this.reject(c, PitCodes.POST_ONLY_WOULD_CROSS, null);
    if (p.market && (side === BUY ? book.asks : book.bids).best < 0) return this.reject(c, PitCodes.NO_LIQUIDITY, null);
    const ledger = this.ledger;
    if (ledger !== null) {
      const short = reserveFor(ledger, this.symbol, traderId, side, p.price, p.qty);
      if (short !== null) return this.reject(c, short, null);
    }
    // accepted: nothing below can fail
    const seq = ++this.seq;
    const o = book.pool.acquire(slot ?? book.slot(traderId), c.clientOrderId, side, p.price, p.price, p.qty, p.postOnly);
    const out = this.out;
    if (out !== null) {
      out.push({
        type: "accepted", seq, time: this.now, traderId, clientOrderId: c.clientOrderId, side: c.side, orderType: c.orderType,
        price: p.market ? null : p.price, qty: p.qty, tif: TIF_NAMES[p.tif], postOnly: p.postOnly,
      });
    }
    if (p.tif === FOK && !book.canFill(side, idx, p.qty, o.trader)) {
      this.closeRemainder(o, "FOK_UNFILLED");
      return seq;
    }
    book.match(o, idx);
    if (o.leaves === 0) book.forget(o);
    else if (p.tif === GTC) book.rest(o);
    else this.closeRemainder(o, p.market ? "MARKET_REMAINDER" : "IOC_REMAINDER");
    return seq;
  }

  /** An order that never rested gives back what its unfilled lots held, is reported canceled and recycled. */
  private closeRemainder(o: Order, reason: CancelReason): void {
    if (this.ledger !== null) releaseFor(this.ledger, this.symbol, o.trader.id, o.side, o.reservePrice, o.leaves);
    this.canceled(o, reason);
    this.book.forget(o);
  }

  private cancel(c: CancelCommand): number {
    if (!validIds(c.traderId, c.clientOrderId)) return this.reject(c, PitCodes.INVALID_ORDER, null);
    const o = this.book.find(c.traderId, c.clientOrderId);
    if (o === undefined) return this.reject(c, PitCodes.UNKNOWN_ORDER, null);
    ++this.seq;
    if (this.ledger !== null) releaseFor(this.ledger, this.symbol, c.traderId, o.side, o.reservePrice, o.leaves);
    this.canceled(o, "USER");
    this.book.removeResting(o);
    return this.seq;
  }

  private amend(c: AmendCommand): number {
    const bad = checkAmend(c, this.instrument);
    if (bad !== null) return this.reject(c, bad, bad === PitCodes.INVALID_ORDER ? null : this.book.find(c.traderId, c.clientOrderId) ?? null);
    const book = this.book;
    const o = book.find(c.traderId, c.clientOrderId);
    if (o === undefined) return this.reject(c, PitCodes.UNKNOWN_ORDER, null);
    const leaves = c.qty ?? o.leaves;
    const price = c.price ?? o.price;
    const ledger = this.ledger;
    if (price === o.price && leaves <= o.leaves) {
      // reduce in place: keeps time priority
      const seq = ++this.seq;
      if (ledger !== null) releaseFor(ledger, this.symbol, o.trader.id, o.side, o.reservePrice, o.leaves - leaves);
      book.reduce(o, leaves);
      this.amended(o, seq, true);
      return seq;
    }
    // cancel/replace: a new price or a larger quantity goes to the back of the queue
    const idx = price - book.minPrice;
    if (o.postOnly && book.wouldCross(o.side, idx)) return this.reject(c, PitCodes.POST_ONLY_WOULD_CROSS, o);
    if (ledger !== null) {
      const delta = o.side === BUY ? price * leaves - o.reservePrice * o.leaves : leaves - o.leaves;
      if (delta > 0) {
        const short = reserveFor(ledger, this.symbol, o.trader.id, o.side, 1, delta);
        if (short !== null) return this.reject(c, short, o);
      } else if (delta < 0) {
        releaseFor(ledger, this.symbol, o.trader.id, o.side, 1, -delta);
      }
    }
    const seq = ++this.seq;
    book.detach(o);
    o.price = price;
    o.reservePrice = price;
    o.leaves = leaves;
    this.amended(o, seq, false);
    book.match(o, idx);
    if (o.leaves === 0) book.forget(o);
    else book.reattach(o);
    return seq;
  }

  private fund(c: FundCommand): number {
    const bad = checkFund(c);
    if (bad !== null || this.ledger === null) return this.reject(c, bad ?? PitCodes.INVALID_ORDER, null);
    const seq = ++this.seq;
    this.ledger.deposit(c.traderId, c.cash, this.symbol, c.qty);
    this.out?.push(c.ref === undefined ? { type: "funded", seq, time: this.now, traderId: c.traderId, cash: c.cash, qty: c.qty } : { type: "funded", seq, time: this.now, traderId: c.traderId, cash: c.cash, qty: c.qty, ref: c.ref });
    return seq;
  }

  private withdraw(c: WithdrawCommand): number {
    const bad = checkFund(c);
    if (bad !== null || this.ledger === null) return this.reject(c, bad ?? PitCodes.INVALID_ORDER, null);
    const short = this.ledger.withdraw(c.traderId, c.cash, this.symbol, c.qty);
    if (short !== null) return this.reject(c, short === "cash" ? PitCodes.INSUFFICIENT_FUNDS : PitCodes.INSUFFICIENT_ASSET, null);
    const seq = ++this.seq;
    this.out?.push(c.ref === undefined ? { type: "withdrawn", seq, time: this.now, traderId: c.traderId, cash: c.cash, qty: c.qty } : { type: "withdrawn", seq, time: this.now, traderId: c.traderId, cash: c.cash, qty: c.qty, ref: c.ref });
    return seq;
  }

  // ------------------------------------------------------------ book listener (hot path)

  onTrade(maker: Order, taker: Order, price: number, qty: number): void {
    const tradeId = this.nextTradeId++;
    const takerBuys = taker.side === BUY;
    this.market.onTrade(tradeId, this.now, price, qty, takerBuys);
    // fees are taken from what each side receives: the buyer's lots, the seller's cash
    let makerFee = 0;
    let takerFee = 0;
    if (this.makerBps !== 0) makerFee = feeOf(takerBuys ? price * qty : qty, this.makerBps);
    if (this.takerBps !== 0) takerFee = feeOf(takerBuys ? qty : price * qty, this.takerBps);
    const ledger = this.ledger;
    if (ledger !== null) {
      if (takerBuys) ledger.settle(this.symbol, taker.trader.id, maker.trader.id, price, qty, taker.reservePrice, takerFee, makerFee);
      else ledger.settle(this.symbol, maker.trader.id, taker.trader.id, price, qty, maker.reservePrice, makerFee, takerFee);
    }
    if (this.out !== null) this.out.push(tradeEvent(this.seq, this.now, tradeId, maker, taker, price, qty, makerFee, takerFee));
  }

  onSelfTrade(maker: Order): void {
    if (this.ledger !== null) releaseFor(this.ledger, this.symbol, maker.trader.id, maker.side, maker.reservePrice, maker.leaves);
    this.canceled(maker, "STP");
  }

  // ------------------------------------------------------------ events

  private canceled(o: Order, reason: CancelReason): void {
    if (this.out !== null) this.out.push(canceledEvent(this.seq, this.now, o, reason));
  }

  private amended(o: Order, seq: number, priorityKept: boolean): void {
    if (this.out !== null) this.out.push(amendedEvent(seq, this.now, o, priorityKept));
  }

  private reject(c: PitCommand, code: PitCode, open: Order | null): 0 {
    const message = MESSAGES[code];
    this.lastRejection = { code, message };
    if (this.out !== null) this.out.push(rejectedEvent(c, code, message, open));
    return 0;
  }

  // ------------------------------------------------------------ market data & views

  bestBid(): number | null {
    return this.book.bids.bestLevel()?.price ?? null;
  }

  bestAsk(): number | null {
    return this.book.asks.bestLevel()?.price ?? null;
  }

  /** L2: the top `levels` aggregated price levels per side, best first. */
  depth(levels = 20): { bids: DepthLevel[]; asks: DepthLevel[] } {
    return depthOf(this.book, levels);
  }

  lastPrice(): number | null {
    return this.market.lastPrice();
  }

  stats(): Stats {
    return this.market.stats();
  }

  tape(limit?: number): TapeEntry[] {
    return this.market.tape(limit);
  }

  candles(intervalMs: number): Candle[] {
    return this.market.candles(intervalMs);
  }

  /** A trader's open orders (their private view), in price-time priority per side. */
  openOrders(traderId: string): OpenOrderView[] {
    return openOrdersOf(this.book, traderId);
  }

  /**
   * The same open orders in a stable order: the order each came to rest (an order keeps its place
   * while it is open, also through amends; after a rebuild from a snapshot, the snapshot's order).
   * The room mirrors this list into the trader's private state: a new order is appended there
   * instead of inserted mid-list, which rewrote every row after it at each patch.
   */
  openOrdersByRest(traderId: string): OpenOrderView[] {
    const slot = this.book.slotOf(traderId);
    if (slot === undefined) return [];
    const out: OpenOrderView[] = [];
    for (const o of slot.open.values()) if (o.level !== null) out.push(orderView(o));
    return out;
  }

  order(traderId: string, clientOrderId: string): OpenOrderView | null {
    const o = this.book.find(traderId, clientOrderId);
    return o === undefined ? null : orderView(o);
  }

  // ------------------------------------------------------------ durability

  /** Plain-JSON state: book (in priority order), balances, seq, market data. */
  snapshot(): EngineSnapshot {
    return captureSnapshot(this);
  }

  /** Deterministic hash of book + balances + seq (+ trade counter and market totals). */
  stateHash(): string {
    return hashState(this);
  }

  /** Rebuilds an engine from `snapshot()`; `ledger` overrides the snapshot's balances (shared ledgers). */
  static fromSnapshot(s: EngineSnapshot, opts: { ledger?: Ledger | null } = {}): Engine {
    const ledger = opts.ledger !== undefined ? opts.ledger : s.ledger === null ? null : MemoryLedger.fromSnapshot(s.ledger);
    const e = new Engine({ instrument: s.instrument, ledger, tape: s.options.tape, candles: s.options.candles });
    restoreSnapshot(e, s);
    return e;
  }
}

export type { DepthLevel, EngineSnapshot, MarketDataSnapshot };

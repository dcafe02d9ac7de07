/**
 * Public market data derived from trades only (pure aggregation; the time of a trade is the `now`
 * of the command that caused it): last price, stats since start, a bounded trade tape, and candles
 * per interval (1 s and 1 min by default). Updating on a trade allocates nothing except when a
 * new candle opens. A trade older than the current candle (a clock step back) is folded into the
 * current candle: candles never go back in time.
 */

export interface Candle {
  t: number; // bucket start, ms
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number; // lots
  trades: number;
}

export interface TapeEntry {
  tradeId: number;
  time: number;
  price: number;
  qty: number;
  takerSide: "buy" | "sell";
}

export interface Stats {
  open: number | null; // first trade's price
  high: number | null;
  low: number | null;
  last: number | null;
  volume: number; // lots
  notional: number; // ticks × lots
  trades: number;
  firstTradeAt: number | null;
  lastTradeAt: number | null;
}

export interface MarketDataSnapshot {
  stats: Stats;
  tape: TapeEntry[]; // oldest first
  candles: { interval: number; candles: Candle[] }[]; // oldest first; the last one is the open candle
}

export class CandleSeries {
  readonly interval: number;
  readonly capacity: number;
  private readonly closed: Candle[] = []; // oldest first, at most capacity − 1
  private cur: Candle | null = null;

  constructor(interval: number, capacity: number) {
    this.interval = interval;
    this.capacity = capacity;
  }

  add(time: number, price: number, qty: number): void {
    const t = Math.floor(time / this.interval) * this.interval;
    const c = this.cur;
    if (c !== null && t <= c.t) {
      if (price > c.high) c.high = price;
      if (price < c.low) c.low = price;
      c.close = price;
      c.volume += qty;
      c.trades++;
      return;
    }
    if (c !== null) {
      this.closed.push(c);
      if (this.closed.length >= this.capacity) this.closed.shift(); // once per interval, not per trade
    }
    this.cur = { t, open: price, high: price, low: price, close: price, volume: qty, trades: 1 };
  }

  /** Oldest first, the open candle last; copies. */
  list(): Candle[] {
    const all = this.cur === null ? this.closed : [...this.closed, this.cur];
    return all.map((c) => ({ ...c }));
  }

  load(candles: readonly Candle[]): void {
    this.closed.length = 0;
    this.cur = null;
    const n = candles.length;
    for (let i = Math.max(0, n - this.capacity); i < n; i++) {
      const c = { ...candles[i]! };
      if (i === n - 1) this.cur = c;
      else this.closed.push(c);
    }
  }
}

export class MarketData {
  readonly series: CandleSeries[];
  readonly tapeCapacity: number;
  // stats
  open = 0;
  high = 0;
  low = 0;
  last = 0;
  volume = 0;
  notional = 0;
  trades = 0;
  firstTradeAt = 0;
  lastTradeAt = 0;
  // tape ring buffer (struct of arrays)
  private head = 0; // next write slot
  private size = 0;
  private readonly tId: Float64Array;
  private readonly tTime: Float64Array;
  private readonly tPrice: Float64Array;
  private readonly tQty: Float64Array;
  private readonly tBuy: Uint8Array;

  constructor(opts: { tape?: number; candles?: { interval: number; capacity: number }[] } = {}) {
    this.tapeCapacity = opts.tape ?? 100;
    const cap = Math.max(1, this.tapeCapacity);
    this.tId = new Float64Array(cap);
    this.tTime = new Float64Array(cap);
    this.tPrice = new Float64Array(cap);
    this.tQty = new Float64Array(cap);
    this.tBuy = new Uint8Array(cap);
    const defs = opts.candles ?? [
      { interval: 1_000, capacity: 600 },
      { interval: 60_000, capacity: 1_440 },
    ];
    this.series = defs.map((d) => new CandleSeries(d.interval, d.capacity));
  }

  onTrade(tradeId: number, time: number, price: number, qty: number, takerBuys: boolean): void {
    if (this.trades === 0) {
      this.open = this.high = this.low = price;
      this.firstTradeAt = time;
    } else {
      if (price > this.high) this.high = price;
      if (price < this.low) this.low = price;
    }
    this.last = price;
    this.lastTradeAt = time;
    this.volume += qty;
    this.notional += price * qty;
    this.trades++;
    if (this.tapeCapacity > 0) {
      const h = this.head;
      this.tId[h] = tradeId;
      this.tTime[h] = time;
      this.tPrice[h] = price;
      this.tQty[h] = qty;
      this.tBuy[h] = takerBuys ? 1 : 0;
      this.head = h + 1 === this.tapeCapacity ? 0 : h + 1;
      if (this.size < this.tapeCapacity) this.size++;
    }
    const s = this.series;
    for (let i = 0; i < s.length; i++) s[i]!.add(time, price, qty);
  }

  lastPrice(): number | null {
    return this.trades === 0 ? null : this.last;
  }

  stats(): Stats {
    const any = this.trades > 0;
    return {
      open: any ? this.open : null,
      high: any ? this.high : null,
      low: any ? this.low : null,
      last: any ? this.last : null,
      volume: this.volume,
      notional: this.notional,
      trades: this.trades,
      firstTradeAt: any ? this.firstTradeAt : null,
      lastTradeAt: any ? this.lastTradeAt : null,
    };
  }

  /** The most recent trades, newest first (at most `limit`). */
  tape(limit = this.tapeCapacity): TapeEntry[] {
    const out: TapeEntry[] = [];
    const n = Math.min(limit, this.size);
    for (let k = 1; k <= n; k++) {
      const i = (this.head - k + this.tapeCapacity) % this.tapeCapacity;
      out.push({ tradeId: this.tId[i]!, time: this.tTime[i]!, price: this.tPrice[i]!, qty: this.tQty[i]!, takerSide: this.tBuy[i] === 1 ? "buy" : "sell" });
    }
    return out;
  }

  candles(interval: number): Candle[] {
    const s = this.series.find((x) => x.interval === interval);
    if (s === undefined) throw new Error(`no ${interval} ms candles (have ${this.series.map((x) => x.interval).join(", ")})`);
    return s.list();
  }

  snapshot(): MarketDataSnapshot {
    return {
      stats: this.stats(),
      tape: this.tape().reverse(),
      candles: this.series.map((s) => ({ interval: s.interval, candles: s.list() })),
    };
  }

  load(s: MarketDataSnapshot): void {
    const st = s.stats;
    this.trades = st.trades;
    this.open = st.open ?? 0;
    this.high = st.high ?? 0;
    this.low = st.low ?? 0;
    this.last = st.last ?? 0;
    this.volume = st.volume;
    this.notional = st.notional;
    this.firstTradeAt = st.firstTradeAt ?? 0;
    this.lastTradeAt = st.lastTradeAt ?? 0;
    this.head = 0;
    this.size = 0;
    const tape = s.tape.slice(-this.tapeCapacity);
    for (const e of tape) {
      const h = this.head;
      this.tId[h] = e.tradeId;
      this.tTime[h] = e.time;
      this.tPrice[h] = e.price;
      this.tQty[h] = e.qty;
      this.tBuy[h] = e.takerSide === "buy" ? 1 : 0;
      this.head = h + 1 === this.tapeCapacity ? 0 : h + 1;
      this.size++;
    }
    for (const c of s.candles) this.series.find((x) => x.interval === c.interval)?.load(c.candles);
  }
}

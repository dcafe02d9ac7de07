/**
 * A deliberately naive model of the pit's rules, written from docs/pit-engine.md and sharing no
 * code with the engine: plain arrays scanned in full, orders sorted by (price, arrival) on every
 * match. The property test feeds both the same random commands and demands identical events and
 * balances, so a data-structure bug in the fast book (levels, bitmaps, links, pools) shows up as a
 * difference even when every invariant still holds.
 */
import type { Instrument, PitCommand, PitEvent, Side } from "../../../shared/pit/types.js";

interface ROrder {
  traderId: string;
  clientOrderId: string;
  side: Side;
  price: number;
  leaves: number;
  filled: number;
  postOnly: boolean;
  arrival: number; // time priority: lower first
}

interface RBal {
  cash: { available: number; reserved: number };
  asset: { available: number; reserved: number };
}

const MESSAGES: Record<string, string> = {
  INVALID_ORDER: "malformed command",
  INVALID_PRICE: "price must be a positive integer number of ticks",
  PRICE_OUT_OF_BAND: "price is outside the instrument's band",
  INVALID_QTY: "qty must be a positive integer number of lots, at most the instrument's maxQty",
  INVALID_AMOUNT: "cash and qty must be non-negative integers, not both zero, at most 2^43",
  DUPLICATE_ORDER_ID: "you already have an open order with this clientOrderId",
  UNKNOWN_ORDER: "no open order with this clientOrderId",
  POST_ONLY_WOULD_CROSS: "post-only order would trade on arrival",
  NO_LIQUIDITY: "market order with nothing on the other side",
  INSUFFICIENT_FUNDS: "not enough available cash",
  INSUFFICIENT_ASSET: "not enough available asset",
};

const fee = (amount: number, bps: number) => Number((BigInt(amount) * BigInt(bps)) / 10_000n);

export class ReferencePit {
  orders: ROrder[] = [];
  accounts = new Map<string, RBal>();
  fees = { cash: 0, asset: 0 };
  seq = 0;
  tradeId = 1;
  private arrival = 0;
  private readonly lo: number;
  private readonly hi: number;

  constructor(readonly inst: Required<Instrument>) {
    this.lo = inst.refPrice - inst.band;
    this.hi = inst.refPrice + inst.band;
  }

  private acct(id: string): RBal {
    let a = this.accounts.get(id);
    if (!a) {
      a = { cash: { available: 0, reserved: 0 }, asset: { available: 0, reserved: 0 } };
      this.accounts.set(id, a);
    }
    return a;
  }

  private open(traderId: string, clientOrderId: string): ROrder | undefined {
    return this.orders.find((o) => o.traderId === traderId && o.clientOrderId === clientOrderId);
  }

  /** Opposite orders an order of `side` limited at `limit` may meet, in priority order. */
  private crossing(side: Side, limit: number): ROrder[] {
    return this.orders
      .filter((o) => o.side !== side && (side === "buy" ? o.price <= limit : o.price >= limit))
      .sort((a, b) => (side === "buy" ? a.price - b.price : b.price - a.price) || a.arrival - b.arrival);
  }

  private holdRelease(o: { traderId: string; side: Side }, price: number, qty: number): void {
    const a = this.acct(o.traderId);
    if (o.side === "buy") {
      a.cash.reserved -= price * qty;
      a.cash.available += price * qty;
    } else {
      a.asset.reserved -= qty;
      a.asset.available += qty;
    }
  }

  apply(c: PitCommand, now: number): PitEvent[] {
    const ev: PitEvent[] = [];
    const rej = (code: string, o?: ROrder): PitEvent[] => [
      {
        type: "rejected", command: c.type, traderId: typeof c.traderId === "string" ? c.traderId : "",
        clientOrderId: "clientOrderId" in c && typeof c.clientOrderId === "string" ? c.clientOrderId : "",
        code: code as never, message: MESSAGES[code]!, filledQty: o?.filled ?? 0, leavesQty: o?.leaves ?? 0,
      },
    ];
    const int = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v);
    const idsOk = (t: unknown, id: unknown) => typeof t === "string" && t !== "" && typeof id === "string" && id !== "" && id.length <= 64;
    const qtyOk = (q: unknown) => int(q) && (q as number) > 0 && (q as number) <= this.inst.maxQty;
    const priceCode = (p: unknown) => (!int(p) || (p as number) <= 0 ? "INVALID_PRICE" : (p as number) < this.lo || (p as number) > this.hi ? "PRICE_OUT_OF_BAND" : null);

    // matching shared by orders and amends; returns nothing, pushes events
    const match = (t: ROrder) => {
      for (const m of this.crossing(t.side, t.price)) {
        if (t.leaves === 0) break;
        if (m.traderId === t.traderId) {
          this.holdRelease(m, m.price, m.leaves);
          ev.push({ type: "canceled", seq: this.seq, time: now, traderId: m.traderId, clientOrderId: m.clientOrderId, reason: "STP", canceledQty: m.leaves, filledQty: m.filled });
          this.orders = this.orders.filter((x) => x !== m);
          continue;
        }
        const q = Math.min(m.leaves, t.leaves);
        m.leaves -= q;
        m.filled += q;
        t.leaves -= q;
        t.filled += q;
        const buyer = t.side === "buy" ? t : m;
        const seller = t.side === "buy" ? m : t;
        const takerBuys = t.side === "buy";
        const makerFee = fee(takerBuys ? m.price * q : q, this.inst.makerFeeBps);
        const takerFee = fee(takerBuys ? q : m.price * q, this.inst.takerFeeBps);
        const buyerFee = takerBuys ? takerFee : makerFee;
        const sellerFee = takerBuys ? makerFee : takerFee;
        const b = this.acct(buyer.traderId);
        const s = this.acct(seller.traderId);
        b.cash.reserved -= buyer.price * q;
        b.cash.available += (buyer.price - m.price) * q;
        b.asset.available += q - buyerFee;
        s.asset.reserved -= q;
        s.cash.available += m.price * q - sellerFee;
        this.fees.cash += sellerFee;
        this.fees.asset += buyerFee;
        ev.push({
          type: "trade", seq: this.seq, time: now, tradeId: this.tradeId++, price: m.price, qty: q, takerSide: t.side,
          makerTraderId: m.traderId, makerClientOrderId: m.clientOrderId, makerFilledQty: m.filled, makerLeavesQty: m.leaves,
          takerTraderId: t.traderId, takerClientOrderId: t.clientOrderId, takerFilledQty: t.filled, takerLeavesQty: t.leaves,
          makerFee, takerFee,
        });
        if (m.leaves === 0) this.orders = this.orders.filter((x) => x !== m);
      }
    };

    if (c.type === "fund" || c.type === "withdraw") {
      if (typeof c.traderId !== "string" || c.traderId === "") return rej("INVALID_ORDER");
      if (c.ref !== undefined && (typeof c.ref !== "string" || c.ref.length > 64)) return rej("INVALID_ORDER");
      const amt = (v: unknown) => int(v) && (v as number) >= 0 && (v as number) <= 2 ** 43;
      if (!amt(c.cash) || !amt(c.qty) || (c.cash === 0 && c.qty === 0)) return rej("INVALID_AMOUNT");
      const sign = c.type === "fund" ? 1 : -1;
      if (sign < 0) {
        const a = this.accounts.get(c.traderId);
        if (c.cash > 0 && (!a || a.cash.available < c.cash)) return rej("INSUFFICIENT_FUNDS");
        if (c.qty > 0 && (!a || a.asset.available < c.qty)) return rej("INSUFFICIENT_ASSET");
      }
      this.seq++;
      const a = this.acct(c.traderId);
      a.cash.available += sign * c.cash;
      a.asset.available += sign * c.qty;
      const ev: PitEvent = { type: sign > 0 ? "funded" : "withdrawn", seq: this.seq, time: now, traderId: c.traderId, cash: c.cash, qty: c.qty };
      return [c.ref === undefined ? ev : { ...ev, ref: c.ref }];
    }

    if (c.type === "cancel") {
      if (!idsOk(c.traderId, c.clientOrderId)) return rej("INVALID_ORDER");
      const o = this.open(c.traderId, c.clientOrderId);
      if (!o) return rej("UNKNOWN_ORDER");
      this.seq++;
      this.holdRelease(o, o.price, o.leaves);
      this.orders = this.orders.filter((x) => x !== o);
      return [{ type: "canceled", seq: this.seq, time: now, traderId: o.traderId, clientOrderId: o.clientOrderId, reason: "USER", canceledQty: o.leaves, filledQty: o.filled }];
    }

    if (c.type === "amend") {
      if (!idsOk(c.traderId, c.clientOrderId) || (c.qty === undefined && c.price === undefined)) return rej("INVALID_ORDER");
      const found = this.open(c.traderId, c.clientOrderId);
      if (c.qty !== undefined && !qtyOk(c.qty)) return rej("INVALID_QTY", found);
      if (c.price !== undefined && priceCode(c.price)) return rej(priceCode(c.price)!, found);
      if (!found) return rej("UNKNOWN_ORDER");
      const o = found;
      const qty = c.qty ?? o.leaves;
      const price = c.price ?? o.price;
      if (price === o.price && qty <= o.leaves) {
        this.seq++;
        this.holdRelease(o, o.price, o.leaves - qty);
        o.leaves = qty;
        return [{ type: "amended", seq: this.seq, time: now, traderId: o.traderId, clientOrderId: o.clientOrderId, price, leavesQty: qty, filledQty: o.filled, priorityKept: true }];
      }
      if (o.postOnly && this.crossing(o.side, price).length > 0) return rej("POST_ONLY_WOULD_CROSS", o);
      const a = this.acct(o.traderId);
      if (o.side === "buy") {
        const delta = price * qty - o.price * o.leaves;
        if (delta > a.cash.available) return rej("INSUFFICIENT_FUNDS", o);
        a.cash.available -= delta;
        a.cash.reserved += delta;
      } else {
        const delta = qty - o.leaves;
        if (delta > a.asset.available) return rej("INSUFFICIENT_ASSET", o);
        a.asset.available -= delta;
        a.asset.reserved += delta;
      }
      this.seq++;
      this.orders = this.orders.filter((x) => x !== o);
      o.price = price;
      o.leaves = qty;
      o.arrival = this.arrival++;
      ev.push({ type: "amended", seq: this.seq, time: now, traderId: o.traderId, clientOrderId: o.clientOrderId, price, leavesQty: qty, filledQty: o.filled, priorityKept: false });
      match(o);
      if (o.leaves > 0) this.orders.push(o);
      return ev;
    }

    if (c.type !== "order") return rej("INVALID_ORDER");
    if (!idsOk(c.traderId, c.clientOrderId)) return rej("INVALID_ORDER");
    if (c.side !== "buy" && c.side !== "sell") return rej("INVALID_ORDER");
    if (c.orderType !== "limit" && c.orderType !== "market") return rej("INVALID_ORDER");
    if (c.tif !== undefined && !["GTC", "IOC", "FOK"].includes(c.tif)) return rej("INVALID_ORDER");
    const market = c.orderType === "market";
    const tif = market && (c.tif ?? "GTC") === "GTC" ? "IOC" : (c.tif ?? "GTC");
    if (c.postOnly !== undefined && typeof c.postOnly !== "boolean") return rej("INVALID_ORDER");
    if (c.postOnly === true && (market || tif !== "GTC")) return rej("INVALID_ORDER");
    if (!qtyOk(c.qty)) return rej("INVALID_QTY");
    if (market && c.price !== undefined) return rej("INVALID_ORDER");
    if (!market && priceCode(c.price)) return rej(priceCode(c.price)!);
    const price = market ? (c.side === "buy" ? this.hi : this.lo) : c.price!;
    const existing = this.open(c.traderId, c.clientOrderId);
    if (existing) return rej("DUPLICATE_ORDER_ID", existing);
    if (c.postOnly === true && this.crossing(c.side, price).length > 0) return rej("POST_ONLY_WOULD_CROSS");
    if (market && !this.orders.some((o) => o.side !== c.side)) return rej("NO_LIQUIDITY");
    const a = this.accounts.get(c.traderId);
    if (c.side === "buy") {
      if (!a || a.cash.available < price * c.qty) return rej("INSUFFICIENT_FUNDS");
      a.cash.available -= price * c.qty;
      a.cash.reserved += price * c.qty;
    } else {
      if (!a || a.asset.available < c.qty) return rej("INSUFFICIENT_ASSET");
      a.asset.available -= c.qty;
      a.asset.reserved += c.qty;
    }
    this.seq++;
    ev.push({
      type: "accepted", seq: this.seq, time: now, traderId: c.traderId, clientOrderId: c.clientOrderId, side: c.side, orderType: c.orderType,
      price: market ? null : price, qty: c.qty, tif: tif as "GTC", postOnly: c.postOnly === true,
    });
    const t: ROrder = { traderId: c.traderId, clientOrderId: c.clientOrderId, side: c.side, price, leaves: c.qty, filled: 0, postOnly: c.postOnly === true, arrival: this.arrival++ };
    const cancelRest = (reason: "FOK_UNFILLED" | "IOC_REMAINDER" | "MARKET_REMAINDER") => {
      this.holdRelease(t, price, t.leaves);
      ev.push({ type: "canceled", seq: this.seq, time: now, traderId: t.traderId, clientOrderId: t.clientOrderId, reason, canceledQty: t.leaves, filledQty: t.filled });
    };
    if (tif === "FOK") {
      const avail = this.crossing(c.side, price)
        .filter((o) => o.traderId !== c.traderId)
        .reduce((s, o) => s + o.leaves, 0);
      if (avail < c.qty) {
        cancelRest("FOK_UNFILLED");
        return ev;
      }
    }
    match(t);
    if (t.leaves > 0) {
      if (tif === "GTC") this.orders.push(t);
      else cancelRest(market ? "MARKET_REMAINDER" : "IOC_REMAINDER");
    }
    return ev;
  }

  /** Balances in the engine's snapshot shape, for comparison. */
  balances(symbol: string): { accounts: [string, unknown][]; fees: unknown } {
    const ids = [...this.accounts.keys()].sort();
    return {
      accounts: ids.map((id) => {
        const a = this.accounts.get(id)!;
        return [id, { cash: { ...a.cash }, assets: { [symbol]: { ...a.asset } } }];
      }),
      fees: {
        cash: { available: this.fees.cash, reserved: 0 },
        assets: this.fees.asset > 0 ? { [symbol]: { available: this.fees.asset, reserved: 0 } } : {},
      },
    };
  }

  /** Open orders per side in priority order, as [traderId, clientOrderId, price, leaves, filled]. */
  book(): { bids: unknown[]; asks: unknown[] } {
    const sorted = (side: Side) =>
      this.orders
        .filter((o) => o.side === side)
        .sort((a, b) => (side === "buy" ? b.price - a.price : a.price - b.price) || a.arrival - b.arrival)
        .map((o) => [o.traderId, o.clientOrderId, o.price, o.leaves, o.filled, o.postOnly ? 1 : 0]);
    return { bids: sorted("buy"), asks: sorted("sell") };
  }
}

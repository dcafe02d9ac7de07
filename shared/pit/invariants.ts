/**
 * Whole-state invariants, checked by the property tests after every command (exchange-core's
 * validateInternalState). Returns human-readable violations; [] means healthy.
 *  - book: links and levels consistent, level qty/count = sum/number of its orders, occupancy bits
 *    and best indices right, never crossed (best bid < best ask), index ⇔ book;
 *  - balances: no negative or non-integer balance; cash and every asset conserved (sum over all
 *    accounts + fees = everything deposited); each trader's reserved cash = Σ price × leaves of
 *    their open buys (over every engine sharing the ledger), reserved lots = Σ leaves of open sells.
 * Pass every engine that shares a ledger, or the reservation sums will not add up.
 */
import type { Engine } from "./engine.js";
import type { Ladder } from "./ladder.js";
import type { Balance, Ledger } from "./ledger.js";
import { BUY } from "./order.js";

function checkLadder(e: Engine, ladder: Ladder, bad: string[]): number {
  const tag = `${e.symbol} ${ladder.isBid ? "bids" : "asks"}`;
  let best = -1;
  let total = 0;
  for (let i = 0; i < ladder.size; i++) {
    const lv = ladder.level(i);
    const count = lv?.count ?? 0;
    if (ladder.occupied(i) !== count > 0) bad.push(`${tag}: occupancy bit ${i} wrong (count ${count})`);
    if (lv === null) continue;
    if (lv.price !== ladder.minPrice + i) bad.push(`${tag}: level ${i} has price ${lv.price}`);
    let n = 0;
    let qty = 0;
    let prev = null;
    for (let o = lv.head; o !== null; o = o.next) {
      n++;
      qty += o.leaves;
      if (o.prev !== prev) bad.push(`${tag} ${lv.price}: broken prev link at ${o.clientOrderId}`);
      if (o.level !== lv) bad.push(`${tag} ${lv.price}: ${o.clientOrderId} points at another level`);
      if (o.side !== (ladder.isBid ? BUY : 1 - BUY)) bad.push(`${tag} ${lv.price}: ${o.clientOrderId} on the wrong side`);
      if (o.price !== lv.price || o.reservePrice !== lv.price) bad.push(`${tag} ${lv.price}: ${o.clientOrderId} has price ${o.price}/${o.reservePrice}`);
      if (!Number.isSafeInteger(o.leaves) || o.leaves <= 0) bad.push(`${tag} ${lv.price}: ${o.clientOrderId} rests with leaves ${o.leaves}`);
      if (!Number.isSafeInteger(o.filled) || o.filled < 0) bad.push(`${tag} ${lv.price}: ${o.clientOrderId} filled ${o.filled}`);
      if (o.trader.open.get(o.clientOrderId) !== o) bad.push(`${tag} ${lv.price}: ${o.trader.id}/${o.clientOrderId} missing from the id index`);
      prev = o;
      if (n > 10_000_000) break;
    }
    if (lv.tail !== prev) bad.push(`${tag} ${lv.price}: tail is not the last order`);
    if (n !== lv.count) bad.push(`${tag} ${lv.price}: count ${lv.count} ≠ ${n} orders`);
    if (qty !== lv.qty) bad.push(`${tag} ${lv.price}: level qty ${lv.qty} ≠ Σ leaves ${qty}`);
    if (n > 0 && (best < 0 || (ladder.isBid ? i > best : i < best))) best = i;
    total += n;
  }
  if (best !== ladder.best) bad.push(`${tag}: best index ${ladder.best}, expected ${best}`);
  if (total !== ladder.orders) bad.push(`${tag}: order count ${ladder.orders} ≠ ${total}`);
  return total;
}

function checkBook(e: Engine, bad: string[]): void {
  const book = e.book;
  const resting = checkLadder(e, book.bids, bad) + checkLadder(e, book.asks, bad);
  const bid = e.bestBid();
  const ask = e.bestAsk();
  if (bid !== null && ask !== null && bid >= ask) bad.push(`${e.symbol}: book crossed: best bid ${bid} ≥ best ask ${ask}`);
  let indexed = 0;
  for (const slot of book.slots()) {
    for (const [id, o] of slot.open) {
      indexed++;
      if (o.clientOrderId !== id || o.trader !== slot || o.level === null) bad.push(`${e.symbol}: index entry ${slot.id}/${id} is not a resting order of that trader`);
    }
  }
  if (indexed !== resting) bad.push(`${e.symbol}: ${indexed} indexed orders ≠ ${resting} resting`);
}

function checkBalance(where: string, b: Balance, bad: string[]): void {
  for (const k of ["available", "reserved"] as const) {
    if (!Number.isSafeInteger(b[k]) || b[k] < 0) bad.push(`${where}.${k} = ${b[k]}`);
  }
}

function checkLedger(ledger: Ledger, engines: Engine[], bad: string[]): void {
  const s = ledger.snapshot();
  // what the open orders hold, per trader
  const cash = new Map<string, number>();
  const lots = new Map<string, number>(); // `${traderId}\u0000${symbol}`
  for (const e of engines) {
    for (const side of [0, 1] as const) {
      for (const o of e.book.orders(side)) {
        if (side === BUY) cash.set(o.trader.id, (cash.get(o.trader.id) ?? 0) + o.price * o.leaves);
        else lots.set(`${o.trader.id}\u0000${e.symbol}`, (lots.get(`${o.trader.id}\u0000${e.symbol}`) ?? 0) + o.leaves);
      }
    }
  }
  const symbols = new Set(engines.map((e) => e.symbol));
  let cashSum = s.fees.cash.available + s.fees.cash.reserved;
  const assetSum = new Map<string, number>();
  for (const [sym, b] of Object.entries(s.fees.assets)) assetSum.set(sym, b.available + b.reserved);
  checkBalance("fees.cash", s.fees.cash, bad);
  if (s.fees.cash.reserved !== 0) bad.push(`fees account has reserved cash`);
  const seen = new Set<string>();
  for (const [id, a] of s.accounts) {
    seen.add(id);
    checkBalance(`${id}.cash`, a.cash, bad);
    cashSum += a.cash.available + a.cash.reserved;
    const wantCash = cash.get(id) ?? 0;
    if (a.cash.reserved !== wantCash) bad.push(`${id}: reserved cash ${a.cash.reserved} ≠ Σ open buys ${wantCash}`);
    for (const [sym, b] of Object.entries(a.assets)) {
      checkBalance(`${id}.${sym}`, b, bad);
      assetSum.set(sym, (assetSum.get(sym) ?? 0) + b.available + b.reserved);
      if (symbols.has(sym)) {
        const want = lots.get(`${id}\u0000${sym}`) ?? 0;
        if (b.reserved !== want) bad.push(`${id}: reserved ${sym} ${b.reserved} ≠ Σ open sells ${want}`);
      }
    }
  }
  for (const id of cash.keys()) if (!seen.has(id)) bad.push(`${id} has open buys but no account`);
  for (const key of lots.keys()) if (!seen.has(key.split("\u0000")[0]!)) bad.push(`${key.split("\u0000")[0]} has open sells but no account`);
  if (cashSum !== s.minted.cash) bad.push(`cash not conserved: Σ balances ${cashSum} ≠ deposited ${s.minted.cash}`);
  const syms = new Set([...assetSum.keys(), ...Object.keys(s.minted.assets)]);
  for (const sym of syms) {
    const have = assetSum.get(sym) ?? 0;
    const minted = s.minted.assets[sym] ?? 0;
    if (have !== minted) bad.push(`${sym} not conserved: Σ balances ${have} ≠ deposited ${minted}`);
  }
}

export function checkInvariants(engines: Engine | readonly Engine[]): string[] {
  const list = Array.isArray(engines) ? [...engines] : [engines as Engine];
  const bad: string[] = [];
  const byLedger = new Map<Ledger, Engine[]>();
  for (const e of list) {
    checkBook(e, bad);
    if (e.ledger !== null) byLedger.set(e.ledger, [...(byLedger.get(e.ledger) ?? []), e]);
  }
  for (const [ledger, es] of byLedger) checkLedger(ledger, es, bad);
  return bad;
}

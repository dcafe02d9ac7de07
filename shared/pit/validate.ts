/**
 * Stateless checks of one command against the instrument (shape, ranges, band). The room's message
 * schema refuses malformed payloads at the edge; the engine checks again because bots, replays and
 * other callers reach it without the edge, and a bad value inside the book is a corrupted book.
 * Parsing writes into a reused scratch object so that the hot path allocates nothing.
 */
import { BUY, SELL, type SideCode } from "./order.js";
import { PitCodes, type AmendCommand, type FundCommand, type Instrument, type OrderCommand, type PitCode, type WithdrawCommand } from "./types.js";

export const GTC = 0;
export const IOC = 1;
export const FOK = 2;
export type TifCode = typeof GTC | typeof IOC | typeof FOK;
export const TIF_NAMES = ["GTC", "IOC", "FOK"] as const;

const MAX_ID = 64; // characters in a clientOrderId

/** A validated order command, in the engine's codes. */
export class ParsedOrder {
  side: SideCode = BUY;
  market = false;
  tif: TifCode = GTC;
  postOnly = false;
  price = 0; // limit price; market: the band edge (max for a buy, min for a sell)
  qty = 0;
}

export const MESSAGES: Record<PitCode, string> = {
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

export function validIds(traderId: unknown, clientOrderId: unknown): boolean {
  return typeof traderId === "string" && traderId.length > 0 && typeof clientOrderId === "string" && clientOrderId.length > 0 && clientOrderId.length <= MAX_ID;
}

export function checkQty(qty: unknown, maxQty: number): boolean {
  return Number.isSafeInteger(qty) && (qty as number) > 0 && (qty as number) <= maxQty;
}

/** INVALID_PRICE / PRICE_OUT_OF_BAND / null. */
export function checkPrice(price: unknown, inst: Required<Instrument>): PitCode | null {
  if (!Number.isSafeInteger(price) || (price as number) <= 0) return PitCodes.INVALID_PRICE;
  const p = price as number;
  if (p < inst.refPrice - inst.band || p > inst.refPrice + inst.band) return PitCodes.PRICE_OUT_OF_BAND;
  return null;
}

export function parseOrder(c: OrderCommand, inst: Required<Instrument>, out: ParsedOrder): PitCode | null {
  if (!validIds(c.traderId, c.clientOrderId)) return PitCodes.INVALID_ORDER;
  const side = c.side === "buy" ? BUY : c.side === "sell" ? SELL : -1;
  if (side === -1) return PitCodes.INVALID_ORDER;
  const market = c.orderType === "market";
  if (!market && c.orderType !== "limit") return PitCodes.INVALID_ORDER;
  const t = c.tif;
  let tif: TifCode;
  if (t === undefined || t === "GTC") tif = GTC;
  else if (t === "IOC") tif = IOC;
  else if (t === "FOK") tif = FOK;
  else return PitCodes.INVALID_ORDER;
  if (market && tif === GTC) tif = IOC; // a market order never rests
  const po = c.postOnly;
  if (po !== undefined && po !== true && po !== false) return PitCodes.INVALID_ORDER;
  if (po === true && (market || tif !== GTC)) return PitCodes.INVALID_ORDER;
  if (!checkQty(c.qty, inst.maxQty)) return PitCodes.INVALID_QTY;
  let price: number;
  if (market) {
    if (c.price !== undefined) return PitCodes.INVALID_ORDER;
    price = side === BUY ? inst.refPrice + inst.band : inst.refPrice - inst.band;
  } else {
    const code = checkPrice(c.price, inst);
    if (code !== null) return code;
    price = c.price!;
  }
  out.side = side;
  out.market = market;
  out.tif = tif;
  out.postOnly = po === true;
  out.price = price;
  out.qty = c.qty;
  return null;
}

/** Shape of an amend (the order's existence is checked by the engine). */
export function checkAmend(c: AmendCommand, inst: Required<Instrument>): PitCode | null {
  if (!validIds(c.traderId, c.clientOrderId)) return PitCodes.INVALID_ORDER;
  if (c.qty === undefined && c.price === undefined) return PitCodes.INVALID_ORDER;
  if (c.qty !== undefined && !checkQty(c.qty, inst.maxQty)) return PitCodes.INVALID_QTY;
  if (c.price !== undefined) return checkPrice(c.price, inst);
  return null;
}

export const MAX_FUND = 2 ** 43;

/** fund / withdraw: INVALID_ORDER (ids, ref) / INVALID_AMOUNT / null. */
export function checkFund(c: FundCommand | WithdrawCommand): PitCode | null {
  if (typeof c.traderId !== "string" || c.traderId.length === 0) return PitCodes.INVALID_ORDER;
  if (c.ref !== undefined && (typeof c.ref !== "string" || c.ref.length > MAX_ID)) return PitCodes.INVALID_ORDER;
  const okAmount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_FUND;
  return okAmount(c.cash) && okAmount(c.qty) && (c.cash > 0 || c.qty > 0) ? null : PitCodes.INVALID_AMOUNT;
}

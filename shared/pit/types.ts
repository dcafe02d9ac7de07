/**
 * The trading pit's vocabulary: instruments, commands in, events out, execution reports.
 * Prices are integers in ticks, quantities integers in lots, cash an integer in ticks × lots
 * (a buy of `qty` at `price` costs `price × qty`). No floating point anywhere in the engine.
 */

export type Side = "buy" | "sell";
export type OrderType = "limit" | "market";
export type TimeInForce = "GTC" | "IOC" | "FOK";

/** One tradable instrument (assets/pit/instruments.json). */
export interface Instrument {
  symbol: string; // 2–8 upper-case letters
  name: string;
  tickSize: number; // display only: currency per tick (the engine works in whole ticks)
  lotSize: number; // display only: units per lot (the engine works in whole lots)
  refPrice: number; // ticks; fixed for the engine's life
  band: number; // ticks: every accepted price p satisfies |p − refPrice| ≤ band
  maxQty?: number; // lots per order (default DEFAULT_MAX_QTY)
  makerFeeBps?: number; // fee on what the maker receives, basis points, rounded down (default 0)
  takerFeeBps?: number; // fee on what the taker receives, basis points, rounded down (default 0)
}

// ---------------------------------------------------------------- commands

export interface OrderCommand {
  type: "order";
  traderId: string;
  clientOrderId: string;
  side: Side;
  orderType: OrderType;
  price?: number; // limit orders only
  qty: number;
  tif?: TimeInForce; // default GTC (limit) / IOC (market; GTC on a market order means IOC)
  postOnly?: boolean; // limit GTC only
}

export interface CancelCommand {
  type: "cancel";
  traderId: string;
  clientOrderId: string;
}

/** `qty` is the new OPEN (leaves) quantity; `price` the new limit price. */
export interface AmendCommand {
  type: "amend";
  traderId: string;
  clientOrderId: string;
  qty?: number;
  price?: number;
}

/**
 * Credits a trader's available cash and lots of this instrument (new account, or cash allocated
 * to this room from the trader's global balance: docs/pit-engine.md "Cross-process cash"). Journaled.
 * `ref` is opaque, echoed in the event (e.g. the allocation id to reconcile after a crash).
 */
export interface FundCommand {
  type: "fund";
  traderId: string;
  cash: number;
  qty: number;
  ref?: string;
}

/** Takes available (never reserved) cash and lots out of this engine's ledger: the inverse of fund. */
export interface WithdrawCommand {
  type: "withdraw";
  traderId: string;
  cash: number;
  qty: number;
  ref?: string;
}

export type PitCommand = OrderCommand | CancelCommand | AmendCommand | FundCommand | WithdrawCommand;

/** One journal entry: an accepted command with the time it was applied at. */
export interface JournalEntry {
  seq?: number; // when present, replay checks the engine gives the command this seq
  now: number;
  command: PitCommand;
}

// ---------------------------------------------------------------- rejection codes

export const PitCodes = {
  INVALID_ORDER: "INVALID_ORDER", // malformed: bad side/type/tif, missing price, empty ids, post-only on IOC/FOK/market …
  INVALID_PRICE: "INVALID_PRICE", // not a positive safe integer
  PRICE_OUT_OF_BAND: "PRICE_OUT_OF_BAND", // |price − refPrice| > band
  INVALID_QTY: "INVALID_QTY", // not a positive integer ≤ maxQty
  INVALID_AMOUNT: "INVALID_AMOUNT", // fund/withdraw: cash/qty not non-negative integers ≤ 2^43, or both 0
  DUPLICATE_ORDER_ID: "DUPLICATE_ORDER_ID", // the trader already has an OPEN order with that clientOrderId
  UNKNOWN_ORDER: "UNKNOWN_ORDER", // cancel/amend of an order that is not open
  POST_ONLY_WOULD_CROSS: "POST_ONLY_WOULD_CROSS",
  NO_LIQUIDITY: "NO_LIQUIDITY", // market order with an empty opposite side
  INSUFFICIENT_FUNDS: "INSUFFICIENT_FUNDS",
  INSUFFICIENT_ASSET: "INSUFFICIENT_ASSET",
} as const;
export type PitCode = (typeof PitCodes)[keyof typeof PitCodes];

/** Why an order (or its remainder) left the book without filling. */
export type CancelReason =
  | "USER" // cancel command
  | "IOC_REMAINDER" // limit IOC: unfilled remainder
  | "MARKET_REMAINDER" // market order: unfilled remainder (book exhausted within the band)
  | "FOK_UNFILLED" // FOK could not fill completely: nothing traded
  | "STP"; // self-trade prevention canceled this RESTING order

// ---------------------------------------------------------------- events

export interface AcceptedEvent {
  type: "accepted";
  seq: number;
  time: number;
  traderId: string;
  clientOrderId: string;
  side: Side;
  orderType: OrderType;
  price: number | null; // null for market orders
  qty: number;
  tif: TimeInForce;
  postOnly: boolean;
}

export interface RejectedEvent {
  type: "rejected";
  command: PitCommand["type"];
  traderId: string;
  clientOrderId: string; // "" for fund/withdraw
  code: PitCode;
  message: string;
  /** State of the trader's open order with that id, if any (a rejected amend leaves it as it was). */
  filledQty: number;
  leavesQty: number;
}

export interface TradeEvent {
  type: "trade";
  seq: number;
  time: number;
  tradeId: number;
  price: number; // always the maker's price
  qty: number;
  takerSide: Side;
  makerTraderId: string;
  makerClientOrderId: string;
  makerFilledQty: number; // cumulative, after this trade
  makerLeavesQty: number;
  takerTraderId: string;
  takerClientOrderId: string;
  takerFilledQty: number;
  takerLeavesQty: number;
  makerFee: number; // charged on what the maker received (cash if seller, lots if buyer)
  takerFee: number;
}

export interface AmendedEvent {
  type: "amended";
  seq: number;
  time: number;
  traderId: string;
  clientOrderId: string;
  price: number;
  leavesQty: number; // after the amend, before any matching it triggered
  filledQty: number;
  priorityKept: boolean; // true: reduced in place; false: cancel/replace at the tail of its level
}

export interface CanceledEvent {
  type: "canceled";
  seq: number;
  time: number;
  traderId: string;
  clientOrderId: string;
  reason: CancelReason;
  canceledQty: number;
  filledQty: number;
}

export interface FundedEvent {
  type: "funded" | "withdrawn";
  seq: number;
  time: number;
  traderId: string;
  cash: number;
  qty: number;
  ref?: string;
}

export type PitEvent = AcceptedEvent | RejectedEvent | TradeEvent | AmendedEvent | CanceledEvent | FundedEvent;

// ---------------------------------------------------------------- execution reports

export type ExecutionStatus = "accepted" | "rejected" | "partially_filled" | "filled" | "canceled";

/** What the room sends to one trader as `execution` (docs/protocol.md). */
export interface ExecutionReport {
  clientOrderId: string;
  status: ExecutionStatus;
  reason?: string; // rejection code or cancel reason
  filledQty: number;
  leavesQty: number;
  lastPrice?: number;
  lastQty?: number;
}

/** A view of one open order (a trader's private state). */
export interface OpenOrderView {
  clientOrderId: string;
  side: Side;
  price: number;
  leavesQty: number;
  filledQty: number;
  postOnly: boolean;
}

/** Words for the pit's stable codes, and number formatting (prices in ticks, quantities in lots). */
export const REASONS: Record<string, string> = {
  INVALID_ORDER: "Invalid order (check the type, price and time in force)",
  INVALID_PRICE: "Invalid price",
  PRICE_OUT_OF_BAND: "Price is outside the allowed band around the reference price",
  INVALID_QTY: "Invalid quantity",
  DUPLICATE_ORDER_ID: "An open order already has this id",
  UNKNOWN_ORDER: "That order is no longer open",
  POST_ONLY_WOULD_CROSS: "Post-only order would have traded immediately",
  NO_LIQUIDITY: "No liquidity on the other side for a market order",
  INSUFFICIENT_FUNDS: "Not enough cash",
  INSUFFICIENT_ASSET: "Not enough lots to sell",
  INTERNAL: "The server could not record the order; nothing was applied — try again",
  USER: "canceled",
  IOC_REMAINDER: "unfilled remainder of an IOC order canceled",
  MARKET_REMAINDER: "unfilled remainder of a market order canceled",
  FOK_UNFILLED: "fill-or-kill order could not be filled completely",
  STP: "canceled by self-trade prevention",
};

export function reasonText(code: string | undefined): string {
  if (!code) return "";
  return REASONS[code] ?? code;
}

const nf = new Intl.NumberFormat("en-US");
export const fmt = (n: number): string => nf.format(n);

let counter = 0;
/** A short client order id (≤ 36 printable characters, no spaces), unique per page. */
export function newClientOrderId(): string {
  counter = (counter + 1) % 1_000_000;
  const rand = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, "0");
  return `c${Date.now().toString(36)}${counter.toString(36)}${rand}`;
}

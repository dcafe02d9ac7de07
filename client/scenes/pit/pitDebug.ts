/**
 * `window.__statecraftPit`: the pit scene's view for browser tests and the console.
 *
 *   active          true while the pit scene runs
 *   symbol          the instrument of the room
 *   bestBid/bestAsk best prices in ticks (0 = empty side)
 *   bids/asks       the ladder as shown: [{price, qty, orders}] best first
 *   openOrders      my open orders: [{clientOrderId, side, price, leavesQty, filledQty, postOnly}]
 *   lastExecution   the last `execution` report received, or null
 *   snapshot()      all of the above as a plain object
 */
export interface PitLevelView { price: number; qty: number; orders: number }
export interface PitOrderView { clientOrderId: string; side: string; price: number; leavesQty: number; filledQty: number; postOnly: boolean }
export interface PitExecution {
  clientOrderId: string;
  status: "accepted" | "rejected" | "partially_filled" | "filled" | "canceled";
  reason?: string;
  filledQty: number;
  leavesQty: number;
  lastPrice?: number;
  lastQty?: number;
}

export interface PitDebugView {
  active: boolean;
  symbol: string;
  bestBid: number;
  bestAsk: number;
  bids: PitLevelView[];
  asks: PitLevelView[];
  openOrders: PitOrderView[];
  lastExecution: PitExecution | null;
}

const INACTIVE: PitDebugView = { active: false, symbol: "", bestBid: 0, bestAsk: 0, bids: [], asks: [], openOrders: [], lastExecution: null };

/** Installs the hook reading from `source`; returns a function that makes it report "inactive". */
export function installPitDebug(target: Window, source: () => PitDebugView): () => void {
  let current: (() => PitDebugView) | null = source;
  const read = (): PitDebugView => structuredClone(current?.() ?? INACTIVE);
  const hook = {} as Record<string, unknown>;
  for (const key of Object.keys(INACTIVE) as (keyof PitDebugView)[]) {
    Object.defineProperty(hook, key, { enumerable: true, get: () => read()[key] });
  }
  Object.defineProperty(hook, "snapshot", { value: read });
  Object.defineProperty(target, "__statecraftPit", { value: Object.freeze(hook), configurable: true });
  return () => {
    current = null;
  };
}

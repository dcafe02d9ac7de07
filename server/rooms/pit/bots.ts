/**
 * Market-maker and noise-trader bots (issue #6): they keep the book alive when few humans are
 * present. They are ordinary traders with ids "bot:mm-1" and "bot:noise-1": their commands go
 * through the room's queue, the engine, the journal and the outbox like anyone's. Randomness only
 * chooses what to send; the engine (and replay) sees plain journaled commands.
 */
import type { Engine, PitCommand } from "../../../shared/pit/index.js";

export const MM_BOT = "bot:mm-1";
export const NOISE_BOT = "bot:noise-1";
export const BOT_IDS = [MM_BOT, NOISE_BOT] as const;

const LEVELS = 5;

export class PitBots {
  private n = 0;
  private readonly prefix = Date.now().toString(36); // ids unique across restarts of the room
  private mid: number;

  constructor(private readonly engine: Engine) {
    this.mid = engine.lastPrice() ?? engine.instrument.refPrice;
  }

  private id(): string {
    return `${this.prefix}-${(this.n++).toString(36)}`;
  }

  /** The market maker: cancel its quotes, quote LEVELS levels each side around a drifting mid. */
  quote(random: () => number = Math.random): PitCommand[] {
    const e = this.engine;
    const { refPrice, band } = e.instrument;
    const last = e.lastPrice();
    if (last !== null) this.mid = last;
    this.mid += Math.round((random() - 0.5) * 4);
    this.mid = Math.max(refPrice - band + LEVELS + 2, Math.min(refPrice + band - LEVELS - 2, this.mid));
    const out: PitCommand[] = e.openOrders(MM_BOT).map((o) => ({ type: "cancel", traderId: MM_BOT, clientOrderId: o.clientOrderId }));
    for (let i = 0; i < LEVELS; i++) {
      const qty = 5 + Math.floor(random() * 20);
      out.push({ type: "order", traderId: MM_BOT, clientOrderId: this.id(), side: "buy", orderType: "limit", price: this.mid - 1 - i, qty, tif: "GTC" });
      out.push({ type: "order", traderId: MM_BOT, clientOrderId: this.id(), side: "sell", orderType: "limit", price: this.mid + 1 + i, qty, tif: "GTC" });
    }
    return out;
  }

  /** The noise trader: a small IOC order that usually crosses the spread. */
  noise(random: () => number = Math.random): PitCommand[] {
    const e = this.engine;
    const side = random() < 0.5 ? "buy" : "sell";
    const best = side === "buy" ? e.bestAsk() : e.bestBid();
    if (best === null) return [];
    const qty = 1 + Math.floor(random() * 5);
    return [{ type: "order", traderId: NOISE_BOT, clientOrderId: this.id(), side, orderType: "limit", price: best, qty, tif: "IOC" }];
  }
}

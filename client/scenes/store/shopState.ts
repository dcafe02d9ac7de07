/**
 * What the store scene remembers on the client:
 * - the cart token (the cart itself: a signed token, kept in localStorage so a reload keeps it);
 * - the pending checkout's Idempotency-Key: one key per attempt at checking out one cart, kept until
 *   that attempt has an answer, so a retry after a lost reply (network error, server killed) reuses
 *   it and can never buy twice;
 * - live stock, prices and "people looking" pushed by the store room.
 */
import type { StockEntry } from "../../../shared/store/spec.js";

const CART_KEY = "statecraft.store.cart";
const PENDING_KEY = "statecraft.store.pendingCheckout";

type KV = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export class ShopState {
  readonly stock = new Map<string, StockEntry>();
  readonly viewers = new Map<string, number>();

  constructor(private readonly storage: KV | null) {}

  get cartToken(): string | undefined {
    return this.storage?.getItem(CART_KEY) ?? undefined;
  }

  set cartToken(token: string | undefined) {
    if (!this.storage) return;
    if (token) this.storage.setItem(CART_KEY, token);
    else this.storage.removeItem(CART_KEY);
  }

  /** The key for checking out `cartToken`: the pending one if it is for the same cart, else a new one. */
  checkoutKey(cartToken: string, newKey: () => string): string {
    const raw = this.storage?.getItem(PENDING_KEY);
    if (raw) {
      try {
        const pending = JSON.parse(raw) as { cartToken: string; key: string };
        if (pending.cartToken === cartToken) return pending.key;
      } catch {
        /* ignore a corrupt entry */
      }
    }
    const key = newKey();
    this.storage?.setItem(PENDING_KEY, JSON.stringify({ cartToken, key }));
    return key;
  }

  /** The attempt has an answer (success or refusal): the next checkout gets a new key. */
  settleCheckout(): void {
    this.storage?.removeItem(PENDING_KEY);
  }

  applyStock(entries: readonly StockEntry[]): StockEntry[] {
    const changed: StockEntry[] = [];
    for (const e of entries) {
      const before = this.stock.get(e.id);
      if (before && before.version > e.version) continue; // an older push arriving late
      this.stock.set(e.id, e);
      changed.push(e);
    }
    return changed;
  }

  applyViewers(counts: Record<string, number>): void {
    for (const [id, n] of Object.entries(counts)) {
      if (n > 0) this.viewers.set(id, n);
      else this.viewers.delete(id);
    }
  }
}

/** The badge for a stock level. */
export function stockBadge(stock: number): { text: string; level: "out" | "low" | "ok" } {
  if (stock <= 0) return { text: "Sold out", level: "out" };
  if (stock <= 5) return { text: `Only ${stock} left`, level: "low" };
  return { text: `${stock} in stock`, level: "ok" };
}

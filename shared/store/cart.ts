/**
 * The cart: product ids and quantities, nothing else. It lives in a signed token on the client
 * (server/rooms/store/cartToken.ts signs it); prices are never part of it — they are read from the
 * database whenever the cart is shown or checked out. Pure functions of (cart, input).
 */
import { ok, reject, type Result } from "../core/errors.js";
import type { Product } from "./catalog.js";

export const MAX_CART_LINES = 50;
export const MAX_LINE_QTY = 99;

export interface CartLine {
  productId: string;
  qty: number;
}

/** Lines in the order they were first added; each product at most once; qty ≥ 1. */
export interface Cart {
  lines: CartLine[];
}

export const emptyCart = (): Cart => ({ lines: [] });

/** Sets the quantity of one product (0 removes it). Never mutates `cart`. */
export function setLine(cart: Cart, productId: string, qty: number): Result<Cart> {
  if (!Number.isInteger(qty) || qty < 0 || qty > MAX_LINE_QTY)
    return reject("VALIDATION_FAILED", `qty must be a whole number in 0..${MAX_LINE_QTY}`);
  const index = cart.lines.findIndex((l) => l.productId === productId);
  if (qty === 0) return ok({ lines: cart.lines.filter((_, i) => i !== index) });
  if (index >= 0) return ok({ lines: cart.lines.map((l, i) => (i === index ? { productId, qty } : l)) });
  if (cart.lines.length >= MAX_CART_LINES)
    return reject("CART_FULL", `a cart holds at most ${MAX_CART_LINES} different products`);
  return ok({ lines: [...cart.lines, { productId, qty }] });
}

/** Checks a decoded cart (from a token): known shape, unique products, quantities in range. */
export function isValidCart(cart: unknown): cart is Cart {
  if (typeof cart !== "object" || cart === null || !Array.isArray((cart as Cart).lines)) return false;
  const lines = (cart as Cart).lines;
  if (lines.length > MAX_CART_LINES) return false;
  const seen = new Set<string>();
  for (const l of lines) {
    if (typeof l !== "object" || l === null || typeof l.productId !== "string" || seen.has(l.productId)) return false;
    if (!Number.isInteger(l.qty) || l.qty < 1 || l.qty > MAX_LINE_QTY) return false;
    seen.add(l.productId);
  }
  return true;
}

export interface PricedLine {
  productId: string;
  name: string;
  qty: number;
  unitPriceCents: number;
  lineTotalCents: number;
  /** Units in stock now (the cart does not reserve anything). */
  stock: number;
  imageUrl: string;
}

export interface PricedCart {
  items: PricedLine[];
  totalCents: number;
  /** Lines whose product no longer exists (dropped from the priced view). */
  missing: string[];
}

/** Prices a cart with current product data (prices from the database, never from the token). */
export function priceCart(cart: Cart, products: ReadonlyMap<string, Pick<Product, "id" | "name" | "priceCents" | "stock" | "imageUrl">>): PricedCart {
  const items: PricedLine[] = [];
  const missing: string[] = [];
  let totalCents = 0;
  for (const line of cart.lines) {
    const p = products.get(line.productId);
    if (!p) {
      missing.push(line.productId);
      continue;
    }
    const lineTotalCents = p.priceCents * line.qty;
    totalCents += lineTotalCents;
    items.push({ productId: p.id, name: p.name, qty: line.qty, unitPriceCents: p.priceCents, lineTotalCents, stock: p.stock, imageUrl: p.imageUrl });
  }
  return { items, totalCents, missing };
}

/** Lines whose quantity exceeds the current stock (what a checkout would refuse). */
export function shortages(cart: Cart, stockOf: (productId: string) => number | undefined): Array<{ productId: string; requested: number; available: number }> {
  const out: Array<{ productId: string; requested: number; available: number }> = [];
  for (const l of cart.lines) {
    const available = stockOf(l.productId) ?? 0;
    if (available < l.qty) out.push({ productId: l.productId, requested: l.qty, available });
  }
  return out;
}

/**
 * The canonical order in which a checkout locks product rows: by id. Two checkouts that share
 * products always take their row locks in the same order, so they cannot deadlock (PostgreSQL).
 */
export function lockOrder(cart: Cart): CartLine[] {
  return [...cart.lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

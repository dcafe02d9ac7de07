/**
 * The store's HTTP contract (docs/store.md): request bodies as zod schemas (the server parses with
 * them; the client may reuse them) and the reply shapes. Names are fixed: other clients are written
 * against them.
 */
import { z } from "zod";
import { ProductId, type Product } from "./catalog.js";
import { MAX_LINE_QTY, type PricedLine } from "./cart.js";

export const CART_TOKEN_MAX = 4096;

/**
 * `POST /api/store/cart`: sets one line (`productId` + `qty`, 0 removes it), or with `cartToken`
 * alone reads the cart as it is, re-priced, with each line's stock now.
 */
export const CartBody = z
  .object({
    cartToken: z.string().min(1).max(CART_TOKEN_MAX).optional(),
    productId: ProductId.optional(),
    qty: z.number().int("qty must be a whole number").min(0).max(MAX_LINE_QTY).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.productId !== undefined && b.qty === undefined) ctx.addIssue({ code: "custom", path: ["qty"], message: "qty is required with productId (0 removes the line)" });
    if (b.productId === undefined && b.qty !== undefined) ctx.addIssue({ code: "custom", path: ["productId"], message: "productId is required with qty" });
    if (b.productId === undefined && b.qty === undefined && b.cartToken === undefined) {
      ctx.addIssue({ code: "custom", path: ["productId"], message: "productId and qty set a line; cartToken alone reads the cart" });
    }
  });
export type CartBody = z.infer<typeof CartBody>;

export const CheckoutBody = z.object({ cartToken: z.string().min(1).max(CART_TOKEN_MAX) }).strict();
export type CheckoutBody = z.infer<typeof CheckoutBody>;

/** `Idempotency-Key` header: 1–255 visible ASCII characters (a UUID is the usual choice). */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key must be 1-255 visible ASCII characters");

export const OrderId = z.string().regex(/^ord_[A-Za-z0-9_-]{8,64}$/, "an order id like ord_…");

/** How long an idempotency record answers replays. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** Codes the store adds to shared/core/errors.ts's. */
export const StoreCodes = {
  INSUFFICIENT_STOCK: "INSUFFICIENT_STOCK",
  IDEMPOTENCY_KEY_REUSED: "IDEMPOTENCY_KEY_REUSED",
  IDEMPOTENCY_KEY_REQUIRED: "IDEMPOTENCY_KEY_REQUIRED",
  CART_TOKEN_INVALID: "CART_TOKEN_INVALID",
  CART_TOKEN_EXPIRED: "CART_TOKEN_EXPIRED",
  CART_EMPTY: "CART_EMPTY",
  CART_FULL: "CART_FULL",
  PRODUCT_UNAVAILABLE: "PRODUCT_UNAVAILABLE",
  ORIGIN_NOT_ALLOWED: "ORIGIN_NOT_ALLOWED",
} as const;

export interface ProductList {
  items: Product[];
  total: number;
}

export interface CartReply {
  cartToken: string;
  items: PricedLine[];
  totalCents: number;
  currency: string;
}

export interface OrderLine {
  productId: string;
  name: string;
  qty: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export type OrderStatus = "confirmed";

export interface Order {
  orderId: string;
  items: OrderLine[];
  totalCents: number;
  currency: string;
  status: OrderStatus;
  createdAt: number;
}

/**
 * Orders and idempotency records. A checkout is ONE transaction:
 *   1. insert the idempotency record (user, key) — first, so that concurrent duplicates with the
 *      same key queue behind it on the primary key (PostgreSQL waits on the unique index; SQLite
 *      has one writer) and then find it committed and replay it: one order per key, ever;
 *   2. for each line, in product-id order: `update … set stock = stock - qty where id = ? and
 *      stock >= qty returning price, name` — a conditional decrement that re-checks the row after
 *      taking its lock, so stock never goes below zero under any concurrency, and the price charged
 *      is the price of the locked row, not one read earlier;
 *   3. insert the order and its lines, store the reply in the idempotency record;
 *   4. bump the catalog version and stamp the changed products (last: see stampChanged).
 * A line that cannot be decremented aborts the whole transaction (nothing reserved, nothing
 * charged); the refusal is then recorded under the key in a second, small transaction, so a retry
 * with the same key replays it too.
 */
import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Cart } from "../../../shared/store/cart.js";
import { lockOrder } from "../../../shared/store/cart.js";
import { CURRENCY } from "../../../shared/store/money.js";
import { IDEMPOTENCY_TTL_MS, type Order, type OrderLine } from "../../../shared/store/protocol.js";
import type { Rejection } from "../../../shared/core/errors.js";
import { stampChanged } from "./productRepository.js";

export interface CheckoutInput {
  userId: string;
  key: string;
  /** Hash of the canonical request body: the same key with another body is refused. */
  requestHash: string;
  cart: Cart;
  now: number;
}

export type CheckoutOutcome =
  /** A new order; `changed` = products whose stock changed (for caches and live pushes). */
  | { kind: "created"; status: 201; body: Order; changed: string[]; version: number }
  /** The first reply under this key, replayed. */
  | { kind: "replayed"; status: number; body: unknown }
  /** The key was used with another request body. */
  | { kind: "reused" }
  /** Refused (not enough stock, product gone): nothing changed; recorded under the key. */
  | { kind: "refused"; status: number; body: Rejection };

interface IdemRow {
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  response: string;
  created_at: number;
}

class Refusal extends Error {
  constructor(readonly status: number, readonly rejection: Rejection) {
    super(rejection.message);
  }
}

export function newOrderId(): string {
  return `ord_${randomBytes(12).toString("base64url")}`;
}

export class OrderRepository {
  constructor(private readonly db: Kysely<any>) {}

  async checkout(input: CheckoutInput): Promise<CheckoutOutcome> {
    try {
      return await this.db.transaction().execute((trx) => this.checkoutIn(trx, input));
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      return this.recordRefusal(input, e);
    }
  }

  /**
   * What a request under this key already got, without claiming the key: for requests refused
   * before they execute (an empty cart), so a key already used still answers as a used key does
   * (the stored reply, or IDEMPOTENCY_KEY_REUSED) instead of the validation error.
   */
  async previous(input: Pick<CheckoutInput, "userId" | "key" | "requestHash" | "now">): Promise<CheckoutOutcome | undefined> {
    const row = (await this.db
      .selectFrom("store_idempotency")
      .selectAll()
      .where("user_id", "=", input.userId)
      .where("key", "=", input.key)
      .executeTakeFirst()) as IdemRow | undefined;
    if (!row || Number(row.status) === 0 || Number(row.created_at) < input.now - IDEMPOTENCY_TTL_MS) return undefined;
    return answerOf(row, input.requestHash);
  }

  private async checkoutIn(trx: Transaction<any>, input: CheckoutInput): Promise<CheckoutOutcome> {
    const existing = await claimKey(trx, input);
    if (existing) return existing;

    const lines: OrderLine[] = [];
    const shortages: Array<{ productId: string; requested: number; available: number }> = [];
    for (const line of lockOrder(input.cart)) {
      const row = await trx
        .updateTable("store_products")
        .set((eb) => ({ stock: eb("stock", "-", line.qty), updated_at: input.now }))
        .where("id", "=", line.productId)
        .where("stock", ">=", line.qty)
        .returning(["id", "name", "price_cents"])
        .executeTakeFirst();
      if (row) {
        lines.push({ productId: line.productId, name: String(row.name), qty: line.qty, unitPriceCents: Number(row.price_cents), lineTotalCents: Number(row.price_cents) * line.qty });
        continue;
      }
      const now = await trx.selectFrom("store_products").select("stock").where("id", "=", line.productId).executeTakeFirst();
      if (!now) throw new Refusal(409, { code: "PRODUCT_UNAVAILABLE", message: `product ${line.productId} is no longer sold`, details: { productId: line.productId } });
      shortages.push({ productId: line.productId, requested: line.qty, available: Number(now.stock) });
    }
    if (shortages.length) {
      throw new Refusal(409, {
        code: "INSUFFICIENT_STOCK",
        message: `not enough stock for ${shortages.map((s) => `${s.productId} (wanted ${s.requested}, ${s.available} left)`).join(", ")}; nothing was reserved or charged`,
        details: shortages,
      });
    }
    // the order's lines in the cart's order (the decrements above ran in lock order)
    const byId = new Map(lines.map((l) => [l.productId, l]));
    const ordered = input.cart.lines.map((l) => byId.get(l.productId)!);
    const order: Order = {
      orderId: newOrderId(),
      items: ordered,
      totalCents: ordered.reduce((s, l) => s + l.lineTotalCents, 0),
      currency: CURRENCY,
      status: "confirmed",
      createdAt: input.now,
    };
    await trx
      .insertInto("store_orders")
      .values({ id: order.orderId, user_id: input.userId, status: order.status, total_cents: order.totalCents, currency: order.currency, created_at: input.now })
      .execute();
    await trx
      .insertInto("store_order_lines")
      .values(ordered.map((l, i) => ({ order_id: order.orderId, line: i, product_id: l.productId, name: l.name, qty: l.qty, unit_price_cents: l.unitPriceCents })))
      .execute();
    await trx
      .updateTable("store_idempotency")
      .set({ status: 201, response: JSON.stringify(order), order_id: order.orderId })
      .where("user_id", "=", input.userId)
      .where("key", "=", input.key)
      .execute();
    const changed = ordered.map((l) => l.productId);
    const version = await stampChanged(trx, changed);
    return { kind: "created", status: 201, body: order, changed, version };
  }

  /** Records a refusal under the key (its own transaction: the checkout's was rolled back). */
  private async recordRefusal(input: CheckoutInput, refusal: Refusal): Promise<CheckoutOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await claimKey(trx, input, { status: refusal.status, response: JSON.stringify(refusal.rejection) });
      if (existing) return existing; // a concurrent duplicate recorded first: answer what it recorded
      return { kind: "refused", status: refusal.status, body: refusal.rejection };
    });
  }

  async order(orderId: string, userId: string): Promise<Order | undefined> {
    const row = await this.db.selectFrom("store_orders").selectAll().where("id", "=", orderId).where("user_id", "=", userId).executeTakeFirst();
    if (!row) return undefined;
    const lines = await this.db.selectFrom("store_order_lines").selectAll().where("order_id", "=", orderId).orderBy("line").execute();
    return toOrder(row, lines);
  }

  /** The user's orders, newest first. */
  async orders(userId: string, limit: number): Promise<Order[]> {
    const rows = await this.db.selectFrom("store_orders").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id").limit(limit).execute();
    if (rows.length === 0) return [];
    const lines = await this.db
      .selectFrom("store_order_lines")
      .selectAll()
      .where("order_id", "in", rows.map((r) => r.id))
      .orderBy("order_id")
      .orderBy("line")
      .execute();
    const byOrder = new Map<string, any[]>();
    for (const l of lines) byOrder.set(l.order_id, [...(byOrder.get(l.order_id) ?? []), l]);
    return rows.map((r) => toOrder(r, byOrder.get(r.id) ?? []));
  }

  /** Deletes idempotency records older than the replay window. */
  async purgeIdempotency(now: number): Promise<number> {
    const r = await this.db.deleteFrom("store_idempotency").where("created_at", "<", now - IDEMPOTENCY_TTL_MS).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Units sold per product (tests, invariants). */
  async unitsSold(productId: string): Promise<number> {
    const row = await this.db
      .selectFrom("store_order_lines")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("qty"), eb.lit(0)).as("n"))
      .where("product_id", "=", productId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/**
 * Takes the key for this request, or returns what it already answers. With `final`, the record is
 * written as finished (a refusal); without, it is written in flight (status 0) and completed by the
 * same transaction. An expired record (older than 24 h) is replaced.
 */
async function claimKey(trx: Transaction<any>, input: CheckoutInput, final?: { status: number; response: string }): Promise<CheckoutOutcome | undefined> {
  const values = {
    user_id: input.userId,
    key: input.key,
    request_hash: input.requestHash,
    status: final?.status ?? 0,
    response: final?.response ?? "",
    created_at: input.now,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted = await trx.insertInto("store_idempotency").values(values).onConflict((oc) => oc.columns(["user_id", "key"]).doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return undefined;
    const row = (await trx
      .selectFrom("store_idempotency")
      .selectAll()
      .where("user_id", "=", input.userId)
      .where("key", "=", input.key)
      .executeTakeFirst()) as IdemRow | undefined;
    if (!row) continue; // deleted meanwhile (purged): try the insert again
    if (Number(row.created_at) < input.now - IDEMPOTENCY_TTL_MS) {
      await trx.deleteFrom("store_idempotency").where("user_id", "=", input.userId).where("key", "=", input.key).where("created_at", "=", row.created_at).execute();
      continue;
    }
    if (row.request_hash !== input.requestHash) return { kind: "reused" };
    if (Number(row.status) === 0) throw new Error("idempotency record in flight seen by another transaction"); // cannot happen: written and completed in one transaction
    return answerOf(row, input.requestHash);
  }
  throw new Error("could not claim the idempotency key");
}

/** What a completed record answers to a request with `requestHash`: its stored reply, or "reused" for another body. */
function answerOf(row: IdemRow, requestHash: string): CheckoutOutcome {
  if (row.request_hash !== requestHash) return { kind: "reused" };
  return { kind: "replayed", status: Number(row.status), body: JSON.parse(row.response) };
}

function toOrder(row: any, lines: any[]): Order {
  return {
    orderId: row.id,
    items: lines.map((l) => ({
      productId: l.product_id, name: l.name, qty: Number(l.qty), unitPriceCents: Number(l.unit_price_cents), lineTotalCents: Number(l.unit_price_cents) * Number(l.qty),
    })),
    totalCents: Number(row.total_cents),
    currency: row.currency,
    status: row.status,
    createdAt: Number(row.created_at),
  };
}

/**
 * The store's tables. `store_catalog_state` is one row whose `version` is bumped by every stock or
 * price change, in the same transaction as the change; each product keeps the version of its last
 * change. That gives every process a cheap, commit-ordered way to learn what changed
 * (catalogGuard.ts). Idempotency records are keyed by (user, key): one shopper's key never collides
 * with another's.
 */
import { sql } from "kysely";
import type { MigrationSet } from "../../platform/db/migrate.js";

export const storeMigrations: MigrationSet = {
  store_0001_catalog_orders: {
    async up(db) {
      await db.schema
        .createTable("store_products")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("price_cents", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("stock", "integer", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull()) // catalog order
        .addColumn("version", "bigint", (c) => c.notNull()) // catalog version of the last stock/price change
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addCheckConstraint("store_products_stock_nonnegative", sql`stock >= 0`)
        .execute();
      await db.schema.createIndex("store_products_category").on("store_products").columns(["category", "position"]).execute();
      await db.schema.createIndex("store_products_version").on("store_products").column("version").execute();
      await db.schema
        .createTable("store_catalog_state")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("version", "bigint", (c) => c.notNull()) // bumped by every stock/price change
        .addColumn("epoch", "bigint", (c) => c.notNull()) // bumped when products are added or renamed
        .execute();
      await db.insertInto("store_catalog_state").values({ id: 1, version: 0, epoch: 0 }).execute();
      await db.schema
        .createTable("store_orders")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("total_cents", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("store_orders_user").on("store_orders").columns(["user_id", "created_at"]).execute();
      await db.schema
        .createTable("store_order_lines")
        .addColumn("order_id", "text", (c) => c.notNull().references("store_orders.id").onDelete("cascade"))
        .addColumn("line", "integer", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("qty", "integer", (c) => c.notNull())
        .addColumn("unit_price_cents", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("store_order_lines_pk", ["order_id", "line"])
        .execute();
      await db.schema
        .createTable("store_idempotency")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("status", "integer", (c) => c.notNull()) // HTTP status of the first reply (0 while in flight)
        .addColumn("response", "text", (c) => c.notNull()) // JSON body of the first reply
        .addColumn("order_id", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("store_idempotency_pk", ["user_id", "key"])
        .execute();
      await db.schema.createIndex("store_idempotency_created").on("store_idempotency").column("created_at").execute();
    },
  },
};

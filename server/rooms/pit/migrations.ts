/**
 * The pit's tables. Everything that is money lives here (issue #6): the journal of accepted
 * commands (the audit trail, replayed at recovery), trades, per-trader balances and open orders
 * (derived from the engine, written in the journal's transaction), engine snapshots, and the
 * settlement outbox. Keys are (symbol, seq …): one journal sequence per instrument.
 */
import { sql } from "kysely";
import type { MigrationSet } from "../../platform/db/migrate.js";

export const pitMigrations: MigrationSet = {
  pit_0001_journal: {
    async up(db) {
      await db.schema
        .createTable("pit_journal")
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("now", "bigint", (c) => c.notNull())
        .addColumn("trader_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("command", "text", (c) => c.notNull()) // JSON of the PitCommand
        .addPrimaryKeyConstraint("pit_journal_pk", ["symbol", "seq"])
        .execute();
      await db.schema
        .createTable("pit_trades")
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("trade_id", "bigint", (c) => c.notNull())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("time", "bigint", (c) => c.notNull())
        .addColumn("price", "bigint", (c) => c.notNull())
        .addColumn("qty", "bigint", (c) => c.notNull())
        .addColumn("taker_side", "text", (c) => c.notNull())
        .addColumn("maker_id", "text", (c) => c.notNull())
        .addColumn("maker_order_id", "text", (c) => c.notNull())
        .addColumn("taker_id", "text", (c) => c.notNull())
        .addColumn("taker_order_id", "text", (c) => c.notNull())
        .addColumn("maker_fee", "bigint", (c) => c.notNull())
        .addColumn("taker_fee", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("pit_trades_pk", ["symbol", "trade_id"])
        .execute();
      await db.schema.createIndex("pit_trades_maker").on("pit_trades").columns(["maker_id", "time"]).execute();
      await db.schema.createIndex("pit_trades_taker").on("pit_trades").columns(["taker_id", "time"]).execute();
      await db.schema.createIndex("pit_trades_time").on("pit_trades").columns(["symbol", "time"]).execute();
      await db.schema
        .createTable("pit_balances")
        .addColumn("symbol", "text", (c) => c.notNull()) // the room (engine ledger) that holds it
        .addColumn("trader_id", "text", (c) => c.notNull())
        .addColumn("cash_available", "bigint", (c) => c.notNull())
        .addColumn("cash_reserved", "bigint", (c) => c.notNull())
        .addColumn("asset_available", "bigint", (c) => c.notNull())
        .addColumn("asset_reserved", "bigint", (c) => c.notNull())
        .addColumn("seq", "bigint", (c) => c.notNull()) // journal seq this row is as of
        .addPrimaryKeyConstraint("pit_balances_pk", ["symbol", "trader_id"])
        .execute();
      await db.schema.createIndex("pit_balances_trader").on("pit_balances").column("trader_id").execute();
      await db.schema
        .createTable("pit_open_orders")
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("trader_id", "text", (c) => c.notNull())
        .addColumn("client_order_id", "text", (c) => c.notNull())
        .addColumn("side", "text", (c) => c.notNull())
        .addColumn("price", "bigint", (c) => c.notNull())
        .addColumn("leaves_qty", "bigint", (c) => c.notNull())
        .addColumn("filled_qty", "bigint", (c) => c.notNull())
        .addColumn("post_only", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("pit_open_orders_pk", ["symbol", "trader_id", "client_order_id"])
        .execute();
      await db.schema.createIndex("pit_open_orders_trader").on("pit_open_orders").column("trader_id").execute();
      await db.schema
        .createTable("pit_snapshots")
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("taken_at", "bigint", (c) => c.notNull())
        .addColumn("state_hash", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull()) // JSON of engine.snapshot()
        .addPrimaryKeyConstraint("pit_snapshots_pk", ["symbol", "seq"])
        .execute();
      await db.schema
        .createTable("pit_outbox")
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("seq", "bigint", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull()) // position among the command's events
        .addColumn("kind", "text", (c) => c.notNull()) // trade | funded | withdrawn
        .addColumn("payload", "text", (c) => c.notNull()) // JSON of the event
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("published_at", "bigint")
        .addPrimaryKeyConstraint("pit_outbox_pk", ["symbol", "seq", "n"])
        .execute();
      await db.schema.createIndex("pit_outbox_pending").on("pit_outbox").columns(["published_at", "symbol", "seq"]).execute();
    },
  },
  pit_0002_cash: {
    async up(db) {
      // Cross-instrument cash (docs/protocol.md, pit): the database holds each trader's unallocated cash;
      // rooms hold only what was allocated to them, through journaled fund/withdraw commands.
      await db.schema
        .createTable("pit_accounts")
        .addColumn("trader_id", "text", (c) => c.primaryKey())
        .addColumn("cash_unallocated", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("pit_allocations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("trader_id", "text", (c) => c.notNull())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull()) // allocate | release
        .addColumn("state", "text", (c) => c.notNull()) // pending | applied | canceled
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("pit_allocations_pending").on("pit_allocations").columns(["symbol", "state"]).execute();
    },
  },
  pit_0003_open_orders_by_key: {
    async up(db) {
      // Every resting order is inserted and later deleted here inside the journal's batch: a second
      // B-tree on trader_id doubled that work. /accounts/me reads a trader's open orders through
      // the primary key (symbol, trader_id, …) instead, one symbol at a time (journalRepository).
      await db.schema.dropIndex("pit_open_orders_trader").execute();
    },
  },
  pit_0004_fills: {
    async up(db) {
      // A trader's fills were found through two indexes of pit_trades, (maker_id, time) and
      // (taker_id, time), written in the journal's transaction: each batch dirtied one leaf page per
      // active trader in each (≈ 190 of the ≈ 320 pages a batch wrote to the WAL in the room
      // benchmark). pit_fills holds the same lookup as its own key, projected from pit_trades in
      // bounded steps after the commits (journalRepository.projectFills): the hot transaction
      // appends trades in (symbol, trade_id) order only.
      await db.schema
        .createTable("pit_fills")
        .addColumn("trader_id", "text", (c) => c.notNull())
        .addColumn("time", "bigint", (c) => c.notNull())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("trade_id", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("pit_fills_pk", ["trader_id", "time", "symbol", "trade_id"])
        .execute();
      await db.schema
        .createTable("pit_fills_progress") // per symbol: the last trade_id projected into pit_fills
        .addColumn("symbol", "text", (c) => c.primaryKey())
        .addColumn("trade_id", "bigint", (c) => c.notNull())
        .execute();
      await sql`insert into pit_fills (trader_id, time, symbol, trade_id)
        select maker_id, time, symbol, trade_id from pit_trades where true
        union select taker_id, time, symbol, trade_id from pit_trades where true`.execute(db);
      await sql`insert into pit_fills_progress (symbol, trade_id) select symbol, max(trade_id) from pit_trades group by symbol`.execute(db);
      await db.schema.dropIndex("pit_trades_maker").execute();
      await db.schema.dropIndex("pit_trades_taker").execute();
    },
  },
};

/**
 * Pit persistence. `commitBatch` writes one group commit — journal entries, trades, the balances
 * and open orders of every trader the batch touched, outbox rows and (every N commands) a snapshot
 * — in ONE transaction; the room sends nothing about a batch before it resolves. Recovery reads the
 * latest snapshot and the journal tail after it. One query code for SQLite and PostgreSQL, except the
 * batch write on SQLite (the hot path), which runs the same statements prepared once (sqliteJournal.ts).
 */
import type SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { EngineSnapshot, JournalEntry, PitCommand, TradeEvent } from "../../../shared/pit/index.js";
import { INSTRUMENTS } from "../../../shared/pit/instruments.js";
import { SqliteJournal } from "./sqliteJournal.js";

export interface JournalRow {
  symbol: string;
  seq: number;
  now: number;
  trader_id: string;
  type: string;
  command: string;
}

export interface TradeRow {
  symbol: string;
  trade_id: number;
  seq: number;
  time: number;
  price: number;
  qty: number;
  taker_side: string;
  maker_id: string;
  maker_order_id: string;
  taker_id: string;
  taker_order_id: string;
  maker_fee: number;
  taker_fee: number;
}

export interface BalanceRow {
  symbol: string;
  trader_id: string;
  cash_available: number;
  cash_reserved: number;
  asset_available: number;
  asset_reserved: number;
  seq: number;
}

export interface OpenOrderRow {
  symbol: string;
  trader_id: string;
  client_order_id: string;
  side: string;
  price: number;
  leaves_qty: number;
  filled_qty: number;
  post_only: number;
}

export interface OutboxRow {
  symbol: string;
  seq: number; // of its first event
  n: number; // position of its first event among its command's events
  kind: string; // "batch" (a JSON array of OutboxEntry), or one event's kind in rows of older versions
  payload: string;
  created_at: number;
  published_at: number | null;
}

/** One settlement event (trade, funded, withdrawn), keyed (symbol, seq, n) for consumers. */
export interface OutboxEntry {
  seq: number;
  n: number;
  kind: string;
  event: unknown;
}

/** The kind of an outbox row holding all the settlement events of one batch, in (seq, n) order. */
export const OUTBOX_BATCH = "batch";

/** The events of outbox rows, in row order: a batch row's entries, or an older row's one event. */
export function outboxEvents(rows: readonly OutboxRow[]): { symbol: string; seq: number; n: number; kind: string; payload: string }[] {
  const out: { symbol: string; seq: number; n: number; kind: string; payload: string }[] = [];
  for (const r of rows) {
    if (r.kind !== OUTBOX_BATCH) out.push({ symbol: r.symbol, seq: r.seq, n: r.n, kind: r.kind, payload: r.payload });
    else for (const e of JSON.parse(r.payload) as OutboxEntry[]) out.push({ symbol: r.symbol, seq: e.seq, n: e.n, kind: e.kind, payload: JSON.stringify(e.event) });
  }
  return out;
}

export interface BatchWrite {
  symbol: string;
  journal: JournalRow[];
  trades: TradeRow[];
  balances: BalanceRow[];
  openOrders: OpenOrderRow[]; // upserted
  closedOrders: { trader_id: string; client_order_id: string }[]; // deleted
  /** The symbol's open-order rows are deleted first: `openOrders` are all of them (batch.ts PendingProjection.all). */
  replaceOpenOrders?: boolean;
  outbox: OutboxRow[];
  snapshot?: { seq: number; takenAt: number; stateHash: string; data: EngineSnapshot };
  /** Allocation ids whose `fund` is in this batch: marked applied in the same transaction. */
  allocationsApplied?: string[];
  /** Cash withdrawn from the room in this batch: credited to `cash_unallocated` in the same transaction. */
  releases?: { id: string; trader_id: string; amount: number }[];
}

const CHUNK = 400;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export function tradeRow(symbol: string, e: TradeEvent): TradeRow {
  return {
    symbol, trade_id: e.tradeId, seq: e.seq, time: e.time, price: e.price, qty: e.qty, taker_side: e.takerSide,
    maker_id: e.makerTraderId, maker_order_id: e.makerClientOrderId, taker_id: e.takerTraderId, taker_order_id: e.takerClientOrderId,
    maker_fee: e.makerFee, taker_fee: e.takerFee,
  };
}

/** Trades projected into pit_fills per step at most: a step is one short transaction. */
export const FILLS_STEP = 5_000;

export class PitRepository {
  private readonly sqliteJournal?: SqliteJournal;

  /** `sqlite`: the better-sqlite3 handle under `db` (SQLite only): batches are then written with prepared statements. */
  constructor(
    private readonly db: Kysely<any>,
    sqlite?: SQLite.Database,
  ) {
    if (sqlite) this.sqliteJournal = new SqliteJournal(db, sqlite);
  }

  /** The whole batch or nothing. Throws on failure (e.g. a seq already journaled by another room). */
  async commitBatch(b: BatchWrite): Promise<void> {
    if (b.journal.length === 0 && b.balances.length === 0 && b.openOrders.length === 0 && b.closedOrders.length === 0 && !b.replaceOpenOrders) return;
    if (this.sqliteJournal) return this.sqliteJournal.write(b);
    await this.db.transaction().execute(async (trx) => {
      for (const rows of chunks(b.journal)) await trx.insertInto("pit_journal").values(rows).execute();
      for (const rows of chunks(b.trades)) await trx.insertInto("pit_trades").values(rows).execute();
      for (const rows of chunks(b.balances)) {
        await trx
          .insertInto("pit_balances")
          .values(rows)
          .onConflict((oc) =>
            oc.columns(["symbol", "trader_id"]).doUpdateSet((eb) => ({
              cash_available: eb.ref("excluded.cash_available"),
              cash_reserved: eb.ref("excluded.cash_reserved"),
              asset_available: eb.ref("excluded.asset_available"),
              asset_reserved: eb.ref("excluded.asset_reserved"),
              seq: eb.ref("excluded.seq"),
            })),
          )
          .execute();
      }
      if (b.replaceOpenOrders) await trx.deleteFrom("pit_open_orders").where("symbol", "=", b.symbol).execute();
      for (const rows of chunks(b.closedOrders)) {
        // one statement per chunk: (trader_id, client_order_id) in ((?, ?), …)
        await trx
          .deleteFrom("pit_open_orders")
          .where("symbol", "=", b.symbol)
          .where((eb) => eb(eb.refTuple("trader_id", "client_order_id"), "in", rows.map((o) => eb.tuple(o.trader_id, o.client_order_id))))
          .execute();
      }
      for (const rows of chunks(b.openOrders)) {
        await trx
          .insertInto("pit_open_orders")
          .values(rows)
          .onConflict((oc) =>
            oc.columns(["symbol", "trader_id", "client_order_id"]).doUpdateSet((eb) => ({
              side: eb.ref("excluded.side"),
              price: eb.ref("excluded.price"),
              leaves_qty: eb.ref("excluded.leaves_qty"),
              filled_qty: eb.ref("excluded.filled_qty"),
              post_only: eb.ref("excluded.post_only"),
            })),
          )
          .execute();
      }
      for (const rows of chunks(b.outbox)) await trx.insertInto("pit_outbox").values(rows).execute();
      for (const id of b.allocationsApplied ?? []) {
        await trx.updateTable("pit_allocations").set({ state: "applied" }).where("id", "=", id).where("state", "=", "pending").execute();
      }
      for (const r of b.releases ?? []) {
        await trx.updateTable("pit_accounts").set((eb) => ({ cash_unallocated: eb("cash_unallocated", "+", r.amount) })).where("trader_id", "=", r.trader_id).execute();
        await trx.insertInto("pit_allocations").values({ id: r.id, trader_id: r.trader_id, symbol: b.symbol, amount: r.amount, kind: "release", state: "applied", created_at: b.journal[0]!.now }).execute();
      }
      if (b.snapshot) {
        await trx
          .insertInto("pit_snapshots")
          .values({ symbol: b.symbol, seq: b.snapshot.seq, taken_at: b.snapshot.takenAt, state_hash: b.snapshot.stateHash, data: JSON.stringify(b.snapshot.data) })
          .execute();
        // older snapshots are no longer needed for recovery; keep the last two
        const keep = await trx.selectFrom("pit_snapshots").select("seq").where("symbol", "=", b.symbol).orderBy("seq", "desc").limit(1).offset(1).executeTakeFirst();
        if (keep) await trx.deleteFrom("pit_snapshots").where("symbol", "=", b.symbol).where("seq", "<", Number(keep.seq)).execute();
      }
    });
  }

  /** The latest snapshot (or null) and every journal entry after it, in seq order. */
  async recoveryData(symbol: string): Promise<{ snapshot: EngineSnapshot | null; journal: JournalEntry[] }> {
    const snap = await this.db.selectFrom("pit_snapshots").select(["seq", "data"]).where("symbol", "=", symbol).orderBy("seq", "desc").limit(1).executeTakeFirst();
    const from = snap ? Number(snap.seq) : 0;
    const rows = await this.db.selectFrom("pit_journal").select(["seq", "now", "command"]).where("symbol", "=", symbol).where("seq", ">", from).orderBy("seq", "asc").execute();
    return {
      snapshot: snap ? (JSON.parse(String(snap.data)) as EngineSnapshot) : null,
      journal: rows.map((r) => ({ seq: Number(r.seq), now: Number(r.now), command: JSON.parse(String(r.command)) as PitCommand })),
    };
  }

  async lastSeq(symbol: string): Promise<number> {
    const r = await this.db.selectFrom("pit_journal").select((eb) => eb.fn.max("seq").as("seq")).where("symbol", "=", symbol).executeTakeFirst();
    return r?.seq == null ? 0 : Number(r.seq);
  }

  async journal(opts: { symbol?: string; from: number; limit: number }): Promise<JournalRow[]> {
    let q = this.db.selectFrom("pit_journal").selectAll().where("seq", ">=", opts.from);
    if (opts.symbol) q = q.where("symbol", "=", opts.symbol);
    const rows = await q.orderBy("symbol").orderBy("seq").limit(opts.limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), now: Number(r.now) }) as JournalRow);
  }

  async recentTrades(symbol: string, limit: number): Promise<TradeRow[]> {
    const rows = await this.db.selectFrom("pit_trades").selectAll().where("symbol", "=", symbol).orderBy("trade_id", "desc").limit(limit).execute();
    return rows.map(numericTrade);
  }

  async tradesSince(symbol: string, since: number, limit: number): Promise<TradeRow[]> {
    const rows = await this.db.selectFrom("pit_trades").selectAll().where("symbol", "=", symbol).where("time", ">=", since).orderBy("trade_id", "desc").limit(limit).execute();
    return rows.map(numericTrade).reverse();
  }

  /**
   * A trader's latest fills, newest first. pit_fills is projected after the commits (the room's
   * timer, projectFills), so the projection is brought up to date first: what is committed is read.
   */
  async fillsOf(traderId: string, limit: number): Promise<TradeRow[]> {
    for (const i of INSTRUMENTS) while ((await this.projectFills(i.symbol)) > 0);
    const rows = await this.db
      .selectFrom("pit_fills as f")
      .innerJoin("pit_trades as t", (j) => j.onRef("t.symbol", "=", "f.symbol").onRef("t.trade_id", "=", "f.trade_id"))
      .selectAll("t")
      .where("f.trader_id", "=", traderId)
      .orderBy("f.time", "desc")
      .orderBy("f.symbol", "desc")
      .orderBy("f.trade_id", "desc")
      .limit(limit)
      .execute();
    return rows.map(numericTrade);
  }

  /**
   * Projects up to `maxTrades` committed trades of the symbol not yet in pit_fills (one row per
   * side; a self-trade gives one) and moves the symbol's watermark, in one transaction. Returns
   * how many trades it projected (0: up to date). Idempotent and safe to run from two processes
   * at once: rows already there are skipped and the watermark only moves forward. Trades commit
   * in trade_id order per symbol (one room writes a symbol, one batch at a time).
   */
  async projectFills(symbol: string, maxTrades = FILLS_STEP): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom("pit_fills_progress").select("trade_id").where("symbol", "=", symbol).executeTakeFirst();
      const from = p ? Number(p.trade_id) : 0;
      const step = await sql<{ hi: number | string | null; n: number | string }>`select max(trade_id) as hi, count(*) as n from
        (select trade_id from pit_trades where symbol = ${symbol} and trade_id > ${from} order by trade_id limit ${maxTrades}) as next`.execute(trx);
      const hi = step.rows[0]?.hi == null ? null : Number(step.rows[0].hi);
      if (hi === null) return 0;
      await sql`insert into pit_fills (trader_id, time, symbol, trade_id)
        select maker_id, time, symbol, trade_id from pit_trades where symbol = ${symbol} and trade_id > ${from} and trade_id <= ${hi}
        union all select taker_id, time, symbol, trade_id from pit_trades where symbol = ${symbol} and trade_id > ${from} and trade_id <= ${hi}
        on conflict do nothing`.execute(trx);
      await trx
        .insertInto("pit_fills_progress")
        .values({ symbol, trade_id: hi })
        .onConflict((oc) => oc.column("symbol").doUpdateSet({ trade_id: hi }).where("pit_fills_progress.trade_id", "<", hi))
        .execute();
      return Number(step.rows[0]!.n);
    });
  }

  async balancesOf(traderId: string): Promise<BalanceRow[]> {
    const rows = await this.db.selectFrom("pit_balances").selectAll().where("trader_id", "=", traderId).orderBy("symbol").execute();
    return rows.map((r) => ({
      symbol: r.symbol, trader_id: r.trader_id, cash_available: Number(r.cash_available), cash_reserved: Number(r.cash_reserved),
      asset_available: Number(r.asset_available), asset_reserved: Number(r.asset_reserved), seq: Number(r.seq),
    }));
  }

  async openOrdersOf(traderId: string): Promise<OpenOrderRow[]> {
    // by the primary key's prefix (symbol, trader_id) for each symbol the trader has a balance in
    // (an open order always has one): no index on trader_id alone is kept (pit_0003)
    const rows = await this.db
      .selectFrom("pit_open_orders")
      .selectAll()
      .where("symbol", "in", this.db.selectFrom("pit_balances").select("symbol").where("trader_id", "=", traderId))
      .where("trader_id", "=", traderId)
      .orderBy("symbol")
      .orderBy("client_order_id")
      .execute();
    return rows.map((r) => ({ ...r, price: Number(r.price), leaves_qty: Number(r.leaves_qty), filled_qty: Number(r.filled_qty), post_only: Number(r.post_only) }) as OpenOrderRow);
  }

  // ---- cross-instrument cash -------------------------------------------------------------------

  /** Creates the trader's cash account with `cash` unallocated, once (later calls change nothing). */
  async ensureAccount(traderId: string, cash: number, now: number): Promise<void> {
    await this.db.insertInto("pit_accounts").values({ trader_id: traderId, cash_unallocated: cash, created_at: now }).onConflict((oc) => oc.column("trader_id").doNothing()).execute();
  }

  async unallocated(traderId: string): Promise<number> {
    const r = await this.db.selectFrom("pit_accounts").select("cash_unallocated").where("trader_id", "=", traderId).executeTakeFirst();
    return r ? Number(r.cash_unallocated) : 0;
  }

  /**
   * Takes `amount` from the trader's unallocated cash for `symbol`'s room — only if that much is
   * there (conditional update: two processes can never take the same cash) — and records a pending
   * allocation. Returns false (nothing changed) when the cash is not there.
   */
  async allocate(id: string, traderId: string, symbol: string, amount: number, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("pit_accounts")
        .set((eb) => ({ cash_unallocated: eb("cash_unallocated", "-", amount) }))
        .where("trader_id", "=", traderId)
        .where("cash_unallocated", ">=", amount)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await trx.insertInto("pit_allocations").values({ id, trader_id: traderId, symbol, amount, kind: "allocate", state: "pending", created_at: now }).execute();
      return true;
    });
  }

  /** Gives a pending allocation back (its fund was never journaled). Idempotent. */
  async cancelAllocation(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("pit_allocations").selectAll().where("id", "=", id).where("state", "=", "pending").executeTakeFirst();
      if (!row) return false;
      await trx.updateTable("pit_allocations").set({ state: "canceled" }).where("id", "=", id).where("state", "=", "pending").execute();
      await trx.updateTable("pit_accounts").set((eb) => ({ cash_unallocated: eb("cash_unallocated", "+", Number(row.amount)) })).where("trader_id", "=", row.trader_id).execute();
      return true;
    });
  }

  /** Recovery: every allocation of `symbol` still pending was never journaled (applied rides in the journal's transaction): credit it back. */
  async reconcileAllocations(symbol: string): Promise<number> {
    const rows = await this.db.selectFrom("pit_allocations").select("id").where("symbol", "=", symbol).where("state", "=", "pending").execute();
    let n = 0;
    for (const r of rows) if (await this.cancelAllocation(r.id)) n++;
    return n;
  }

  async pendingOutbox(limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.selectFrom("pit_outbox").selectAll().where("published_at", "is", null).orderBy("symbol").orderBy("seq").orderBy("n").limit(limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), n: Number(r.n), created_at: Number(r.created_at) }) as OutboxRow);
  }

  /**
   * Marks rows read by `pendingOutbox` published: one statement per symbol, not one per row. The
   * rows read are a prefix, in (seq, n) order, of each symbol's pending rows, and rows written later
   * have higher seqs (journal order), so "pending and at or before the last row read" is exactly them.
   */
  async markPublished(rows: OutboxRow[], at: number): Promise<void> {
    if (rows.length === 0) return;
    const last = new Map<string, OutboxRow>();
    for (const r of rows) {
      const l = last.get(r.symbol);
      if (!l || r.seq > l.seq || (r.seq === l.seq && r.n > l.n)) last.set(r.symbol, r);
    }
    await this.db.transaction().execute(async (trx) => {
      for (const l of last.values()) {
        await trx
          .updateTable("pit_outbox")
          .set({ published_at: at })
          .where("symbol", "=", l.symbol)
          .where("published_at", "is", null)
          .where((eb) => eb.or([eb("seq", "<", l.seq), eb.and([eb("seq", "=", l.seq), eb("n", "<=", l.n)])]))
          .execute();
      }
    });
  }
}

function numericTrade(r: any): TradeRow {
  return {
    symbol: r.symbol, trade_id: Number(r.trade_id), seq: Number(r.seq), time: Number(r.time), price: Number(r.price), qty: Number(r.qty),
    taker_side: r.taker_side, maker_id: r.maker_id, maker_order_id: r.maker_order_id, taker_id: r.taker_id, taker_order_id: r.taker_order_id,
    maker_fee: Number(r.maker_fee), taker_fee: Number(r.taker_fee),
  };
}

/**
 * The pit's batch write on SQLite, without a query builder: the same rows and statements as
 * PitRepository's Kysely path (which PostgreSQL uses), but as better-sqlite3 statements prepared
 * once per handle and run row by row inside one transaction. At ~10 rows per order, building and
 * compiling multi-row Kysely queries cost more than SQLite's own work (docs/benchmarks.md, pit).
 *
 * Concurrency: the platform's Kysely SQLite driver shares this handle and serializes its users with
 * a mutex (a Kysely transaction keeps BEGIN open across awaits). better-sqlite3 is synchronous, so
 * the only way another caller can be "inside" the handle when `write` runs is an open transaction;
 * then `write` waits for the mutex (`kysely.connection()`). Either way the batch is its own
 * transaction, all or nothing, never part of someone else's.
 */
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { BatchWrite } from "./journalRepository.js";

const SQL = {
  journal: "insert into pit_journal (symbol, seq, now, trader_id, type, command) values (?, ?, ?, ?, ?, ?)",
  trade:
    "insert into pit_trades (symbol, trade_id, seq, time, price, qty, taker_side, maker_id, maker_order_id, taker_id, taker_order_id, maker_fee, taker_fee) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  balance:
    "insert into pit_balances (symbol, trader_id, cash_available, cash_reserved, asset_available, asset_reserved, seq) values (?, ?, ?, ?, ?, ?, ?) " +
    "on conflict (symbol, trader_id) do update set cash_available = excluded.cash_available, cash_reserved = excluded.cash_reserved, " +
    "asset_available = excluded.asset_available, asset_reserved = excluded.asset_reserved, seq = excluded.seq",
  closeOrder: "delete from pit_open_orders where symbol = ? and trader_id = ? and client_order_id = ?",
  clearOpenOrders: "delete from pit_open_orders where symbol = ?",
  openOrder:
    "insert into pit_open_orders (symbol, trader_id, client_order_id, side, price, leaves_qty, filled_qty, post_only) values (?, ?, ?, ?, ?, ?, ?, ?) " +
    "on conflict (symbol, trader_id, client_order_id) do update set side = excluded.side, price = excluded.price, " +
    "leaves_qty = excluded.leaves_qty, filled_qty = excluded.filled_qty, post_only = excluded.post_only",
  outbox: "insert into pit_outbox (symbol, seq, n, kind, payload, created_at, published_at) values (?, ?, ?, ?, ?, ?, ?)",
  allocationApplied: "update pit_allocations set state = 'applied' where id = ? and state = 'pending'",
  releaseCredit: "update pit_accounts set cash_unallocated = cash_unallocated + ? where trader_id = ?",
  releaseRow: "insert into pit_allocations (id, trader_id, symbol, amount, kind, state, created_at) values (?, ?, ?, ?, 'release', 'applied', ?)",
  snapshot: "insert into pit_snapshots (symbol, seq, taken_at, state_hash, data) values (?, ?, ?, ?, ?)",
  snapshotKeep: "select seq from pit_snapshots where symbol = ? order by seq desc limit 1 offset 1",
  snapshotPrune: "delete from pit_snapshots where symbol = ? and seq < ?",
} as const;

type Statements = { [K in keyof typeof SQL]: SQLite.Statement };

/** Journal rows go in multi-row inserts of this many (one statement run instead of 16). */
const JOURNAL_CHUNK = 16;
const JOURNAL_MANY = `insert into pit_journal (symbol, seq, now, trader_id, type, command) values ${Array(JOURNAL_CHUNK).fill("(?, ?, ?, ?, ?, ?)").join(", ")}`;

export class SqliteJournal {
  private statements?: Statements;
  private journalMany?: SQLite.Statement;
  private readonly journalArgs: unknown[] = new Array(JOURNAL_CHUNK * 6);
  private readonly tx: (b: BatchWrite) => void;

  constructor(
    private readonly kysely: Kysely<any>,
    private readonly handle: SQLite.Database,
  ) {
    this.tx = handle.transaction((b: BatchWrite) => this.rows(b));
  }

  /** One transaction for the whole batch; throws (and rolls back) on any failure. */
  async write(b: BatchWrite): Promise<void> {
    // No transaction open on the handle: nobody is between BEGIN and COMMIT, and ours runs to its
    // COMMIT synchronously, so nothing can interleave: run it now. Otherwise a Kysely transaction
    // is open (waiting on an await): take the driver's mutex, which that transaction holds.
    if (!this.handle.inTransaction) this.tx(b);
    else await this.kysely.connection().execute(async () => this.tx(b));
  }

  private prepared(): Statements {
    if (this.statements) return this.statements;
    const s = {} as Record<keyof typeof SQL, SQLite.Statement>;
    for (const k of Object.keys(SQL) as (keyof typeof SQL)[]) s[k] = this.handle.prepare(SQL[k]);
    return (this.statements = s as Statements);
  }

  private rows(b: BatchWrite): void {
    const s = this.prepared();
    const j = b.journal;
    let i = 0;
    if (j.length >= JOURNAL_CHUNK) {
      const many = (this.journalMany ??= this.handle.prepare(JOURNAL_MANY));
      const args = this.journalArgs;
      for (; i + JOURNAL_CHUNK <= j.length; i += JOURNAL_CHUNK) {
        for (let k = 0; k < JOURNAL_CHUNK; k++) {
          const r = j[i + k]!;
          const o = k * 6;
          args[o] = r.symbol;
          args[o + 1] = r.seq;
          args[o + 2] = r.now;
          args[o + 3] = r.trader_id;
          args[o + 4] = r.type;
          args[o + 5] = r.command;
        }
        many.run(args);
      }
    }
    for (; i < j.length; i++) {
      const r = j[i]!;
      s.journal.run(r.symbol, r.seq, r.now, r.trader_id, r.type, r.command);
    }
    for (const r of b.trades) {
      s.trade.run(r.symbol, r.trade_id, r.seq, r.time, r.price, r.qty, r.taker_side, r.maker_id, r.maker_order_id, r.taker_id, r.taker_order_id, r.maker_fee, r.taker_fee);
    }
    for (const r of b.balances) s.balance.run(r.symbol, r.trader_id, r.cash_available, r.cash_reserved, r.asset_available, r.asset_reserved, r.seq);
    if (b.replaceOpenOrders) s.clearOpenOrders.run(b.symbol);
    for (const r of b.closedOrders) s.closeOrder.run(b.symbol, r.trader_id, r.client_order_id);
    for (const r of b.openOrders) s.openOrder.run(r.symbol, r.trader_id, r.client_order_id, r.side, r.price, r.leaves_qty, r.filled_qty, r.post_only);
    for (const r of b.outbox) s.outbox.run(r.symbol, r.seq, r.n, r.kind, r.payload, r.created_at, r.published_at);
    for (const id of b.allocationsApplied ?? []) s.allocationApplied.run(id);
    for (const r of b.releases ?? []) {
      s.releaseCredit.run(r.amount, r.trader_id);
      s.releaseRow.run(r.id, r.trader_id, b.symbol, r.amount, b.journal[0]!.now);
    }
    if (b.snapshot) {
      s.snapshot.run(b.symbol, b.snapshot.seq, b.snapshot.takenAt, b.snapshot.stateHash, JSON.stringify(b.snapshot.data));
      // older snapshots are no longer needed for recovery; keep the last two
      const keep = s.snapshotKeep.get(b.symbol) as { seq: number } | undefined;
      if (keep) s.snapshotPrune.run(b.symbol, Number(keep.seq));
    }
  }
}

/**
 * Notices every committed stock or price change — this process's, another process's, or any other
 * writer's on the same database — before the catalog cache serves stock or price.
 *
 * `fresh()` brings this process up to date with the database's catalog version and tells the
 * listeners (cache eviction, store rooms) which products changed. Catalog versions are dense and
 * commit-ordered (bumped under the version row's lock, see productRepository.ts), so "products with
 * version > the last one seen" is exactly what changed.
 *
 * How cheap the check is depends on the database:
 * - SQLite file: a second, read-only connection asks `PRAGMA data_version`, which changes when any
 *   other connection (in this process or another) commits; only then is the version row read.
 *   Synchronous, well under a microsecond when nothing changed: it runs on every cached read. (A
 *   separate connection also means it never reads another request's uncommitted transaction.)
 * - PostgreSQL: one primary-key read of the version row, coalesced: requests that arrive while a
 *   check is running wait for the next one (which starts after they arrived), so under load it is
 *   one query per round trip, not per request.
 * A poll every STORE_WATCH_MS runs the same check so that store rooms push changes without traffic.
 */
import SQLite from "better-sqlite3";
import type { Database } from "../../platform/db/database.js";
import type { Logger } from "../../platform/logger.js";
import type { StockEntry } from "../../../shared/store/spec.js";
import { ProductRepository, toStockEntry, type CatalogState, type ProductRow } from "./productRepository.js";

export interface CatalogChange {
  /** Products whose stock or price changed (latest values). */
  changes: StockEntry[];
  /** Products were added or renamed: cached searches are stale too. */
  epochChanged: boolean;
}

type Listener = (change: CatalogChange) => void | Promise<void>;

export class CatalogGuard {
  private known: CatalogState = { version: -1, epoch: -1 };
  private readonly listeners = new Set<Listener>();
  private readonly repo: ProductRepository;
  private readonly reader?: SqliteReader;
  private running?: Promise<void>;
  private queued?: Promise<void>;
  /** SQLite: listeners of the last change still running (async ones, e.g. Redis invalidation). */
  private applying?: Promise<void>;
  private timer?: NodeJS.Timeout;
  /** Bumped whenever something is evicted: a cache fill that started before must not be kept. */
  generation = 0;

  constructor(private readonly db: Database, private readonly logger: Logger) {
    this.repo = new ProductRepository(db.kysely);
    const file = db.sqlite?.name;
    if (db.dialect === "sqlite" && file && file !== ":memory:" && !db.sqlite!.memory) this.reader = new SqliteReader(file);
  }

  get version(): number {
    return this.known.version;
  }

  /** Bumped when products are added or renamed (searches are keyed by it). */
  get epoch(): number {
    return this.known.epoch;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Learns the current version without announcing anything (at start, after seeding). */
  async init(): Promise<void> {
    this.known = await this.repo.state();
    this.reader?.changed(); // prime data_version
  }

  /**
   * Resolves once every change committed before the call is known (and the listeners ran).
   * SQLite: returns undefined synchronously when nothing changed — the hot path of a cached read.
   */
  fresh(): Promise<void> | undefined {
    if (this.reader) {
      if (!this.reader.changed()) return this.applying; // usually undefined: nothing to wait for
      const state = this.reader.state();
      if (state.version === this.known.version && state.epoch === this.known.epoch) return this.applying;
      const before = this.applying;
      const applying = Promise.all([before, this.apply(state, this.reader.changedSince(this.known.version))]).then(() => {}).finally(() => {
        if (this.applying === applying) this.applying = undefined;
      });
      this.applying = applying;
      return applying;
    }
    return this.coalesced();
  }

  startPolling(ms: number): void {
    this.timer = setInterval(() => {
      Promise.resolve(this.fresh()).catch((e) => this.logger.warn("store catalog check failed", { error: e }));
    }, ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.reader?.close();
  }

  private coalesced(): Promise<void> {
    if (!this.running) {
      this.running = this.checkAsync().finally(() => (this.running = undefined));
      return this.running;
    }
    // a check is running but may have started before this call: wait for the next one
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = undefined;
      return this.coalesced();
    });
    return this.queued;
  }

  private async checkAsync(): Promise<void> {
    const state = await this.repo.state();
    if (state.version === this.known.version && state.epoch === this.known.epoch) return;
    await this.apply(state, await this.repo.changedSince(this.known.version));
  }

  private async apply(state: CatalogState, changes: StockEntry[]): Promise<void> {
    const epochChanged = state.epoch !== this.known.epoch;
    const top = changes.reduce((m, c) => Math.max(m, c.version), state.version);
    if (top <= this.known.version && !epochChanged) return; // an overlapping check got there first
    this.known = { version: Math.max(top, this.known.version), epoch: Math.max(state.epoch, this.known.epoch) };
    this.generation++;
    const change = { changes, epochChanged };
    for (const l of this.listeners) {
      try {
        await l(change);
      } catch (e) {
        this.logger.warn("store catalog listener failed", { error: e });
      }
    }
  }
}

/** Read-only second connection to the SQLite file (committed data only). */
class SqliteReader {
  private readonly handle: SQLite.Database;
  private readonly dataVersion: SQLite.Statement;
  private readonly stateStmt: SQLite.Statement;
  private readonly changedStmt: SQLite.Statement;
  private last = -1;

  constructor(file: string) {
    this.handle = new SQLite(file, { readonly: true, fileMustExist: true });
    this.handle.pragma("busy_timeout = 5000");
    this.dataVersion = this.handle.prepare("pragma data_version").pluck();
    this.stateStmt = this.handle.prepare("select version, epoch from store_catalog_state where id = 1");
    this.changedStmt = this.handle.prepare("select id, stock, price_cents, version from store_products where version > ? order by version");
  }

  /** True when some connection committed since the last call. */
  changed(): boolean {
    const v = this.dataVersion.get() as number;
    if (v === this.last) return false;
    this.last = v;
    return true;
  }

  state(): CatalogState {
    const row = this.stateStmt.get() as { version: number; epoch: number };
    return { version: Number(row.version), epoch: Number(row.epoch) };
  }

  changedSince(version: number): StockEntry[] {
    return (this.changedStmt.all(version) as ProductRow[]).map(toStockEntry);
  }

  close(): void {
    this.handle.close();
  }
}

/**
 * The database: Kysely over better-sqlite3 (embedded default, a file in DATA_DIR) or PostgreSQL
 * (when DATABASE_URL is set). One query code for both; migrations (./migrate.ts) handle the few
 * DDL differences. Money, times and counters are integers (bigint columns come back as numbers).
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from "kysely";
import { startCheckpointer } from "./checkpointer.js";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  readonly kysely: Kysely<any>;
  readonly dialect: Dialect;
  /** For logs and /health: "sqlite:/path/file.db" or "postgres://host:port/db" (no password). */
  readonly description: string;
  /** Postgres: the schema in use when not the default (tests). */
  readonly schema?: string;
  /** The better-sqlite3 handle, for the few places that need it synchronously (SQLite only). */
  readonly sqlite?: SQLite.Database;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent, SQLite at `sqliteFile`. */
  url?: string;
  sqliteFile?: string;
  /** Postgres only: a schema to create and use (tests use one schema per run). */
  schema?: string;
  /** Postgres pool size. */
  poolSize?: number;
  /** Problems worth an operator's attention that are not errors of a query (default: console.warn). */
  onProblem?: (message: string) => void;
}

// int8 (bigint) and numeric come back as strings by default: our integers fit in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  const file = options.sqliteFile ?? ":memory:";
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma("journal_mode = WAL");
  // WAL + NORMAL: a committed transaction survives a process kill (it is in the WAL file);
  // only an OS crash can lose the last commits. That is the durability the rooms rely on.
  handle.pragma("synchronous = NORMAL");
  handle.pragma("busy_timeout = 5000");
  handle.pragma("foreign_keys = ON");
  // a file: WAL checkpoints in a worker thread (./checkpointer.ts)
  const checkpointer = file !== ":memory:" ? startCheckpointer(handle, options.onProblem ?? ((m) => console.warn(m))) : undefined;
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  return {
    kysely,
    dialect: "sqlite",
    description: `sqlite:${file}`,
    sqlite: handle,
    async ping() {
      try {
        handle.prepare("select 1").get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await checkpointer?.stop();
      await kysely.destroy(); // closes the better-sqlite3 handle (checkpoints the WAL)
    },
  };
}

/** Prepared statements kept per SQL text: the rooms run the same few queries thousands of times a second. */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares a new statement for every query; preparing costs about as much as
 * running a small insert. This hands Kysely the same better-sqlite3 statement again for the same SQL
 * (least recently used dropped past {@link STATEMENT_CACHE_SIZE}). A statement still being iterated
 * (`busy`, a streaming query) is never handed out twice: a fresh one is prepared for that call. SQLite
 * re-prepares a cached statement by itself after a schema change (migrations).
 */
export function withStatementCache(handle: SQLite.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached !== undefined && !cached.busy) {
        cache.delete(text); // move to the most recently used end
        cache.set(text, cached);
        return cached;
      }
      const stmt = handle.prepare(text);
      if (cached === undefined) {
        cache.set(text, stmt);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on("error", () => {
    /* an idle client died (server restart): the pool replaces it; ping() reports health */
  });
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    kysely,
    dialect: "postgres",
    ...(schema ? { schema } : {}),
    description: `postgres://${u.hostname}:${u.port || 5432}${u.pathname}${schema ? `#${schema}` : ""}`,
    async ping() {
      try {
        await sql`select 1`.execute(kysely);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await kysely.destroy();
    },
  };
}

/** Drops a Postgres schema (tests). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.end();
  }
}

/**
 * Migrations run at start, for both dialects. Each room kind brings its own (RoomKind.migrations);
 * the platform's are below. Names are prefixed with the owner ("platform_0001_users",
 * "chess_0001_games") so kinds never collide; order across owners does not matter, order within
 * one owner is the name order.
 */
import { Migrator, type Migration, type MigrationProvider, type Kysely } from "kysely";
import type { Database, Dialect } from "./database.js";

/** A migration that knows the dialect, for the few DDL differences (e.g. autoincrement ids). */
export interface DialectMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export type MigrationSet = Record<string, DialectMigration>;

export const platformMigrations: MigrationSet = {
  platform_0001_users: {
    async up(db) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull().defaultTo("guest"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
};

/**
 * Applies what is new; returns the names applied. A migration applied earlier by a room kind that
 * is not loaded now (a mod taken out of MODS) is kept as applied — its tables stay as they are and
 * come back into use if the kind returns — and reported through `onOrphans`: Kysely would otherwise
 * refuse to start ("previously executed migration … is missing").
 */
export async function migrate(database: Database, sets: MigrationSet[], onOrphans?: (names: string[]) => void): Promise<string[]> {
  const all: Record<string, Migration> = {};
  for (const set of sets) {
    for (const [name, m] of Object.entries(set)) {
      if (all[name]) throw new Error(`migration ${name} is defined twice`);
      all[name] = { up: (db) => m.up(db, database.dialect) };
    }
  }
  const orphans = (await executedMigrations(database)).filter((name) => !(name in all));
  for (const name of orphans) all[name] = { up: async () => undefined }; // already applied: never run
  if (orphans.length) onOrphans?.(orphans);
  const provider: MigrationProvider = { getMigrations: async () => all };
  const migrator = new Migrator({
    db: database.kysely,
    provider,
    allowUnorderedMigrations: true,
    // with a non-default schema, Kysely must look for its own tables there, not in "public"
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const what = failed ? `migration ${failed.migrationName} failed` : "migrations failed";
    throw new Error(`${what}: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names in Kysely's migration table; none before the first run (no table yet). */
async function executedMigrations(database: Database): Promise<string[]> {
  const db = database.schema ? database.kysely.withSchema(database.schema) : database.kysely;
  try {
    const rows = await db.selectFrom("kysely_migration").select("name").execute();
    return rows.map((r: { name: string }) => r.name);
  } catch {
    return [];
  }
}

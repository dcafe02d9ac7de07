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

export async function migrate(database: Database, sets: MigrationSet[]): Promise<string[]> {
  const all: Record<string, Migration> = {};
  for (const set of sets) {
    for (const [name, m] of Object.entries(set)) {
      if (all[name]) throw new Error(`migration ${name} is defined twice`);
      all[name] = { up: (db) => m.up(db, database.dialect) };
    }
  }
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
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

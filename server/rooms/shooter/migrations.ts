/**
 * The shooter's tables: finished matches and per-player stats, written once at match end. The
 * live match is never stored (placement: a server kill loses it).
 */
import type { MigrationSet } from "../../platform/db/migrate.js";

export const shooterMigrations: MigrationSet = {
  shooter_0001_matches: {
    async up(db) {
      await db.schema
        .createTable("shooter_matches")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("room_id", "text", (c) => c.notNull())
        .addColumn("mode", "text", (c) => c.notNull()) // authoritative | relay
        .addColumn("map", "text", (c) => c.notNull())
        .addColumn("round", "integer", (c) => c.notNull()) // round number within the room
        .addColumn("reason", "text", (c) => c.notNull()) // score | time
        .addColumn("winner_id", "text") // user id; null when nobody scored
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("ended_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("shooter_match_players")
        .addColumn("match_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("rank", "integer", (c) => c.notNull()) // 1 = best
        .addColumn("kills", "integer", (c) => c.notNull())
        .addColumn("deaths", "integer", (c) => c.notNull())
        .addColumn("shots", "integer", (c) => c.notNull())
        .addColumn("hits", "integer", (c) => c.notNull())
        .addColumn("damage", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("shooter_match_players_pk", ["match_id", "user_id"])
        .execute();
      await db.schema.createIndex("shooter_match_players_user").on("shooter_match_players").columns(["user_id", "match_id"]).execute();
      await db.schema.createIndex("shooter_matches_ended").on("shooter_matches").column("ended_at").execute();
    },
  },
};

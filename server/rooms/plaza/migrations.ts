/**
 * The plaza's only table: analytics events, append-only, written in batches and never read for
 * play (issue #5). One row per event; columns that do not apply to a kind are null.
 */
import type { MigrationSet } from "../../platform/db/migrate.js";

export const plazaMigrations: MigrationSet = {
  plaza_0001_events: {
    async up(db) {
      await db.schema
        .createTable("plaza_events")
        .addColumn("kind", "text", (c) => c.notNull()) // join | leave | conversation
        .addColumn("room_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull()) // conversation: who started it
        .addColumn("at", "bigint", (c) => c.notNull()) // ms
        .addColumn("walked_px", "bigint") // leave: distance walked during the visit
        .addColumn("duration_ms", "bigint") // leave: length of the visit
        .addColumn("channel", "text") // conversation: chat | call
        .addColumn("size", "integer") // conversation: people in it
        .execute();
      await db.schema.createIndex("plaza_events_kind_at").on("plaza_events").columns(["kind", "at"]).execute();
    },
  },
};

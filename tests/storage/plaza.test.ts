/** Plaza analytics on SQLite and PostgreSQL: batched writes, aggregates, a failed write retried. */
import assert from "node:assert/strict";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { plazaMigrations } from "../../server/rooms/plaza/migrations.js";
import { PlazaAnalyticsRepository, type PlazaEvent } from "../../server/rooms/plaza/analyticsRepository.js";
import { AnalyticsWriter } from "../../server/rooms/plaza/analytics.js";
import { createLogger } from "../../server/platform/logger.js";
import type { Platform } from "../../server/platform/context.js";
import { describeEachDialect } from "../helpers/databases.js";

describeEachDialect("plaza analytics storage", (db) => {
  let repo: PlazaAnalyticsRepository;
  before(async () => {
    await migrate(db(), [platformMigrations, plazaMigrations]);
    repo = new PlazaAnalyticsRepository(db().kysely);
  });

  it("stores a batch of 250 events (several INSERT chunks) and aggregates them", async () => {
    const events: PlazaEvent[] = [];
    for (let i = 0; i < 100; i++) {
      events.push({ kind: "join", roomId: "r1", userId: `u${i % 40}`, at: 1000 + i });
      events.push({ kind: "leave", roomId: "r1", userId: `u${i % 40}`, at: 2000 + i, walkedPx: 10 * i, durationMs: 1000 * (i % 3) });
    }
    for (let i = 0; i < 50; i++) events.push({ kind: "conversation", roomId: "r1", userId: "u1", at: 3000 + i, channel: i % 5 === 0 ? "call" : "chat", size: 2 });
    await repo.insert(events);
    const s = await repo.stats();
    assert.deepEqual(s, {
      joins: 100, leaves: 100, visitors: 40, walkedPx: 10 * (99 * 100) / 2, avgVisitMs: Math.round((1000 * (33 + 2 * 33)) / 100),
      conversations: { chat: 40, call: 10 },
    });
    assert.equal((await repo.stats(2050)).leaves, 50, "since = at ≥");
  });

  it("the writer batches in memory, flushes asynchronously, and keeps a failed batch for the next flush", async () => {
    const warnings: string[] = [];
    const logger = { ...createLogger("silent"), warn: (msg: string) => void warnings.push(msg) };
    const platform = { db: db(), logger, now: () => 0 } as unknown as Platform;
    const w = new AnalyticsWriter(platform, 60_000);
    const before = (await repo.stats()).joins;
    w.record({ kind: "join", roomId: "r2", userId: "x", at: 5 });
    assert.equal((await repo.stats()).joins, before, "record() does not write");
    // make the next write fail: the table is renamed away for one flush
    await db().kysely.schema.alterTable("plaza_events").renameTo("plaza_events_away").execute();
    await w.flush();
    assert.equal(warnings.length, 1, "the failure is logged");
    await db().kysely.schema.alterTable("plaza_events_away").renameTo("plaza_events").execute();
    w.record({ kind: "join", roomId: "r2", userId: "y", at: 6 });
    await w.stop();
    assert.equal((await repo.stats()).joins, before + 2, "the failed batch was written with the next one");
  });
});

/** The settlement outbox published to the Redis Stream `pit:settlement` (runs when REDIS_URL is set). */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { openDatabase, type Database } from "../../server/platform/db/database.js";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { pitMigrations } from "../../server/rooms/pit/migrations.js";
import { PitRepository } from "../../server/rooms/pit/journalRepository.js";
import { applyBatch } from "../../server/rooms/pit/batch.js";
import { drainOutboxOnce, SETTLEMENT_STREAM } from "../../server/rooms/pit/outbox.js";
import type { Platform } from "../../server/platform/context.js";
import { Engine, instrument } from "../../shared/pit/index.js";

describe("pit outbox → Redis Stream", function () {
  const url = process.env.REDIS_URL;
  let db: Database;
  let redis: Redis;
  let dir: string;
  before(async function () {
    if (!url) {
      console.log("      (skipped: REDIS_URL is not set)");
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-pit-outbox-"));
    db = await openDatabase({ sqliteFile: path.join(dir, "t.db") });
    await migrate(db, [platformMigrations, pitMigrations]);
    redis = new Redis(url!);
  });
  after(async () => {
    await db?.close();
    redis?.disconnect();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("XADDs every pending row in (symbol, seq, n) order and marks it published", async () => {
    const repo = new PitRepository(db.kysely);
    const engine = new Engine({ instrument: instrument("ACME")! });
    const { write } = applyBatch(engine, [
      { command: { type: "fund", traderId: "s", cash: 0, qty: 10 } },
      { command: { type: "fund", traderId: "b", cash: 1_000_000, qty: 0 } },
      { command: { type: "order", traderId: "s", clientOrderId: "1", side: "sell", orderType: "limit", price: 10_000, qty: 3 } },
      { command: { type: "order", traderId: "b", clientOrderId: "2", side: "buy", orderType: "limit", price: 10_000, qty: 3 } },
    ], 1, { every: 1_000, lastSeq: 0 });
    await repo.commitBatch(write);
    const start = await redis.xrevrange(SETTLEMENT_STREAM, "+", "-", "COUNT", 1);
    const fromId = start[0]?.[0] ?? "0-0";
    const platform = { db, redis, now: () => 123 } as unknown as Platform;
    assert.equal(await drainOutboxOnce(platform), 3);
    assert.equal(await drainOutboxOnce(platform), 0, "published rows are not sent again");
    const entries = (await redis.xrange(SETTLEMENT_STREAM, fromId === "0-0" ? "-" : `(${fromId}`, "+")).slice(-3);
    const fields = entries.map(([, f]) => Object.fromEntries(f.reduce<[string, string][]>((acc, v, i) => (i % 2 === 0 ? [...acc, [v, f[i + 1]!]] : acc), [])));
    assert.deepEqual(fields.map((f) => f.kind), ["funded", "funded", "trade"]);
    assert.equal(JSON.parse(fields[2]!.payload!).price, 10_000);
  });
});

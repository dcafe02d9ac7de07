/**
 * The settlement outbox drainer: rows are written with their batch (same transaction as the
 * journal); this in-process worker publishes them and marks them `published_at`. With REDIS_URL
 * set each row is also XADDed to the Redis Stream `pit:settlement` (at-least-once: a crash between
 * XADD and the mark republishes; consumers dedupe on (symbol, seq, n)).
 */
import type { Platform } from "../../platform/context.js";
import { PitRepository } from "./journalRepository.js";

export const SETTLEMENT_STREAM = "pit:settlement";

let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | null = null;

export async function drainOutboxOnce(platform: Platform, limit = 500): Promise<number> {
  const repo = new PitRepository(platform.db.kysely);
  const rows = await repo.pendingOutbox(limit);
  if (rows.length === 0) return 0;
  if (platform.redis) {
    const pipe = platform.redis.pipeline();
    for (const r of rows) pipe.xadd(SETTLEMENT_STREAM, "*", "symbol", r.symbol, "seq", String(r.seq), "n", String(r.n), "kind", r.kind, "payload", r.payload);
    const results = await pipe.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }
  await repo.markPublished(rows, platform.now());
  return rows.length;
}

export function startOutbox(platform: Platform, everyMs = 250): void {
  stopTimer();
  timer = setInterval(() => {
    if (running) return;
    running = drainOutboxOnce(platform)
      .then(() => undefined)
      .catch((error) => platform.logger.warn("pit outbox drain failed; will retry", { error: String(error) }))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
}

function stopTimer(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}

export async function stopOutbox(): Promise<void> {
  stopTimer();
  await running;
}

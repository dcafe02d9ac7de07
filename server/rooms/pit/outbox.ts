/**
 * The settlement outbox drainer: each batch writes one outbox row holding its settlement events
 * (same transaction as the journal); this in-process worker publishes them and marks the rows
 * `published_at`. With REDIS_URL set each EVENT is XADDed to the Redis Stream `pit:settlement`
 * (at-least-once: a crash between XADD and the mark republishes; consumers dedupe on
 * (symbol, seq, n)). Every tick drains until nothing is pending or DRAIN_BUDGET_MS has passed, so
 * it keeps up with the rooms whatever their rate.
 */
import type { Platform } from "../../platform/context.js";
import { outboxEvents, PitRepository } from "./journalRepository.js";

export const SETTLEMENT_STREAM = "pit:settlement";
/** Outbox rows (batches) read per step. */
const ROWS_PER_STEP = 50;
/** A tick's drain stops after this long (the rest waits for the next tick). */
const DRAIN_BUDGET_MS = 50;

let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | null = null;

/**
 * One step: up to `limit` pending rows published and marked. Returns the number of events
 * published to Redis; without Redis nothing is published (rows are only marked), and it returns
 * the number of rows marked.
 */
export async function drainOutboxOnce(platform: Platform, limit = ROWS_PER_STEP): Promise<number> {
  const repo = new PitRepository(platform.db.kysely);
  const rows = await repo.pendingOutbox(limit);
  if (rows.length === 0) return 0;
  let published = rows.length;
  if (platform.redis) {
    const events = outboxEvents(rows);
    published = events.length;
    const pipe = platform.redis.pipeline();
    for (const e of events) pipe.xadd(SETTLEMENT_STREAM, "*", "symbol", e.symbol, "seq", String(e.seq), "n", String(e.n), "kind", e.kind, "payload", e.payload);
    const results = await pipe.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }
  await repo.markPublished(rows, platform.now());
  return published;
}

/** Steps until nothing is pending or `budgetMs` has passed; returns what the steps returned, summed. */
export async function drainOutbox(platform: Platform, budgetMs = DRAIN_BUDGET_MS): Promise<number> {
  const until = performance.now() + budgetMs;
  let total = 0;
  for (;;) {
    const n = await drainOutboxOnce(platform);
    total += n;
    if (n === 0 || performance.now() >= until) return total;
  }
}

export function startOutbox(platform: Platform, everyMs = 250): void {
  stopTimer();
  timer = setInterval(() => {
    if (running) return;
    running = drainOutbox(platform)
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

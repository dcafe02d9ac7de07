/**
 * The plaza's analytics writer: rooms `record()` events into memory and return at once; a timer
 * writes them in one batched transaction every PLAZA_ANALYTICS_FLUSH_MS (or as soon as 500 are
 * waiting). Play never waits on the database and never reads it back. A failed write is retried at
 * the next flush; past MAX_BACKLOG waiting events the oldest are dropped (and counted in the log).
 * A process kill loses what was not yet written — the placement declaration says so.
 */
import type { Platform } from "../../platform/context.js";
import { PlazaAnalyticsRepository, type PlazaEvent } from "./analyticsRepository.js";

const BATCH_TRIGGER = 500;
const MAX_BACKLOG = 20_000;

export class AnalyticsWriter {
  private buffer: PlazaEvent[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private readonly repo: PlazaAnalyticsRepository;

  constructor(private readonly platform: Platform, private readonly everyMs: number) {
    this.repo = new PlazaAnalyticsRepository(platform.db.kysely);
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.everyMs);
    this.timer.unref();
  }

  record(event: PlazaEvent): void {
    this.buffer.push(event);
    if (this.buffer.length > MAX_BACKLOG) {
      this.dropped += this.buffer.length - MAX_BACKLOG;
      this.buffer.splice(0, this.buffer.length - MAX_BACKLOG);
    }
    if (this.buffer.length >= BATCH_TRIGGER && !this.running) void this.flush();
  }

  /** Writes what is waiting (one write at a time); resolves when that write is done. */
  flush(): Promise<void> {
    if (this.running) return this.running.then(() => (this.buffer.length ? this.flush() : undefined));
    if (this.buffer.length === 0) return Promise.resolve();
    const batch = this.buffer;
    this.buffer = [];
    this.running = this.repo
      .insert(batch)
      .catch((error) => {
        this.buffer = batch.concat(this.buffer); // retried at the next flush
        this.platform.logger.warn("plaza analytics write failed; will retry", { events: batch.length, error: String(error) });
      })
      .finally(() => {
        this.running = null;
        if (this.dropped > 0) {
          this.platform.logger.warn("plaza analytics backlog overflowed: events dropped", { dropped: this.dropped });
          this.dropped = 0;
        }
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

let writer: AnalyticsWriter | undefined;

export function startAnalytics(platform: Platform, everyMs: number): void {
  writer = new AnalyticsWriter(platform, everyMs);
  writer.start();
}

export async function stopAnalytics(): Promise<void> {
  const w = writer;
  writer = undefined;
  await w?.stop();
}

/** The process's writer (started with the kind); undefined before start or after stop. */
export function plazaAnalytics(): AnalyticsWriter | undefined {
  return writer;
}

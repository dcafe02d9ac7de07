/**
 * "N people looking at this product", counted through Colyseus presence so that the count spans
 * every process (RedisPresence when REDIS_URL is set; in-process otherwise).
 *
 * Each store room writes ONE field of the presence hash `store:viewers`: its own counts and the time
 * it wrote them, refreshed every second and at once on a change (then it publishes on
 * `store:viewers` so every room recounts now). A count is the sum over fields written in the last
 * few seconds: a room whose process was killed stops refreshing and drops out of the count by
 * itself, and the next recount deletes its field. No counter can leak.
 */
import type { Presence } from "@colyseus/core";

export const VIEWERS_KEY = "store:viewers";
export const VIEWERS_TOPIC = "store:viewers";
/** A field not refreshed for this long belongs to a dead room. */
export const STALE_MS = 4000;

interface Entry {
  at: number;
  counts: Record<string, number>;
}

export class ViewerBoard {
  constructor(
    private readonly presence: Presence,
    private readonly field: string,
    private readonly now: () => number,
  ) {}

  /** Writes this room's counts (field = the room's id). */
  async publish(counts: ReadonlyMap<string, number>): Promise<void> {
    const entry: Entry = { at: this.now(), counts: Object.fromEntries([...counts].filter(([, n]) => n > 0)) };
    await this.presence.hset(VIEWERS_KEY, this.field, JSON.stringify(entry));
  }

  /** Tells every store room (every process) to recount now. */
  notify(): void {
    this.presence.publish(VIEWERS_TOPIC, this.field);
  }

  /** Sums the live fields; deletes dead ones. */
  async count(): Promise<Record<string, number>> {
    const all = (await this.presence.hgetall(VIEWERS_KEY)) ?? {};
    const now = this.now();
    const total: Record<string, number> = {};
    for (const [field, raw] of Object.entries(all)) {
      let entry: Entry | undefined;
      try {
        entry = JSON.parse(raw) as Entry;
      } catch {
        entry = undefined;
      }
      if (!entry || typeof entry.at !== "number" || now - entry.at > STALE_MS) {
        await this.presence.hdel(VIEWERS_KEY, field);
        continue;
      }
      for (const [id, n] of Object.entries(entry.counts ?? {})) if (n > 0) total[id] = (total[id] ?? 0) + n;
    }
    return total;
  }

  async remove(): Promise<void> {
    await this.presence.hdel(VIEWERS_KEY, this.field);
  }
}

/** The counts to send: those that differ from what was sent (0 for products nobody looks at now). */
export function diffCounts(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(after)) if (before[id] !== n) out[id] = n;
  for (const id of Object.keys(before)) if (!(id in after)) out[id] = 0;
  return out;
}

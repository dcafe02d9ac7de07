/**
 * The plaza's analytics table (plaza_events): batched inserts, and the aggregates that
 * `GET /api/plaza/stats` serves. Nothing here is read by the room.
 */
import { sql, type Kysely } from "kysely";

export type PlazaEvent =
  | { kind: "join"; roomId: string; userId: string; at: number }
  | { kind: "leave"; roomId: string; userId: string; at: number; walkedPx: number; durationMs: number }
  | { kind: "conversation"; roomId: string; userId: string; at: number; channel: "chat" | "call"; size: number };

export interface PlazaStats {
  joins: number;
  leaves: number;
  visitors: number; // distinct users who joined
  walkedPx: number;
  avgVisitMs: number | null;
  conversations: { chat: number; call: number };
}

/** Rows per INSERT: 8 columns × 100 stays under SQLite's 999 bound parameters. */
const CHUNK = 100;

export class PlazaAnalyticsRepository {
  constructor(private readonly db: Kysely<any>) {}

  async insert(events: readonly PlazaEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < events.length; i += CHUNK) {
        await trx.insertInto("plaza_events").values(events.slice(i, i + CHUNK).map(row)).execute();
      }
    });
  }

  async stats(since = 0): Promise<PlazaStats> {
    const r = await this.db
      .selectFrom("plaza_events")
      .where("at", ">=", since)
      .select([
        sql<number>`count(case when kind = 'join' then 1 end)`.as("joins"),
        sql<number>`count(case when kind = 'leave' then 1 end)`.as("leaves"),
        sql<number>`count(distinct case when kind = 'join' then user_id end)`.as("visitors"),
        sql<number>`coalesce(sum(walked_px), 0)`.as("walked"),
        sql<number | null>`avg(duration_ms)`.as("avg_visit"),
        sql<number>`count(case when kind = 'conversation' and channel = 'chat' then 1 end)`.as("chat"),
        sql<number>`count(case when kind = 'conversation' and channel = 'call' then 1 end)`.as("call"),
      ])
      .executeTakeFirstOrThrow();
    const n = (v: unknown) => Number(v ?? 0);
    return {
      joins: n(r.joins),
      leaves: n(r.leaves),
      visitors: n(r.visitors),
      walkedPx: n(r.walked),
      avgVisitMs: r.avg_visit === null || r.avg_visit === undefined ? null : Math.round(Number(r.avg_visit)),
      conversations: { chat: n(r.chat), call: n(r.call) },
    };
  }
}

function row(e: PlazaEvent) {
  return {
    kind: e.kind,
    room_id: e.roomId,
    user_id: e.userId,
    at: e.at,
    walked_px: e.kind === "leave" ? Math.round(e.walkedPx) : null,
    duration_ms: e.kind === "leave" ? e.durationMs : null,
    channel: e.kind === "conversation" ? e.channel : null,
    size: e.kind === "conversation" ? e.size : null,
  };
}

/**
 * Finished matches and per-player stats (shooter_matches, shooter_match_players). Written once
 * per match, in one transaction; read by the HTTP routes. Accuracy = hits / shots, computed on read.
 */
import type { Kysely } from "kysely";

export interface MatchPlayerStats {
  userId: string;
  name: string;
  rank: number;
  kills: number;
  deaths: number;
  shots: number;
  hits: number;
  damage: number;
}

export interface MatchRecord {
  id: string;
  roomId: string;
  mode: string;
  map: string;
  round: number;
  reason: string;
  winnerId: string | null;
  startedAt: number;
  endedAt: number;
  players: MatchPlayerStats[];
}

export interface PlayerTotals {
  userId: string;
  matches: number;
  wins: number;
  kills: number;
  deaths: number;
  shots: number;
  hits: number;
  accuracy: number;
  recent: { matchId: string; map: string; mode: string; endedAt: number; rank: number; kills: number; deaths: number; accuracy: number }[];
}

export const accuracy = (hits: number, shots: number) => (shots === 0 ? 0 : Math.round((hits / shots) * 1000) / 1000);

export class MatchRepository {
  constructor(private readonly db: Kysely<any>) {}

  async save(m: MatchRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("shooter_matches").values({
        id: m.id, room_id: m.roomId, mode: m.mode, map: m.map, round: m.round, reason: m.reason,
        winner_id: m.winnerId, started_at: m.startedAt, ended_at: m.endedAt,
      }).execute();
      if (m.players.length > 0) {
        await trx.insertInto("shooter_match_players").values(m.players.map((p) => ({
          match_id: m.id, user_id: p.userId, name: p.name, rank: p.rank, kills: p.kills, deaths: p.deaths, shots: p.shots, hits: p.hits, damage: p.damage,
        }))).execute();
      }
    });
  }

  async match(id: string): Promise<MatchRecord | undefined> {
    const m = await this.db.selectFrom("shooter_matches").selectAll().where("id", "=", id).executeTakeFirst();
    if (!m) return undefined;
    const rows = await this.db.selectFrom("shooter_match_players").selectAll().where("match_id", "=", id).orderBy("rank").execute();
    return {
      id: m.id, roomId: m.room_id, mode: m.mode, map: m.map, round: Number(m.round), reason: m.reason, winnerId: m.winner_id ?? null,
      startedAt: Number(m.started_at), endedAt: Number(m.ended_at),
      players: rows.map((r) => ({ userId: r.user_id, name: r.name, rank: Number(r.rank), kills: Number(r.kills), deaths: Number(r.deaths), shots: Number(r.shots), hits: Number(r.hits), damage: Number(r.damage) })),
    };
  }

  async player(userId: string, recent = 20): Promise<PlayerTotals> {
    const rows = await this.db
      .selectFrom("shooter_match_players as p")
      .innerJoin("shooter_matches as m", "m.id", "p.match_id")
      .select(["p.match_id", "p.rank", "p.kills", "p.deaths", "p.shots", "p.hits", "m.map", "m.mode", "m.ended_at", "m.winner_id"])
      .where("p.user_id", "=", userId)
      .orderBy("m.ended_at", "desc")
      .execute();
    const t: PlayerTotals = { userId, matches: rows.length, wins: 0, kills: 0, deaths: 0, shots: 0, hits: 0, accuracy: 0, recent: [] };
    for (const r of rows) {
      if (r.winner_id === userId) t.wins++;
      t.kills += Number(r.kills);
      t.deaths += Number(r.deaths);
      t.shots += Number(r.shots);
      t.hits += Number(r.hits);
    }
    t.accuracy = accuracy(t.hits, t.shots);
    t.recent = rows.slice(0, recent).map((r) => ({
      matchId: r.match_id, map: r.map, mode: r.mode, endedAt: Number(r.ended_at), rank: Number(r.rank),
      kills: Number(r.kills), deaths: Number(r.deaths), accuracy: accuracy(Number(r.hits), Number(r.shots)),
    }));
    return t;
  }
}

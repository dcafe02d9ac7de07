/**
 * Chess persistence: games, moves (each stored before it is broadcast; the moves of all games that
 * arrive in one event-loop turn share one multi-row insert, see moveJournal), ratings (updated
 * with the game record in one transaction at game end) and the per-process heartbeat used to charge
 * clocks fairly after a crash. One query code for SQLite and PostgreSQL.
 */
import type { Kysely } from "kysely";
import { INITIAL_RATING, type Rating } from "../../../shared/chess/glicko2.js";

export interface GameRow {
  id: string;
  time_control: string;
  category: string;
  white_id: string;
  black_id: string;
  white_name: string;
  black_name: string;
  white_rating: number;
  black_rating: number;
  white_rating_diff: number | null;
  black_rating_diff: number | null;
  status: "playing" | "ended";
  result: string;
  termination: string;
  start_fen: string;
  private: number;
  host: string;
  recovery_epoch: number;
  created_at: number;
  ended_at: number | null;
  pgn: string | null;
}

export interface MoveRow {
  game_id: string;
  ply: number;
  san: string;
  uci: string;
  played_at: number;
  white_ms: number;
  black_ms: number;
}

export interface RatingRow extends Rating {
  user_id: string;
  category: string;
  games: number;
  wins: number;
  losses: number;
  draws: number;
  updated_at: number;
}

export type NewGame = Omit<GameRow, "white_rating_diff" | "black_rating_diff" | "result" | "termination" | "ended_at" | "pgn" | "recovery_epoch" | "status">;

export interface GameEnd {
  result: string;
  termination: string;
  endedAt: number;
  pgn: string;
  /** New ratings (rated games only). */
  ratings?: { white: Rating; black: Rating; whiteDiff: number; blackDiff: number; category: string };
}

export class GameRepository {
  constructor(private readonly db: Kysely<any>) {}

  async createGame(game: NewGame): Promise<void> {
    await this.db.insertInto("chess_games").values({ ...game, status: "playing", result: "", termination: "", recovery_epoch: 0 }).execute();
  }

  async appendMove(move: MoveRow): Promise<void> {
    await this.db.insertInto("chess_moves").values(move).execute();
  }

  /** Several moves (of any games) in one statement: all stored or none. */
  async appendMoves(moves: MoveRow[]): Promise<void> {
    await this.db.insertInto("chess_moves").values(moves).execute();
  }

  /** Game record and both ratings in one transaction; a game ends once (conditional update). */
  async finishGame(gameId: string, end: GameEnd, white: { id: string }, black: { id: string }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("chess_games")
        .set({
          status: "ended",
          result: end.result,
          termination: end.termination,
          ended_at: end.endedAt,
          pgn: end.pgn,
          white_rating_diff: end.ratings ? end.ratings.whiteDiff : null,
          black_rating_diff: end.ratings ? end.ratings.blackDiff : null,
        })
        .where("id", "=", gameId)
        .where("status", "=", "playing")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      if (end.ratings) {
        const score = end.result === "1-0" ? 1 : end.result === "0-1" ? 0 : 0.5;
        await upsertRating(trx, white.id, end.ratings.category, end.ratings.white, score, end.endedAt);
        await upsertRating(trx, black.id, end.ratings.category, end.ratings.black, 1 - score, end.endedAt);
      }
      return true;
    });
  }

  async rating(userId: string, category: string): Promise<Rating & { games: number }> {
    const row = (await this.db
      .selectFrom("chess_ratings")
      .select(["rating", "rd", "volatility", "games"])
      .where("user_id", "=", userId)
      .where("category", "=", category)
      .executeTakeFirst()) as (Rating & { games: number }) | undefined;
    return row ?? { ...INITIAL_RATING, games: 0 };
  }

  async game(gameId: string): Promise<GameRow | undefined> {
    return (await this.db.selectFrom("chess_games").selectAll().where("id", "=", gameId).executeTakeFirst()) as GameRow | undefined;
  }

  async moves(gameId: string): Promise<MoveRow[]> {
    return (await this.db.selectFrom("chess_moves").selectAll().where("game_id", "=", gameId).orderBy("ply").execute()) as MoveRow[];
  }

  /** Games being played now that were not private challenges, newest first (GET /api/chess/live). */
  async liveGames(limit: number): Promise<GameRow[]> {
    return (await this.db
      .selectFrom("chess_games")
      .selectAll()
      .where("status", "=", "playing")
      .where("private", "=", 0)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute()) as GameRow[];
  }

  async unfinishedGames(): Promise<GameRow[]> {
    return (await this.db.selectFrom("chess_games").selectAll().where("status", "=", "playing").orderBy("created_at").execute()) as GameRow[];
  }

  /** Take over an unfinished game for recovery: succeeds for exactly one process. */
  async claimForRecovery(gameId: string, epoch: number, host: string): Promise<boolean> {
    const r = await this.db
      .updateTable("chess_games")
      .set({ recovery_epoch: epoch + 1, host })
      .where("id", "=", gameId)
      .where("recovery_epoch", "=", epoch)
      .where("status", "=", "playing")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async heartbeat(host: string, now: number): Promise<void> {
    await this.db
      .insertInto("chess_heartbeats")
      .values({ host, seen_at: now })
      .onConflict((oc) => oc.column("host").doUpdateSet({ seen_at: now }))
      .execute();
  }

  async lastSeen(host: string): Promise<number | undefined> {
    const row = await this.db.selectFrom("chess_heartbeats").select("seen_at").where("host", "=", host).executeTakeFirst();
    return row ? Number(row.seen_at) : undefined;
  }

  async ratings(userId: string): Promise<RatingRow[]> {
    return (await this.db.selectFrom("chess_ratings").selectAll().where("user_id", "=", userId).orderBy("category").execute()) as RatingRow[];
  }

  async recentGames(userId: string, limit: number): Promise<GameRow[]> {
    return (await this.db
      .selectFrom("chess_games")
      .selectAll()
      .where((eb) => eb.or([eb("white_id", "=", userId), eb("black_id", "=", userId)]))
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute()) as GameRow[];
  }

  async leaderboard(category: string, limit: number, maxRd: number): Promise<Array<RatingRow & { name: string }>> {
    return (await this.db
      .selectFrom("chess_ratings")
      .innerJoin("users", "users.id", "chess_ratings.user_id")
      .select(["chess_ratings.user_id", "users.name", "rating", "rd", "volatility", "games", "wins", "losses", "draws", "category", "updated_at"])
      .where("category", "=", category)
      .where("rd", "<=", maxRd)
      .orderBy("rating", "desc")
      .limit(limit)
      .execute()) as Array<RatingRow & { name: string }>;
  }
}

async function upsertRating(trx: Kysely<any>, userId: string, category: string, r: Rating, score: number, now: number) {
  const win = score === 1 ? 1 : 0;
  const loss = score === 0 ? 1 : 0;
  const draw = score === 0.5 ? 1 : 0;
  await trx
    .insertInto("chess_ratings")
    .values({ user_id: userId, category, rating: r.rating, rd: r.rd, volatility: r.volatility, games: 1, wins: win, losses: loss, draws: draw, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["user_id", "category"]).doUpdateSet((eb) => ({
        rating: r.rating,
        rd: r.rd,
        volatility: r.volatility,
        games: eb("chess_ratings.games", "+", 1),
        wins: eb("chess_ratings.wins", "+", win),
        losses: eb("chess_ratings.losses", "+", loss),
        draws: eb("chess_ratings.draws", "+", draw),
        updated_at: now,
      })),
    )
    .execute();
}

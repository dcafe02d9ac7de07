/**
 * Chess HTTP routes (mounted at /api/chess): games as JSON and PGN, player profiles, the
 * leaderboard, the games being played (`/live`), and quick pairing by rating (`/seek`).
 */
import type { Router } from "express";
import { z } from "zod";
import { matchMaker } from "@colyseus/core";
import { TIME_CONTROLS, parseTimeControl, pickOpponent, toPgn, type GameResult, type Termination } from "../../../shared/chess/index.js";
import type { Platform } from "../../platform/context.js";
import { HttpError, parseWith, requireUser, route } from "../../platform/http.js";
import { queryInt } from "../../platform/validation.js";
import { TokenBuckets, rateLimit } from "../../platform/rateLimit.js";
import { GameRepository, type GameRow, type MoveRow } from "./gameRepository.js";

const GameId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a game id");
const CATEGORIES = ["ultraBullet", "bullet", "blitz", "rapid", "classical"] as const;

export function chessRoutes(router: Router, platform: Platform): void {
  const repo = new GameRepository(platform.db.kysely);

  router.get("/games/:gameId", route(async (req, res) => {
    const id = parseWith(GameId, req.params.gameId, "game id");
    const game = await repo.game(id);
    if (!game) throw new HttpError(404, "NOT_FOUND", `no game ${id}`);
    const moves = await repo.moves(id);
    res.json(gameJson(game, moves));
  }));

  router.get("/games/:gameId/pgn", route(async (req, res) => {
    const id = parseWith(GameId, req.params.gameId, "game id");
    const game = await repo.game(id);
    if (!game) throw new HttpError(404, "NOT_FOUND", `no game ${id}`);
    const pgn = game.status === "ended" && game.pgn ? game.pgn : ongoingPgn(game, await repo.moves(id));
    res.setHeader("Content-Type", "application/x-chess-pgn; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="statecraft-${id}.pgn"`);
    res.send(pgn);
  }));

  // opening a finished game reads and replays it and makes a room: 30 a minute per user, 10 at once
  const opens = new TokenBuckets({ capacity: 10, refillPerSecond: 0.5, now: platform.now });
  /**
   * Watch a game by id, whatever has become of its room: a game being played (or a room waiting
   * for its second player) answers its own room id; a finished game whose room has closed is
   * opened again, read-only, from the database (the final position, every move, the result:
   * lichess shows every past game). Then
   * `joinById(roomId, {spectate: true})`.
   */
  router.post("/games/:gameId/watch", requireUser(platform.tokens), rateLimit(opens, (req) => req.user!.id, "games opened to watch"), route(async (req, res) => {
    const id = parseWith(GameId, req.params.gameId, "game id");
    const game = await repo.game(id);
    if (!game) {
      // a room still waiting for its second player: no record yet, but it can be watched
      if ((await matchMaker.query({ name: "chess", roomId: id })).length > 0) return res.json({ roomId: id, live: true });
      throw new HttpError(404, "NOT_FOUND", `no game ${id}`);
    }
    if (game.status === "ended") await openFinishedGame(id);
    res.json({ roomId: id, live: game.status !== "ended" });
  }));

  router.get("/players/:userId", route(async (req, res) => {
    const userId = parseWith(z.string().min(1).max(64), req.params.userId, "user id");
    const user = await platform.users.find(userId);
    if (!user) throw new HttpError(404, "NOT_FOUND", `no player ${userId}`);
    const [ratings, recent] = await Promise.all([repo.ratings(userId), repo.recentGames(userId, 20)]);
    res.json({
      user,
      ratings: Object.fromEntries(ratings.map((r) => [r.category, {
        rating: Math.round(r.rating), rd: Math.round(r.rd), provisional: r.rd > 110, games: r.games, wins: r.wins, losses: r.losses, draws: r.draws,
      }])),
      recentGames: recent.map((g) => summary(g)),
    });
  }));

  router.get("/leaderboard", route(async (req, res) => {
    const q = parseWith(z.object({
      category: z.enum(CATEGORIES).default("blitz"),
      limit: queryInt(1, 200, 50),
    }).strict(), req.query, "query");
    const rows = await repo.leaderboard(q.category, q.limit, 500);
    res.json({
      category: q.category,
      items: rows.map((r, i) => ({ rank: i + 1, userId: r.user_id, name: r.name, rating: Math.round(r.rating), rd: Math.round(r.rd), provisional: r.rd > 110, games: r.games })),
    });
  }));

  /** Games being played now, for spectators (private challenges are never listed). */
  router.get("/live", route(async (req, res) => {
    const q = parseWith(z.object({ limit: queryInt(1, 100, 20) }).strict(), req.query, "query");
    const rows = await repo.liveGames(q.limit);
    res.json({
      items: rows.map((g) => ({
        gameId: g.id,
        timeControl: g.time_control,
        category: g.category,
        startedAt: Number(g.created_at), // ms since the epoch, like a summary's createdAt
        white: { userId: g.white_id, name: g.white_name, rating: g.white_rating },
        black: { userId: g.black_id, name: g.black_name, rating: g.black_rating },
      })),
    });
  }));

  /** Quick pairing by rating: the open room whose waiting player is closest in rating, or null. */
  router.get("/seek", requireUser(platform.tokens), route(async (req, res) => {
    // an unencoded "3+2" in a query string arrives as "3 2" ("+" means a space there): take it as meant
    const timeControl = z.string().transform((v) => v.replace(/^(\d+) (\d+)$/, "$1+$2")).pipe(z.enum(TIME_CONTROLS));
    const q = parseWith(z.object({ timeControl }).strict(), req.query, "query");
    const tc = parseTimeControl(q.timeControl);
    if (!tc.ok) throw new HttpError(400, tc.error.code, tc.error.message);
    const me = await repo.rating(req.user!.id, tc.value.category);
    const rooms = await matchMaker.query({ name: "chess", private: false, locked: false });
    const open = rooms.filter((r) => r.metadata?.timeControl === q.timeControl && r.clients > 0);
    const now = platform.now();
    const best = pickOpponent(
      { userId: req.user!.id, rating: me.rating, waitingSinceMs: now },
      open.map((r) => ({ userId: r.roomId, rating: Number(r.metadata?.rating ?? 1500), waitingSinceMs: Number(r.metadata?.waitingSince ?? now) })),
      now,
    );
    res.json({ roomId: best?.userId ?? null, rating: Math.round(me.rating), open: open.length });
  }));
}

const opening = new Map<string, Promise<void>>();

/** Makes sure a finished game has a (read-only) room in this deployment; concurrent calls share one. */
function openFinishedGame(gameId: string): Promise<void> {
  let pending = opening.get(gameId);
  if (!pending) {
    pending = (async () => {
      if ((await matchMaker.query({ name: "chess", roomId: gameId })).length > 0) return; // still open (players, or watchers)
      await matchMaker.createRoom("chess", { __finished: gameId });
    })().finally(() => opening.delete(gameId));
    opening.set(gameId, pending);
  }
  return pending;
}

function summary(g: GameRow) {
  return {
    gameId: g.id,
    timeControl: g.time_control,
    category: g.category,
    status: g.status,
    result: g.result,
    termination: g.termination,
    white: { userId: g.white_id, name: g.white_name, rating: g.white_rating, ratingDiff: g.white_rating_diff },
    black: { userId: g.black_id, name: g.black_name, rating: g.black_rating, ratingDiff: g.black_rating_diff },
    createdAt: Number(g.created_at),
    endedAt: g.ended_at === null ? null : Number(g.ended_at),
  };
}

function gameJson(g: GameRow, moves: MoveRow[]) {
  return {
    ...summary(g),
    startFen: g.start_fen,
    moves: moves.map((m) => m.san),
    uci: moves.map((m) => m.uci),
    clocks: moves.map((m) => ({ whiteMs: Number(m.white_ms), blackMs: Number(m.black_ms), at: Number(m.played_at) })),
    live: g.status === "playing",
    roomId: g.id, // a game's room has the game's id: joinById(gameId) to play or watch
  };
}

function ongoingPgn(g: GameRow, moves: MoveRow[]): string {
  const tc = parseTimeControl(g.time_control);
  return toPgn({
    event: `Statecraft ${g.category} game`,
    site: "Statecraft",
    date: Number(g.created_at),
    white: g.white_name,
    black: g.black_name,
    whiteElo: g.white_rating,
    blackElo: g.black_rating,
    result: (g.result || "") as GameResult,
    termination: (g.termination || "") as Termination | "",
    ...(tc.ok ? { timeControl: tc.value } : {}),
    startFen: g.start_fen,
    moves: moves.map((m) => m.san),
    clocks: moves.map((m, i) => Number(i % 2 === 0 ? m.white_ms : m.black_ms)),
  });
}

/** Chess repositories on SQLite and PostgreSQL. */
import assert from "node:assert/strict";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { UserRepository } from "../../server/platform/db/users.js";
import { chessMigrations } from "../../server/rooms/chess/migrations.js";
import { GameRepository } from "../../server/rooms/chess/gameRepository.js";
import { moveJournal } from "../../server/rooms/chess/moveJournal.js";
import { INITIAL_RATING } from "../../shared/chess/index.js";
import { describeEachDialect } from "../helpers/databases.js";

describeEachDialect("chess storage", (db) => {
  let repo: GameRepository;
  let white: { id: string };
  let black: { id: string };
  before(async () => {
    await migrate(db(), [platformMigrations, chessMigrations]);
    repo = new GameRepository(db().kysely);
    const users = new UserRepository(db().kysely);
    white = await users.createGuest("White", 1);
    black = await users.createGuest("Black", 1);
  });

  const newGame = (id: string) => ({
    id, time_control: "3+2", category: "blitz", white_id: white.id, black_id: black.id, white_name: "White", black_name: "Black",
    white_rating: 1500, black_rating: 1500, start_fen: "startpos", private: 0, host: "h1", created_at: 1000,
  });

  it("stores a game and its moves in ply order; a ply is stored once", async () => {
    await repo.createGame(newGame("g1"));
    await repo.appendMove({ game_id: "g1", ply: 0, san: "e4", uci: "e2e4", played_at: 1100, white_ms: 180000, black_ms: 180000 });
    await repo.appendMove({ game_id: "g1", ply: 1, san: "e5", uci: "e7e5", played_at: 1200, white_ms: 180000, black_ms: 180000 });
    await assert.rejects(repo.appendMove({ game_id: "g1", ply: 1, san: "c5", uci: "c7c5", played_at: 1300, white_ms: 1, black_ms: 1 }));
    const moves = await repo.moves("g1");
    assert.deepEqual(moves.map((m) => [m.ply, m.san, m.played_at]), [[0, "e4", 1100], [1, "e5", 1200]]);
    assert.deepEqual((await repo.unfinishedGames()).map((g) => g.id), ["g1"]);
  });

  it("ends a game once, with both ratings in the same transaction", async () => {
    const end = {
      result: "1-0", termination: "resignation", endedAt: 2000, pgn: "[Event \"x\"]\n\n1-0\n",
      ratings: { white: { rating: 1700, rd: 300, volatility: 0.09 }, black: { rating: 1300, rd: 300, volatility: 0.09 }, whiteDiff: 200, blackDiff: -200, category: "blitz" },
    };
    assert.equal(await repo.finishGame("g1", end, white, black), true);
    assert.equal(await repo.finishGame("g1", end, white, black), false, "a second end changes nothing");
    const g = await repo.game("g1");
    assert.equal(g?.status, "ended");
    assert.equal(g?.white_rating_diff, 200);
    const w = await repo.rating(white.id, "blitz");
    assert.equal(w.rating, 1700);
    assert.equal(w.games, 1, "counted once");
    assert.deepEqual(await repo.rating(white.id, "bullet"), { ...INITIAL_RATING, games: 0 });
    const board = await repo.leaderboard("blitz", 10, 500);
    assert.deepEqual(board.map((r) => r.name), ["White", "Black"]);
    assert.equal((await repo.recentGames(black.id, 5))[0]?.id, "g1");
  });

  it("rolls the game record back when a rating write fails", async () => {
    await repo.createGame(newGame("g2"));
    const bad = {
      result: "0-1", termination: "checkmate", endedAt: 3000, pgn: "",
      ratings: { white: { rating: 1600, rd: 200, volatility: 0.09 }, black: { rating: null as unknown as number, rd: 200, volatility: 0.09 }, whiteDiff: 0, blackDiff: 0, category: "blitz" },
    };
    await assert.rejects(repo.finishGame("g2", bad, white, black));
    assert.equal((await repo.game("g2"))?.status, "playing", "nothing half-applied");
    assert.equal((await repo.rating(white.id, "blitz")).rating, 1700, "white's rating untouched");
  });

  it("lets exactly one process claim a game for recovery", async () => {
    const g = (await repo.game("g2"))!;
    const claims = await Promise.all([repo.claimForRecovery("g2", g.recovery_epoch, "p1"), repo.claimForRecovery("g2", g.recovery_epoch, "p2")]);
    assert.deepEqual(claims.filter(Boolean).length, 1);
    assert.ok(["p1", "p2"].includes((await repo.game("g2"))!.host));
  });

  it("keeps one heartbeat per host", async () => {
    await repo.heartbeat("h9", 10);
    await repo.heartbeat("h9", 20);
    assert.equal(await repo.lastSeen("h9"), 20);
    assert.equal(await repo.lastSeen("nobody"), undefined);
  });

  it("group-commits the moves of several games in one turn; a bad row fails only its own caller", async () => {
    const journal = moveJournal(db());
    await repo.createGame(newGame("gc1"));
    await repo.createGame(newGame("gc2"));
    const row = (game_id: string, ply: number, san: string) => ({ game_id, ply, san, uci: san, played_at: 5000 + ply, white_ms: 1, black_ms: 1 });
    // all added in the same turn: one batch, and the duplicate ply (gc1, 0) must not sink the others
    const results = await Promise.allSettled([
      journal.add(row("gc1", 0, "d4")),
      journal.add(row("gc2", 0, "c4")),
      journal.add(row("gc1", 0, "e4")),
      journal.add(row("gc2", 1, "e5")),
    ]);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    assert.deepEqual((await repo.moves("gc1")).map((m) => m.san), ["d4"]);
    assert.deepEqual((await repo.moves("gc2")).map((m) => m.san), ["c4", "e5"]);
  });
});

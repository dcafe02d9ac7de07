/** Shooter match storage on SQLite and PostgreSQL: one transaction per match, totals per player. */
import assert from "node:assert/strict";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { shooterMigrations } from "../../server/rooms/shooter/migrations.js";
import { MatchRepository, type MatchRecord } from "../../server/rooms/shooter/matchRepository.js";
import { describeEachDialect } from "../helpers/databases.js";

const match = (id: string, endedAt: number, winnerId: string | null, players: [string, number, number, number, number][]): MatchRecord => ({
  id, roomId: "r1", mode: "authoritative", map: "warehouse", round: 1, reason: "score", winnerId, startedAt: endedAt - 60_000, endedAt,
  players: players.map(([userId, kills, deaths, shots, hits], i) => ({ userId, name: userId.toUpperCase(), rank: i + 1, kills, deaths, shots, hits, damage: hits * 10 })),
});

describeEachDialect("shooter storage", (db) => {
  let repo: MatchRepository;
  before(async () => {
    await migrate(db(), [platformMigrations, shooterMigrations]);
    repo = new MatchRepository(db().kysely);
  });

  it("stores a match with its players and reads it back", async () => {
    await repo.save(match("m1", 1_000_000, "ann", [["ann", 5, 1, 40, 20], ["bob", 1, 5, 30, 6]]));
    const m = await repo.match("m1");
    assert.equal(m?.winnerId, "ann");
    assert.deepEqual(m?.players.map((p) => [p.userId, p.rank, p.kills, p.deaths, p.shots, p.hits]), [["ann", 1, 5, 1, 40, 20], ["bob", 2, 1, 5, 30, 6]]);
    assert.equal(await repo.match("nope"), undefined);
  });

  it("sums a player's matches, newest first, with accuracy", async () => {
    await repo.save(match("m2", 2_000_000, "bob", [["bob", 3, 0, 10, 5], ["ann", 0, 3, 10, 0]]));
    const ann = await repo.player("ann");
    assert.deepEqual([ann.matches, ann.wins, ann.kills, ann.deaths, ann.shots, ann.hits, ann.accuracy], [2, 1, 5, 4, 50, 20, 0.4]);
    assert.deepEqual(ann.recent.map((r) => r.matchId), ["m2", "m1"]);
    assert.deepEqual(await repo.player("nobody").then((p) => p.matches), 0);
  });

  it("writes nothing of a match whose insert fails (one transaction)", async () => {
    const dup = match("m3", 3_000_000, null, [["cat", 0, 0, 0, 0], ["cat", 1, 1, 1, 1]]); // duplicate player row
    await assert.rejects(repo.save(dup));
    assert.equal(await repo.match("m3"), undefined);
  });
});

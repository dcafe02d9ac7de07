/** Chess matchmaking: quick pairing by time control, seek by rating, rematch with colours swapped. */
import assert from "node:assert/strict";
import type { StartedApp } from "../../server/app.js";
import { GameRepository } from "../../server/rooms/chess/gameRepository.js";
import { sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { resignAndRematch, seatPair } from "../helpers/chessPlayers.js";

describe("chess matchmaking", function () {
  this.timeout(20_000);
  let app: StartedApp;
  before(async () => {
    app = await testServer();
  });

  it("quick pairing puts players of the same time control together, not of another", async () => {
    const a = await sdkClient(app.url, "Qa");
    const b = await sdkClient(app.url, "Qb");
    const c = await sdkClient(app.url, "Qc");
    const ra = await a.client.joinOrCreate("chess", { timeControl: "15+10" });
    const rc = await c.client.joinOrCreate("chess", { timeControl: "1+0" });
    const rb = await b.client.joinOrCreate("chess", { timeControl: "15+10" });
    try {
      assert.equal(rb.roomId, ra.roomId);
      assert.notEqual(rc.roomId, ra.roomId);
      await waitFor(() => ra.state.status === "playing", 5000, "paired game starts");
      assert.equal(rc.state.status, "waiting");
      const colors = [...ra.state.players.values()].map((p: { color: string }) => p.color).sort();
      assert.deepEqual(colors, ["black", "white"]);
    } finally {
      await Promise.all([ra.leave(), rb.leave(), rc.leave()]);
    }
  });

  it("a waiting game its player aborted leaves quick pairing and the seek: the next player gets a game", async () => {
    const a = await sdkClient(app.url, "Ab");
    const b = await sdkClient(app.url, "Bb");
    const aborted = await a.client.joinOrCreate<any>("chess", { timeControl: "10+0" });
    let next: Awaited<ReturnType<typeof b.client.joinOrCreate<any>>> | undefined;
    try {
      aborted.send("abort");
      await waitFor(() => aborted.state.status === "ended", 5000, "aborted");
      const seek = (await (await fetch(`${app.url}/api/chess/seek?timeControl=10%2B0`, { headers: { authorization: `Bearer ${b.guest.token}` } })).json()) as { roomId: string | null };
      assert.notEqual(seek.roomId, aborted.roomId, "the seek does not offer the aborted room");
      next = await b.client.joinOrCreate<any>("chess", { timeControl: "10+0" });
      assert.notEqual(next.roomId, aborted.roomId);
      await waitFor(() => next!.state.status === "waiting", 5000, "a fresh waiting game");
    } finally {
      await Promise.all([aborted.leave(), next?.leave()]);
    }
  });

  it("quick pairing without a time control means the default (5+3), not any waiting game", async () => {
    const a = await sdkClient(app.url, "Da");
    const b = await sdkClient(app.url, "Db");
    const c = await sdkClient(app.url, "Dc");
    const bullet = await a.client.joinOrCreate("chess", { timeControl: "1+0" });
    const plain = await b.client.joinOrCreate("chess"); // no options at all
    const spelled = await c.client.joinOrCreate("chess", { timeControl: "5+3" });
    try {
      assert.notEqual(plain.roomId, bullet.roomId, "not paired into a 1+0 game");
      assert.equal(plain.state.timeControl, "5+3");
      assert.equal(spelled.roomId, plain.roomId, "the default spelled out finds the same pool");
    } finally {
      await Promise.all([bullet.leave(), plain.leave(), spelled.leave()]);
    }
  });

  it("a {private: true} joinOrCreate makes a challenge room, never joins a public seek", async () => {
    const a = await sdkClient(app.url, "Pa");
    const b = await sdkClient(app.url, "Pb");
    const c = await sdkClient(app.url, "Pc");
    const seek = await a.client.joinOrCreate("chess", { timeControl: "10+0" });
    const challenge = await b.client.joinOrCreate("chess", { timeControl: "10+0", private: true });
    const quick = await c.client.joinOrCreate("chess", { timeControl: "10+0", private: false });
    try {
      assert.notEqual(challenge.roomId, seek.roomId, "a challenge is a room of its own");
      assert.equal(quick.roomId, seek.roomId, "private: false spelled out still finds the public seek");
      await waitFor(() => seek.state.status === "playing", 5000, "the public pair starts");
      assert.equal(challenge.state.status, "waiting", "the challenge waits for whoever has its id");
    } finally {
      await Promise.all([seek.leave(), challenge.leave(), quick.leave()]);
    }
  });

  it("seek prefers the waiting player closest in rating", async () => {
    const repo = new GameRepository(app.platform.db.kysely);
    const rate = async (userId: string, rating: number) => {
      await app.platform.db.kysely.insertInto("chess_ratings").values({
        user_id: userId, category: "rapid", rating, rd: 80, volatility: 0.06, games: 30, wins: 15, losses: 15, draws: 0, updated_at: 1,
      }).execute();
    };
    const far = await sdkClient(app.url, "Far");
    const near = await sdkClient(app.url, "Near");
    const me = await sdkClient(app.url, "Seeker");
    await rate(far.guest.user.id, 1900);
    await rate(near.guest.user.id, 1540);
    await rate(me.guest.user.id, 1500);
    assert.equal((await repo.rating(me.guest.user.id, "rapid")).rating, 1500);
    const rFar = await far.client.create("chess", { timeControl: "10+0" });
    const rNear = await near.client.create("chess", { timeControl: "10+0" });
    try {
      const res = await fetch(`${app.url}/api/chess/seek?timeControl=10%2B0`, { headers: { authorization: `Bearer ${me.guest.token}` } });
      const body = await res.json();
      assert.equal(res.status, 200);
      assert.equal(body.roomId, rNear.roomId);
      assert.equal(body.rating, 1500);
      const literal = await fetch(`${app.url}/api/chess/seek?timeControl=10+0`, { headers: { authorization: `Bearer ${me.guest.token}` } });
      assert.equal((await literal.json()).roomId, rNear.roomId, "an unencoded '+' (a space in a query) is read as meant");
      const unauth = await fetch(`${app.url}/api/chess/seek?timeControl=10%2B0`);
      assert.equal(unauth.status, 401);
      const bad = await fetch(`${app.url}/api/chess/seek?timeControl=2%2B1`, { headers: { authorization: `Bearer ${me.guest.token}` } });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).code, "VALIDATION_FAILED");
    } finally {
      await Promise.all([rFar.leave(), rNear.leave()]);
    }
  });

  it("starts a rematch with colours swapped when both ask", async () => {
    const pair = await seatPair(app.url);
    try {
      const whiteUser = pair.white.state.players.get(pair.white.sessionId).userId;
      const { lastWhite: a2, lastBlack: b2 } = await resignAndRematch(app.url, pair);
      try {
        await waitFor(() => a2.state.status === "playing", 5000, "rematch starts");
        const mine = a2.state.players.get(a2.sessionId);
        assert.equal(mine.userId, whiteUser);
        assert.equal(mine.color, "black", "last game's white plays black");
      } finally {
        await Promise.all([a2.leave(), b2.leave()]);
      }
    } finally {
      await pair.leave();
    }
  });

  it("a rematch offer can be withdrawn by its sender and declined by the opponent", async () => {
    const pair = await seatPair(app.url);
    try {
      const refused = (room: typeof pair.white, type: string) =>
        new Promise<string>((resolve) => {
          const off = room.onMessage("error", (e: { code: string }) => (off(), resolve(e.code)));
          room.send(type);
        });
      assert.equal(await refused(pair.white, "declineRematch"), "NO_REMATCH_OFFER", "nothing to decline during the game");
      pair.white.send("resign");
      await waitFor(() => pair.black.state.status === "ended", 5000, "ended");
      pair.white.send("rematch");
      await waitFor(() => pair.black.state.rematchOfferBy === "white", 5000, "offer seen");
      pair.white.send("declineRematch"); // withdrawn
      await waitFor(() => pair.black.state.rematchOfferBy === "", 5000, "withdrawn");
      pair.black.send("rematch");
      await waitFor(() => pair.white.state.rematchOfferBy === "black", 5000, "offer seen");
      pair.white.send("declineRematch"); // declined
      await waitFor(() => pair.black.state.rematchOfferBy === "", 5000, "declined");
      assert.equal(await refused(pair.black, "declineRematch"), "NO_REMATCH_OFFER");
      pair.black.send("rematch"); // a new offer is a fresh vote: one side alone starts nothing
      await waitFor(() => pair.white.state.rematchOfferBy === "black", 5000, "offer again");
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(pair.white.state.nextGameId, "", "the declined vote did not count");
    } finally {
      await pair.leave();
    }
  });

  it("answers unknown games with 404 and bad ids with 400", async () => {
    const missing = await fetch(`${app.url}/api/chess/games/nope123`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).code, "NOT_FOUND");
    const bad = await fetch(`${app.url}/api/chess/games/${encodeURIComponent("../etc")}`);
    assert.equal(bad.status, 400);
    const board = await fetch(`${app.url}/api/chess/leaderboard?category=blitz&limit=5`);
    assert.equal(board.status, 200);
    assert.ok(Array.isArray((await board.json()).items));
    assert.equal((await fetch(`${app.url}/api/chess/leaderboard?category[]=blitz`)).status, 400, "an unknown parameter is refused, not ignored");
    const badBoard = await fetch(`${app.url}/api/chess/leaderboard?limit=0`);
    assert.equal(badBoard.status, 400);
  });
});

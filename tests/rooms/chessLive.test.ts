/** GET /api/chess/live: the games being played, for spectators; private challenges never listed. */
import assert from "node:assert/strict";
import type { StartedApp } from "../../server/app.js";
import { sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { resignAndRematch, seatPair, type Pair } from "../helpers/chessPlayers.js";

interface LiveGame {
  gameId: string;
  timeControl: string;
  category: string;
  startedAt: number;
  white: { userId: string; name: string; rating: number };
  black: { userId: string; name: string; rating: number };
}

describe("chess live games (GET /api/chess/live)", function () {
  this.timeout(30_000);
  let app: StartedApp;
  const pairs: Pair[] = [];
  before(async () => {
    app = await testServer();
  });
  after(async () => {
    for (const p of pairs) await p.leave();
  });

  const live = async (query = ""): Promise<LiveGame[]> => {
    const res = await fetch(`${app.url}/api/chess/live${query}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { items: LiveGame[] }).items;
  };

  it("lists a public game while it is played, with both players, and drops it when it ends", async () => {
    const pair = await seatPair(app.url, "10+0", { private: false });
    pairs.push(pair);
    const listed = (await live("?limit=100")).find((g) => g.gameId === pair.gameId);
    assert.ok(listed, "the game is listed");
    assert.equal(listed.timeControl, "10+0");
    assert.equal(listed.category, "rapid");
    assert.deepEqual([listed.white.name, listed.black.name].sort(), ["Ann", "Ben"]);
    assert.equal(listed.white.userId, pair.white.state.players.get(pair.white.sessionId).userId);
    assert.ok(Math.abs(listed.startedAt - Date.now()) < 60_000);

    // a spectator can watch it by the listed id
    const watcher = await sdkClient(app.url, "Wes");
    const spectator = await watcher.client.joinById(listed.gameId, { spectate: true });
    await waitFor(() => pair.white.state.spectators === 1, 5000, "spectator counted");
    await spectator.leave();

    pair.white.send("resign");
    await waitFor(() => pair.black.state.status === "ended", 5000, "resigned");
    await waitFor(async () => !(await live("?limit=100")).some((g) => g.gameId === pair.gameId), 5000, "unlisted at the end");
  });

  it("never lists a private challenge, nor the rematch of one", async () => {
    const pair = await seatPair(app.url, "5+3"); // {private: true}
    pairs.push(pair);
    assert.ok(!(await live("?limit=100")).some((g) => g.gameId === pair.gameId));
    const { next, lastWhite: a, lastBlack: b } = await resignAndRematch(app.url, pair);
    try {
      await waitFor(() => a.state.status === "playing", 5000, "rematch started");
      assert.ok(!(await live("?limit=100")).some((g) => g.gameId === next), "the rematch of a challenge is not listed");
    } finally {
      await Promise.all([a.leave(), b.leave()]);
    }
  });

  it("lists newest first, honours limit, and refuses a bad limit with VALIDATION_FAILED", async () => {
    const first = await seatPair(app.url, "3+2", { private: false });
    pairs.push(first);
    await new Promise((r) => setTimeout(r, 5)); // distinct start times
    const second = await seatPair(app.url, "3+2", { private: false });
    pairs.push(second);
    const items = await live("?limit=2");
    assert.deepEqual(items.map((g) => g.gameId), [second.gameId, first.gameId]);
    for (const bad of ["0", "101", "x"]) {
      const res = await fetch(`${app.url}/api/chess/live?limit=${bad}`);
      assert.equal(res.status, 400, `limit=${bad}`);
      assert.equal(((await res.json()) as { code: string }).code, "VALIDATION_FAILED");
    }
  });
});

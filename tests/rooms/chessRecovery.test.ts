/**
 * Kill-and-recover: a server process is SIGKILLed mid-game; a restarted process on the same data
 * rebuilds the game from its stored moves, and both players rejoin it by game id and play on.
 */
import assert from "node:assert/strict";
import { Client } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { signIn, waitFor } from "../helpers/testServer.js";

describe("chess: kill the server mid-game and recover", function () {
  this.timeout(90_000);
  let proc: ServerProcess | undefined;
  after(async () => {
    await proc?.stop();
  });

  it("rebuilds position, moves and clocks; players rejoin by game id", async () => {
    proc = await startServerProcess();
    const dataDir = proc.dataDir;
    const ann = await signIn(proc.url, "Ann");
    const ben = await signIn(proc.url, "Ben");
    const ca = new Client(proc.url);
    ca.auth.token = ann.token;
    const cb = new Client(proc.url);
    cb.auth.token = ben.token;
    const ra = await ca.create("chess", { timeControl: "10+0", private: true });
    const rb = await cb.joinById(ra.roomId);
    for (const r of [ra, rb]) r.reconnection.enabled = false;
    await waitFor(() => ra.state.status === "playing", 5000, "start");
    const gameId = ra.state.gameId;
    const white = ra.state.players.get(ra.sessionId).color === "white" ? ra : rb;
    const black = white === ra ? rb : ra;
    const moves = ["e4", "c5", "Nf3", "d6", "d4"];
    for (const [i, san] of moves.entries()) {
      (i % 2 === 0 ? white : black).send("move", { san, ply: i });
      await waitFor(() => ra.state.moves.length === i + 1 && rb.state.moves.length === i + 1, 5000, san);
    }
    const before = { fen: ra.state.fen, whiteMs: ra.state.whiteMs, blackMs: ra.state.blackMs, running: ra.state.clockRunning };
    assert.equal(before.running, "black");

    await proc.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    proc = await startServerProcess({ dataDir });

    const stored = await (await fetch(`${proc.url}/api/chess/games/${gameId}`)).json();
    assert.equal(stored.status, "playing");
    assert.deepEqual(stored.moves, moves);

    const whiteToken = white === ra ? ann.token : ben.token;
    const blackToken = white === ra ? ben.token : ann.token;
    const cw = new Client(proc.url);
    cw.auth.token = whiteToken;
    const cbk = new Client(proc.url);
    cbk.auth.token = blackToken;
    const w2 = await cw.joinById(gameId);
    await waitFor(() => w2.state.moves?.length === 5, 5000, "white sees the rebuilt game");
    assert.equal(w2.state.clockRunning, "", "black's clock is frozen until black is back");
    const frozenBlackMs = w2.state.blackMs;
    await new Promise((r) => setTimeout(r, 600));
    const b2 = await cbk.joinById(gameId);
    try {
      await waitFor(() => b2.state.moves?.length === 5 && b2.state.players.get(b2.sessionId)?.color === "black", 5000, "rebuilt");
      assert.equal(b2.state.fen, before.fen);
      assert.equal(w2.state.players.get(w2.sessionId).color, "white");
      assert.equal(b2.state.clockRunning, "black");
      // the running side was charged at most until the dead process's last heartbeat
      assert.ok(before.blackMs - frozenBlackMs < 3000, `black lost ${before.blackMs - frozenBlackMs} ms to the restart`);
      assert.ok(frozenBlackMs - b2.state.blackMs < 500, "nothing charged while frozen");
      assert.equal(b2.state.whiteMs, before.whiteMs);
      b2.send("move", { san: "cxd4", ply: 5 });
      await waitFor(() => w2.state.moves.length === 6, 5000, "play on");
      const after = await (await fetch(`${proc.url}/api/chess/games/${gameId}`)).json();
      assert.deepEqual(after.moves, [...moves, "cxd4"]);
    } finally {
      await w2.leave();
      await b2.leave();
    }
  });
});

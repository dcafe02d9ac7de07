/** Chess timers: flag fall with nobody sending anything; disconnect, return, and claiming a win. */
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import type { StartedApp } from "../../server/app.js";
import { ChessRoom } from "../../server/rooms/chess/ChessRoom.js";
import { sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { play, seatPair, type Pair } from "../helpers/chessPlayers.js";

/** White-box: shorten the running side's remaining time in the live room, then re-arm its flag timer. */
function setRemaining(gameId: string, color: "white" | "black", ms: number): void {
  const room = matchMaker.getLocalRoomById(gameId) as any;
  const clock = room.game.clock;
  room.game.clock = { ...clock, [color === "white" ? "whiteMs" : "blackMs"]: ms, lastSwitchAt: Date.now() };
  room.scheduleFlag();
}

describe("chess room timers", function () {
  this.timeout(20_000);
  let app: StartedApp;
  let pair: Pair | undefined;
  const saved = ChessRoom.reconnectSeconds;
  before(async () => {
    app = await testServer();
    ChessRoom.reconnectSeconds = 1;
  });
  after(() => {
    ChessRoom.reconnectSeconds = saved;
  });
  afterEach(async () => {
    await pair?.leave();
    pair = undefined;
  });

  it("ends the game on time when the flag falls, without any message", async () => {
    pair = await seatPair(app.url, "1+0");
    await play(pair, "white", "e4");
    await play(pair, "black", "e5"); // both have moved: white's clock runs
    assert.equal(pair.white.state.clockRunning, "white");
    setRemaining(pair.gameId, "white", 300);
    await waitFor(() => pair!.black.state.status === "ended", 5000, "flag");
    assert.equal(pair.black.state.result, "0-1");
    assert.equal(pair.black.state.termination, "timeout");
    const stored = await (await fetch(`${app.url}/api/chess/games/${pair.gameId}`)).json();
    assert.equal(stored.termination, "timeout");
  });

  it("a flag check armed for an earlier deadline re-arms for the side now running when it fires", async () => {
    pair = await seatPair(app.url, "1+0");
    await play(pair, "white", "e4");
    await play(pair, "black", "e5");
    setRemaining(pair.gameId, "white", 500); // a check is armed for white's flag in 500 ms
    await play(pair, "white", "Nf3"); // black's clock runs now (about a minute): that check is kept
    const room = matchMaker.getLocalRoomById(pair.gameId) as any;
    // black's time shrinks behind the room's back (no re-arm): only the early check can catch it
    room.game.clock = { ...room.game.clock, blackMs: 900, lastSwitchAt: Date.now() };
    await waitFor(() => pair!.white.state.status === "ended", 5000, "black's flag");
    assert.equal(pair.white.state.result, "1-0");
    assert.equal(pair.white.state.termination, "timeout");
  });

  it("refreshes the clock sample a second after a join while a clock runs (a late-read join state is not the last word)", async () => {
    pair = await seatPair(app.url);
    await play(pair, "white", "e4");
    await play(pair, "black", "e5"); // white's clock runs
    const watcher = await sdkClient(app.url, "Wes");
    const spectator = await watcher.client.joinById<any>(pair.gameId, { spectate: true });
    try {
      await waitFor(() => spectator.state.clockRunning === "white", 5000, "join state");
      const joinedWith = spectator.state.clockSyncedAt;
      const joinedAt = Date.now();
      await waitFor(() => spectator.state.clockSyncedAt > joinedWith, 3000, "a fresh clock sample");
      const after = Date.now() - joinedAt;
      assert.ok(after >= 700 && after <= 2000, `fresh sample ${after} ms after the join state`);
      assert.equal(pair.white.state.clockSyncedAt, spectator.state.clockSyncedAt, "the players get it too");
      assert.equal(spectator.state.clockRunning, "white");
      assert.deepEqual([...spectator.state.moves], ["e4", "e5"], "nothing else changed");
    } finally {
      await spectator.leave();
    }
  });

  it("shows the opponent's disconnection, and the game continues when the player returns", async () => {
    pair = await seatPair(app.url);
    await play(pair, "white", "e4");
    const info = console.info;
    console.info = () => {};
    try {
      const back = new Promise<void>((resolve) => pair!.black.onReconnect(() => resolve()));
      (pair.black as any).connection.transport.ws.terminate();
      const blackKey = pair.black.sessionId;
      await waitFor(() => pair!.white.state.players.get(blackKey)?.connected === false, 5000, "disconnect seen");
      assert.ok(pair.white.state.players.get(blackKey).reconnectDeadline > Date.now() - 1000);
      await back;
      await waitFor(() => pair!.white.state.players.get(blackKey)?.connected === true, 5000, "return seen");
      await play(pair, "black", "e5");
      assert.deepEqual([...pair.white.state.moves], ["e4", "e5"]);
    } finally {
      console.info = info;
    }
  });

  it("lets the present player claim victory once the window has passed", async () => {
    pair = await seatPair(app.url);
    await play(pair, "white", "e4");
    await play(pair, "black", "c5");
    pair.black.reconnection.enabled = false;
    (pair.black as any).connection.transport.ws.terminate();
    const early = new Promise<{ code: string }>((resolve) => pair!.white.onMessage("error", resolve));
    pair.white.send("claimVictory");
    assert.equal((await early).code, "OPPONENT_PRESENT");
    await new Promise((r) => setTimeout(r, 1300)); // the 1 s window (shortened for the test)
    pair.white.send("claimVictory");
    await waitFor(() => pair!.white.state.status === "ended", 5000, "claimed");
    assert.equal(pair.white.state.result, "1-0");
    assert.equal(pair.white.state.termination, "abandoned");
  });
});

/** The chess room through real SDK clients against the in-process server. */
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import type { StartedApp } from "../../server/app.js";
import { nextMessage, sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { play, seatPair, type Pair } from "../helpers/chessPlayers.js";

describe("chess room", function () {
  this.timeout(20_000);
  let app: StartedApp;
  let pair: Pair | undefined;
  before(async () => {
    app = await testServer();
  });
  afterEach(async () => {
    await pair?.leave();
    pair = undefined;
  });

  it("plays a full game to mate and stores it with PGN and ratings", async () => {
    pair = await seatPair(app.url, "3+2");
    for (const [mover, san] of [["white", "f3"], ["black", "e5"], ["white", "g4"], ["black", "Qh4#"]] as const) await play(pair, mover, san);
    await waitFor(() => pair!.white.state.status === "ended", 5000, "game end");
    const s = pair.white.state;
    assert.equal(s.result, "0-1");
    assert.equal(s.termination, "checkmate");
    assert.deepEqual([...s.moves], ["f3", "e5", "g4", "Qh4#"]);

    const game = await (await fetch(`${app.url}/api/chess/games/${pair.gameId}`)).json();
    assert.equal(game.status, "ended");
    assert.equal(game.result, "0-1");
    assert.deepEqual(game.moves, ["f3", "e5", "g4", "Qh4#"]);
    assert.ok(game.black.ratingDiff > 0 && game.white.ratingDiff < 0, "ratings moved");
    const pgn = await (await fetch(`${app.url}/api/chess/games/${pair.gameId}/pgn`)).text();
    assert.match(pgn, /\[Result "0-1"\]/);
    assert.match(pgn, /\[TimeControl "180\+2"\]/);
    assert.match(pgn, /1\. f3 \{ \[%clk \d:\d\d:\d\d\] \}/);
    assert.match(pgn, /Qh4#/);
    const profile = await (await fetch(`${app.url}/api/chess/players/${game.black.userId}`)).json();
    assert.equal(profile.ratings.blitz.games, 1);
    assert.equal(profile.ratings.blitz.wins, 1);
  });

  it("a finished game whose room has closed opens again, read-only, to be watched (POST /games/:id/watch)", async () => {
    pair = await seatPair(app.url, "3+2");
    for (const [mover, san] of [["white", "e4"], ["black", "e5"], ["white", "Nf3"]] as const) await play(pair, mover, san);
    pair.black.send("resign"); // the moves alone do not say how this game ended: the stored record does
    await waitFor(() => pair!.white.state.status === "ended", 5000, "game end");
    const endClocks = { white: pair.white.state.whiteMs, black: pair.white.state.blackMs };
    const seated = [...pair.white.state.players.values()].map((p: any) => `${p.color}:${p.name}`).sort();
    const { gameId } = pair;
    await pair.leave();
    pair = undefined;
    await waitFor(() => matchMaker.getLocalRoomById(gameId) === undefined, 5000, "the room closes");

    const viewer = await sdkClient(app.url, "Vic");
    const watch = (id: string, token: string | null = viewer.guest.token) =>
      fetch(`${app.url}/api/chess/games/${id}/watch`, { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {} });
    const opened = await watch(gameId);
    assert.equal(opened.status, 200);
    assert.deepEqual(await opened.json(), { roomId: gameId, live: false });
    const room = await viewer.client.joinById<any>(gameId, { spectate: true });
    try {
      await waitFor(() => room.state.gameId === gameId, 5000, "state");
      const s = room.state;
      assert.deepEqual([s.status, s.result, s.termination], ["ended", "1-0", "resignation"]);
      assert.deepEqual([...s.moves], ["e4", "e5", "Nf3"]);
      assert.equal(s.fen, "rnbqkbnr/pppp1ppp/8/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R b KQkq - 1 2");
      assert.deepEqual([...s.players.values()].map((p: any) => `${p.color}:${p.name}`).sort(), seated);
      assert.equal(s.players.size, 2);
      assert.ok([...s.players.values()].every((p: any) => p.ratingDiff !== 0), "the rating changes of the game are shown");
      assert.equal(s.clockRunning, "");
      assert.ok(Math.abs(s.whiteMs - endClocks.white) < 50 && Math.abs(s.blackMs - endClocks.black) < 50, "the clocks as they stood at the end");
      assert.equal(s.spectators, 1);
      room.send("move", { san: "Nc6", ply: 3 });
      assert.equal((await nextMessage<{ code: string }>(room, "error")).code, "NOT_A_PLAYER");
      // a second watcher gets the same room
      const again = await watch(gameId);
      assert.deepEqual(await again.json(), { roomId: gameId, live: false });
      const other = await sdkClient(app.url, "Pat");
      const second = await other.client.joinById<any>(gameId, { spectate: true });
      await waitFor(() => room.state.spectators === 2, 5000, "two watchers");
      await second.leave();
    } finally {
      await room.leave();
    }
    await waitFor(() => matchMaker.getLocalRoomById(gameId) === undefined, 5000, "closes when the last watcher leaves");

    // a room waiting for its second player has no stored game yet, and can be watched all the same
    const host = await sdkClient(app.url, "Hal");
    const waiting = await host.client.create<any>("chess", { timeControl: "3+2", private: true });
    try {
      assert.equal((await fetch(`${app.url}/api/chess/games/${waiting.roomId}`)).status, 404, "no record before it starts");
      assert.deepEqual(await (await watch(waiting.roomId)).json(), { roomId: waiting.roomId, live: true });
    } finally {
      await waiting.leave();
    }

    assert.equal((await watch("no-such-game")).status, 404);
    assert.equal((await watch(gameId, null)).status, 401);
    // each opening reads and replays a game: a user gets 10 at once, then 429 with Retry-After
    const replies = await Promise.all(Array.from({ length: 10 }, () => watch("no-such-game")));
    assert.ok(replies.some((r) => r.status === 429), `statuses ${replies.map((r) => r.status).join(",")}`);
    const limited = replies.find((r) => r.status === 429)!;
    assert.equal((await limited.json()).code, "RATE_LIMITED");
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
  });

  it("refuses out-of-turn, illegal and spectator moves with their codes and changes nothing", async () => {
    pair = await seatPair(app.url);
    const fenBefore = pair.white.state.fen;
    const e1 = nextMessage<{ code: string }>(pair.black, "error");
    pair.black.send("move", { san: "e5" });
    assert.equal((await e1).code, "NOT_YOUR_TURN");
    const e2 = nextMessage<{ code: string }>(pair.white, "error");
    pair.white.send("move", { san: "e5" });
    assert.equal((await e2).code, "ILLEGAL_MOVE");
    const e3 = nextMessage<{ code: string }>(pair.white, "error");
    pair.white.send("move", { from: "e2", to: "e9" });
    assert.equal((await e3).code, "VALIDATION_FAILED");

    const { client } = await sdkClient(app.url, "Watcher");
    const spectator = await client.joinById(pair.gameId, { spectate: true });
    await waitFor(() => pair!.white.state.spectators === 1, 300, "spectator counted at once (not at the next 1 s patch)");
    const e4 = nextMessage<{ code: string }>(spectator, "error");
    spectator.send("move", { san: "e4" });
    assert.equal((await e4).code, "NOT_A_PLAYER");
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(pair.white.state.fen, fenBefore);
    assert.equal(pair.white.state.moves.length, 0);
    await spectator.leave();
    await waitFor(() => pair!.white.state.spectators === 0, 300, "spectator gone at once");
  });

  it("applies a move re-sent with the same ply once", async () => {
    pair = await seatPair(app.url);
    pair.white.send("move", { san: "e4", ply: 0 });
    pair.white.send("move", { san: "e4", ply: 0 });
    await waitFor(() => pair!.black.state.moves.length === 1, 5000, "one move");
    await play(pair, "black", "e5");
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual([...pair.white.state.moves], ["e4", "e5"]);
    const stored = await (await fetch(`${app.url}/api/chess/games/${pair.gameId}`)).json();
    assert.deepEqual(stored.moves, ["e4", "e5"]);
  });

  it("runs the draw offer flow: offer, decline, offer, accept", async () => {
    pair = await seatPair(app.url);
    await play(pair, "white", "e4");
    pair.white.send("offerDraw");
    await waitFor(() => pair!.black.state.drawOfferBy === "white", 5000, "offer seen");
    pair.black.send("declineDraw");
    await waitFor(() => pair!.white.state.drawOfferBy === "", 5000, "declined");
    const noOffer = nextMessage<{ code: string }>(pair.white, "error");
    pair.white.send("acceptDraw");
    assert.equal((await noOffer).code, "NO_DRAW_OFFER");
    pair.black.send("offerDraw");
    await waitFor(() => pair!.white.state.drawOfferBy === "black", 5000, "second offer");
    pair.white.send("acceptDraw");
    await waitFor(() => pair!.white.state.status === "ended", 5000, "ended");
    assert.equal(pair.white.state.result, "1/2-1/2");
    assert.equal(pair.white.state.termination, "agreement");
  });

  it("lets the side to move claim a threefold repetition", async () => {
    pair = await seatPair(app.url);
    const shuffle: Array<["white" | "black", string]> = [
      ["white", "Nf3"], ["black", "Nf6"], ["white", "Ng1"], ["black", "Ng8"],
      ["white", "Nf3"], ["black", "Nf6"], ["white", "Ng1"], ["black", "Ng8"],
    ];
    const early = nextMessage<{ code: string }>(pair.white, "error");
    pair.white.send("claimDraw");
    assert.equal((await early).code, "DRAW_NOT_CLAIMABLE");
    for (const [mover, san] of shuffle) await play(pair, mover, san);
    await waitFor(() => pair!.white.state.claimable === true, 5000, "claimable");
    const wrongSide = nextMessage<{ code: string }>(pair.black, "error");
    pair.black.send("claimDraw");
    assert.equal((await wrongSide).code, "NOT_YOUR_TURN");
    pair.white.send("claimDraw");
    await waitFor(() => pair!.white.state.status === "ended", 5000, "ended");
    assert.equal(pair.white.state.termination, "threefold");
    assert.equal(pair.white.state.result, "1/2-1/2");
  });

  it("aborts before each side has moved, not after", async () => {
    pair = await seatPair(app.url);
    await play(pair, "white", "d4");
    await play(pair, "black", "d5");
    const late = nextMessage<{ code: string }>(pair.white, "error");
    pair.white.send("abort");
    assert.equal((await late).code, "CANNOT_ABORT");
    pair.white.send("resign");
    await waitFor(() => pair!.black.state.status === "ended", 5000, "resigned");
    assert.equal(pair.black.state.result, "0-1");
    assert.equal(pair.black.state.termination, "resignation");
  });

  it("keeps two games apart", async () => {
    const one = await seatPair(app.url);
    const two = await seatPair(app.url);
    try {
      await play(one, "white", "e4");
      await play(two, "white", "d4");
      assert.deepEqual([...one.black.state.moves], ["e4"]);
      assert.deepEqual([...two.black.state.moves], ["d4"]);
      assert.notEqual(one.gameId, two.gameId);
    } finally {
      await one.leave();
      await two.leave();
    }
  });

  it("ignores a promotion piece on a move that is not a promotion, also when the move is re-sent", async () => {
    pair = await seatPair(app.url);
    pair.white.send("move", { from: "e2", to: "e4", promotion: "q", ply: 0 });
    await waitFor(() => pair!.black.state.moves.length === 1, 5000, "e4");
    const errors: string[] = [];
    pair.white.onMessage("error", (e: { code: string }) => void errors.push(e.code));
    pair.white.send("move", { from: "e2", to: "e4", ply: 0 }); // the same move, re-sent: a duplicate
    pair.white.send("move", { from: "e2", to: "e4", promotion: "n", ply: 0 }); // the same move again
    await play(pair, "black", "e5");
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(errors, []);
    assert.deepEqual([...pair.white.state.moves], ["e4", "e5"]);
  });

  it("answers GAME_NOT_STARTED to a claim while waiting, and GAME_OVER to a player joining an aborted game", async () => {
    const { client: host } = await sdkClient(app.url, "Host");
    const room = await host.create<any>("chess", { private: true });
    try {
      const claim = nextMessage<{ code: string }>(room, "error");
      room.send("claimVictory");
      assert.equal((await claim).code, "GAME_NOT_STARTED");
      room.send("abort");
      await waitFor(() => room.state.status === "ended", 5000, "aborted");
      assert.equal(room.state.termination, "aborted");
      // the room refuses the late guest on purpose: that is an info line, not an error
      const live = matchMaker.getLocalRoomById(room.roomId) as any;
      const lines: string[] = [];
      const log = live.log;
      live._log = { ...log, error: (m: string) => lines.push(`error ${m}`), info: (m: string, f: { code?: string }) => lines.push(`info ${m} ${f?.code}`) };
      const { client: guest } = await sdkClient(app.url, "Late");
      await assert.rejects(guest.joinById(room.roomId), (e: Error) => /^GAME_OVER: this game is over/.test(e.message));
      assert.deepEqual(lines, ["info join refused 526"]);
      const watcher = await guest.joinById<any>(room.roomId, { spectate: true });
      await watcher.leave();
    } finally {
      await room.leave();
    }
  });

  it("refuses an unoffered time control with INVALID_OPTIONS", async () => {
    const { client } = await sdkClient(app.url, "Tim");
    await assert.rejects(client.joinOrCreate("chess", { timeControl: "2+1" }), (e: Error) => /^INVALID_OPTIONS: timeControl: timeControl must be one of 1\+0, 3\+2/.test(e.message));
  });
});

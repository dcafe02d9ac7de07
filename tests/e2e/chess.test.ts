/**
 * Chess in a real browser (Debian chromium driven by playwright-core) against a real server process
 * serving the built client (dist/client): two browser profiles (= two guests) meet in a private
 * 3+2 game, play fool's mate by clicking squares on the canvas, both see 0-1 checkmate, the PGN
 * downloaded from the page is the server's PGN; then a rematch swaps colours, and a server kill
 * (SIGKILL, restarted on the same port and data) is survived: both pages re-join and play on; a
 * third guest finds a public game in the lobby's list of games being played and watches it.
 *
 * The pages are read through `window.__statecraftChess` (client/scenes/chess/chessDebug.ts), which
 * also gives the page coordinates of every square. Screenshots go to test-output/e2e/.
 * Skips (one line) when /usr/bin/chromium is not installed.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { E2E_OUT, ensureClientBuilt, launchChromium, skipWithoutChromium, type LaunchedBrowser } from "../helpers/browser.js";
import { Client, type Room } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";

const OUT = E2E_OUT;

interface ChessDebug {
  active: boolean;
  gameId: string;
  fen: string;
  moves: string[];
  myColor: "white" | "black" | null;
  role: string;
  status: string;
  result: string;
  termination: string;
  turn: "white" | "black";
  spectators: number;
  timeControl: string;
  orientation: string;
  connection: string;
  pending: string | null;
  premove: string | null;
  clocks: { whiteMs: number; blackMs: number };
}


async function chess(page: Page): Promise<ChessDebug> {
  return page.evaluate(() => (window as unknown as { __statecraftChess: { snapshot(): ChessDebug } }).__statecraftChess.snapshot());
}

/** Waits until `predicate` (an expression over `c`, the chess debug view) holds on the page. */
async function waitForChess(page: Page, predicate: string, timeout = 15_000): Promise<ChessDebug> {
  await page.waitForFunction(
    `(() => { const h = window.__statecraftChess; if (!h) return false; const c = h.snapshot(); return c.active && (${predicate}); })()`,
    undefined,
    { timeout },
  );
  return chess(page);
}

async function signIn(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url + "/");
  await page.locator("#display-name").fill(name);
  await page.getByRole("button", { name: "Enter the lobby" }).click();
  await page.waitForFunction(() => {
    const s = (window as unknown as { __statecraft?: { user: unknown; roomKinds: number | null; lobby: string } }).__statecraft;
    return !!s && s.user !== null && s.roomKinds !== null && s.lobby === "live";
  });
}

async function squareCenter(page: Page, square: string): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(
    (sq) => (window as unknown as { __statecraftChess: { squareCenter(s: string): { x: number; y: number } | null } }).__statecraftChess.squareCenter(sq),
    square,
  );
  assert.ok(at, `square ${square} has page coordinates`);
  return at;
}

/** Click-click: press the piece's square, then the target square, on the canvas. */
async function clickMove(page: Page, from: string, to: string): Promise<void> {
  for (const square of [from, to]) {
    const at = await squareCenter(page, square);
    await page.mouse.click(at.x, at.y);
  }
}

/** Drag-and-drop: press on the piece, move in steps, release over the target. */
async function dragMove(page: Page, from: string, to: string): Promise<void> {
  const a = await squareCenter(page, from);
  const b = await squareCenter(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Plays moves by clicking, each once it is that page's turn, and waits until both pages saw it. */
async function playClicks(moves: [Page, string, string][]): Promise<void> {
  const pages = [...new Set(moves.map(([p]) => p))];
  for (const [page, from, to] of moves) {
    const before = (await chess(page)).moves.length;
    await waitForChess(page, `c.moves.length === ${before} && c.turn === c.myColor && c.pending === null`);
    await clickMove(page, from, to);
    for (const p of pages) await waitForChess(p, `c.moves.length === ${before + 1}`);
  }
}


async function guestClient(url: string, name: string): Promise<Client> {
  const res = await fetch(`${url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  assert.equal(res.status, 201);
  const client = new Client(url);
  client.auth.token = ((await res.json()) as { token: string }).token;
  return client;
}

describe("e2e: chess in a browser", function () {
  this.timeout(120_000);
  let server: ServerProcess;
  const browsers: LaunchedBrowser[] = [];
  let alice: Page; // creates the game
  let bob: Page; // joins it by id
  const byColor: { white?: Page; black?: Page } = {};
  let gameId = "";
  let spectator: Room | null = null;
  const pageErrors: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt("__statecraftChess");
    server = await startServerProcess();
    for (let i = 0; i < 2; i++) browsers.push(await launchChromium({ viewport: { width: 1280, height: 800 }, acceptDownloads: true }));
    const contexts = browsers.map((b) => b.context);
    alice = contexts[0]!.pages()[0] ?? (await contexts[0]!.newPage());
    bob = contexts[1]!.pages()[0] ?? (await contexts[1]!.newPage());
    for (const page of [alice, bob]) page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  after(async function () {
    this.timeout(30_000);
    const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    if (spectator) await bounded(spectator.leave(true));
    for (const b of browsers) await bounded(b.close());
    await server?.stop();
  });

  afterEach(function () {
    const errors = pageErrors.splice(0);
    assert.deepEqual(errors, [], "uncaught errors in the pages");
  });

  it("one guest opens a private 3+2 game from the chess scene, the other joins it by id, and it starts", async function () {
    await signIn(alice, server.url, "Alice");
    await signIn(bob, server.url, "Bob");

    // the lobby's Create joins with the default time control; the scene offers the others
    await alice.locator('.kind-card[data-kind="chess"]').getByRole("button", { name: "Create" }).click();
    let a = await waitForChess(alice, "c.status === 'waiting'");
    assert.equal(a.timeControl, "5+3");
    await alice.locator('.tc-chip[data-tc="3+2"]').click();
    a = await waitForChess(alice, "c.status === 'waiting' && c.timeControl === '3+2'");
    await alice.locator('[data-action="make-private"]').click();
    a = await waitForChess(alice, `c.status === 'waiting' && c.gameId !== ${JSON.stringify(a.gameId)}`);
    assert.equal(a.timeControl, "3+2");
    await alice.locator(".chess-head .head-tag", { hasText: "private" }).waitFor();
    gameId = a.gameId;
    await alice.screenshot({ path: path.join(OUT, "chess-waiting.png") });

    // a private game is not listed: Bob joins it by id from the lobby
    await bob.locator("#room-id").fill(gameId);
    await bob.locator("form.join-by-id").getByRole("button", { name: "Join" }).click();
    const b = await waitForChess(bob, "c.status === 'playing'");
    a = await waitForChess(alice, "c.status === 'playing'");
    assert.equal(b.gameId, gameId);
    assert.ok(a.myColor && b.myColor && a.myColor !== b.myColor, `colours drawn: ${a.myColor} / ${b.myColor}`);
    byColor[a.myColor] = alice;
    byColor[b.myColor] = bob;
    for (const [page, c, name] of [[alice, a, "Alice"], [bob, b, "Bob"]] as const) {
      assert.equal(c.orientation, c.myColor, "your own side at the bottom");
      assert.equal(await page.locator(".chess-seat.seat-bottom.mine .seat-name").textContent(), name);
      assert.equal(await page.locator(".chess-seat.seat-top .seat-name").textContent(), name === "Alice" ? "Bob" : "Alice");
    }

    // a spectator (an SDK client) shows up in both pages' counts
    spectator = await (await guestClient(server.url, "Watcher")).joinById(gameId, { spectate: true });
    spectator.reconnection.enabled = false;
    for (const page of [alice, bob]) {
      await waitForChess(page, "c.spectators === 1");
      await page.locator('.spectators[data-count="1"]', { hasText: "1 spectator" }).waitFor();
    }

    // a third guest watches from the lobby: room id + Watch
    const carolBrowser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    try {
      const carol = carolBrowser.context.pages()[0] ?? (await carolBrowser.context.newPage());
      carol.on("pageerror", (e) => pageErrors.push(e.message));
      await signIn(carol, server.url, "Carol");
      await carol.locator("#room-id").fill(gameId);
      await carol.locator("form.join-by-id").getByRole("button", { name: "Watch" }).click();
      const c = await waitForChess(carol, "c.status === 'playing' && c.spectators === 2");
      assert.equal(c.role, "spectator");
      assert.equal(c.myColor, null);
      await carol.locator(".chess-head .head-tag.spectating").waitFor();
      await waitForChess(alice, "c.spectators === 2");
    } finally {
      await carolBrowser.close();
    }
    await waitForChess(alice, "c.spectators === 1");
  });

  it("pieces stay centred on their squares when the window is resized (phone, smaller, back)", async function () {
    const centred = `(() => { const h = window.__statecraftChess; return ["a1", "e2", "d8", "h8"].every((sq) => {
      const p = h.pieceCenter(sq), c = h.squareCenter(sq);
      return p && c && Math.abs(p.x - c.x) < 1.5 && Math.abs(p.y - c.y) < 1.5; }); })()`;
    for (const size of [{ width: 390, height: 844 }, { width: 1000, height: 700 }, { width: 1280, height: 800 }]) {
      await alice.setViewportSize(size);
      await alice.waitForFunction(centred, undefined, { timeout: 10_000 }).catch(async () => {
        const at = await alice.evaluate(() => {
          const h = (window as unknown as { __statecraftChess: { pieceCenter(s: string): unknown; squareCenter(s: string): unknown } }).__statecraftChess;
          return { piece: h.pieceCenter("e2"), square: h.squareCenter("e2") };
        });
        assert.fail(`at ${size.width}×${size.height} the e2 pawn is drawn at ${JSON.stringify(at.piece)}, its square's centre is ${JSON.stringify(at.square)}`);
      });
    }
    await alice.screenshot({ path: path.join(OUT, "chess-after-resize.png") });
  });

  it("plays fool's mate by clicking squares; both pages show 0-1 by checkmate", async function () {
    const white = byColor.white!;
    const black = byColor.black!;
    const line: [Page, string, string, string][] = [
      [white, "f2", "f3", "f3"],
      [black, "e7", "e5", "e5"],
      [white, "g2", "g4", "g4"],
      [black, "d8", "h4", "Qh4#"],
    ];
    for (const [i, [page, from, to, san]] of line.entries()) {
      const color = page === white ? "white" : "black";
      await waitForChess(page, `c.moves.length === ${i} && c.turn === '${color}' && c.pending === null`);
      await clickMove(page, from, to);
      for (const p of [white, black]) {
        const c = await waitForChess(p, `c.moves.length === ${i + 1}`);
        assert.equal(c.moves[i], san);
      }
    }
    for (const page of [white, black]) {
      const c = await waitForChess(page, "c.status === 'ended'");
      assert.equal(c.result, "0-1");
      assert.equal(c.termination, "checkmate");
      assert.deepEqual(c.moves, ["f3", "e5", "g4", "Qh4#"]);
      const banner = page.locator(".result-banner");
      await banner.waitFor();
      assert.equal(await banner.getAttribute("data-result"), "0-1");
      assert.equal(await banner.locator(".result-score").textContent(), "0-1");
      assert.equal(await banner.locator(".result-title").textContent(), "Checkmate");
      assert.equal(await banner.locator(".result-detail").textContent(), "Black is victorious");
      await page.locator(".seat-diff").first().waitFor(); // rated: rating changes are shown
      assert.equal(await page.locator(".move.current").textContent(), "Qh4#");
    }
    await white.waitForTimeout(300);
    await white.screenshot({ path: path.join(OUT, "chess-white.png") });
    await black.screenshot({ path: path.join(OUT, "chess-black.png") });
  });

  it("downloads the PGN from the page, and it is the server's PGN of the game", async function () {
    const page = byColor.white!;
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('.chess-actions [data-action="pgn"]').click()]);
    assert.equal(download.suggestedFilename(), `statecraft-${gameId}.pgn`);
    const file = await download.path();
    const fromPage = fs.readFileSync(file, "utf8");
    const res = await fetch(`${server.url}/api/chess/games/${gameId}/pgn`);
    assert.equal(res.status, 200);
    const fromServer = await res.text();
    assert.equal(fromPage, fromServer);
    assert.match(fromPage, /\[Result "0-1"\]/);
    assert.match(fromPage, /\[TimeControl "180\+2"\]/);
    assert.match(fromPage, /\[White "(Alice|Bob)"\]/);
    assert.match(fromPage, /1\. f3 .*e5 .*2\. g4 .*Qh4#/s);
  });

  it("rematch: both ask, both pages move to the new game with colours swapped", async function () {
    const oldWhite = byColor.white!;
    const oldBlack = byColor.black!;
    await oldWhite.locator('.chess-actions [data-action="rematch"]').click();
    await oldBlack.locator(".status-line.offer", { hasText: "wants a rematch" }).waitFor();
    await oldBlack.locator('.chess-actions [data-action="rematch"]', { hasText: "Accept rematch" }).click();
    const w = await waitForChess(oldWhite, `c.gameId !== ${JSON.stringify(gameId)} && c.status === 'playing'`);
    const b = await waitForChess(oldBlack, `c.gameId === ${JSON.stringify(w.gameId)} && c.status === 'playing'`);
    assert.equal(w.myColor, "black");
    assert.equal(b.myColor, "white");
    assert.equal(w.timeControl, "3+2");
    assert.deepEqual(w.moves, []);
    gameId = w.gameId;
    byColor.white = oldBlack;
    byColor.black = oldWhite;
  });

  it("survives a server kill: both pages say so, re-join the rebuilt game and play on", async function () {
    const white = byColor.white!;
    const black = byColor.black!;
    await playClicks([[white, "e2", "e4"], [black, "d7", "d5"], [white, "e4", "d5"], [black, "c7", "c6"]]);

    const { port, dataDir } = server;
    await server.kill("SIGKILL"); // the helper runs the server as the process it kills
    for (const page of [white, black]) await waitForChess(page, "c.connection !== 'live'", 20_000);
    await white.locator(".chess-head .head-tag.offline").waitFor();
    await white.screenshot({ path: path.join(OUT, "chess-reconnecting.png") });
    server = await startServerProcess({ dataDir, env: { PORT: String(port) } });

    for (const page of [white, black]) {
      const c = await waitForChess(page, `c.connection === 'live' && c.gameId === ${JSON.stringify(gameId)} && c.moves.length === 4`, 60_000);
      assert.equal(c.status, "playing");
      assert.deepEqual(c.moves, ["e4", "d5", "exd5", "c6"]);
    }
    await white.screenshot({ path: path.join(OUT, "chess-rejoined.png") });
  });

  it("plays on by drag-and-drop, and promotes through the picker (no auto-queen)", async function () {
    const white = byColor.white!;
    const black = byColor.black!;
    await waitForChess(white, "c.turn === 'white' && c.myColor === 'white' && c.pending === null");
    await dragMove(white, "d5", "c6");
    await waitForChess(black, "c.moves.length === 5");
    await dragMove(black, "g8", "f6");
    await waitForChess(white, "c.moves.length === 6");
    await playClicks([[white, "c6", "b7"], [black, "c8", "d7"]]);

    await waitForChess(white, "c.moves.length === 8 && c.turn === 'white' && c.pending === null");
    await clickMove(white, "b7", "a8");
    await waitForChess(white, "c.promoting === 'b7a8'");
    await white.screenshot({ path: path.join(OUT, "chess-promotion.png") });
    const knight = await squareCenter(white, "a7"); // q on a8, then n, r, b toward the centre
    await white.mouse.click(knight.x, knight.y);
    for (const page of [white, black]) {
      const c = await waitForChess(page, "c.moves.length === 9");
      assert.equal(c.moves[8], "bxa8=N");
    }
  });

  it("premove: queued by clicks while the opponent thinks, played the moment they move", async function () {
    const white = byColor.white!;
    const black = byColor.black!;
    await waitForChess(white, "c.moves.length === 9 && c.turn === 'black'");
    await clickMove(white, "g1", "f3"); // black to move: this is a premove
    const queued = await waitForChess(white, "c.premove === 'g1f3'");
    assert.equal(queued.moves.length, 9, "nothing sent yet");
    await white.screenshot({ path: path.join(OUT, "chess-premove.png") });
    await clickMove(black, "e7", "e6");
    for (const page of [white, black]) {
      const c = await waitForChess(page, "c.moves.length === 11");
      assert.deepEqual(c.moves.slice(9), ["e6", "Nf3"]);
    }
    assert.equal((await chess(white)).premove, null);
  });
  it("a page reload in the middle of a game comes back to the game, in the same seat", async function () {
    const white = byColor.white!;
    const before = await waitForChess(white, "c.moves.length === 11");
    await white.reload();
    const c = await waitForChess(white, `c.gameId === ${JSON.stringify(before.gameId)} && c.connection === 'live' && c.moves.length === 11`, 20_000);
    assert.equal(c.myColor, "white");
    assert.equal(c.status, "playing");
    // Black's clock runs (black to move). The reloaded page read its join state late (the page was
    // still loading) and showed ≈ 0.7 s too much until the next move; the room's fresh clock
    // sample a second after a join puts it right (it can arrive later on a loaded machine: up to 6 s)
    let mine = await chess(white);
    let theirs = await chess(byColor.black!);
    for (const until = Date.now() + 6_000; Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      [mine, theirs] = await Promise.all([chess(white), chess(byColor.black!)]);
      if (Math.abs(mine.clocks.blackMs - theirs.clocks.blackMs) < 400) break;
    }
    assert.ok(
      Math.abs(mine.clocks.blackMs - theirs.clocks.blackMs) < 400,
      `black's clock after the reload: ${mine.clocks.blackMs} ms here, ${theirs.clocks.blackMs} ms on black's page`,
    );
  });

  it("the browser's Back button during a game asks first, as the Lobby button does: No stays in the game", async function () {
    const white = byColor.white!;
    const before = await waitForChess(white, "c.moves.length === 11 && c.connection === 'live'");
    const hash = await white.evaluate(() => location.hash);
    const asked: string[] = [];
    const answer = (d: import("playwright-core").Dialog) => {
      asked.push(d.message());
      void d.dismiss(); // "Cancel": stay
    };
    white.on("dialog", answer);
    try {
      await white.goBack();
      await white.waitForFunction((h) => location.hash === h, hash);
    } finally {
      white.off("dialog", answer);
    }
    assert.deepEqual(asked, ["Leave the game? Your clock keeps running."]);
    const c = await waitForChess(white, `c.gameId === ${JSON.stringify(before.gameId)} && c.connection === 'live'`);
    assert.equal(c.status, "playing");
    assert.equal(c.myColor, "white", "still seated: the page never left the room");
  });

  it("the lobby lists the public games being played; Watch opens one as a spectator", async function () {
    // two SDK guests start a public 10+0 game (create + join by id: nobody else can take the seat)
    const ann = await guestClient(server.url, "Ann");
    const ben = await guestClient(server.url, "Ben");
    const r1 = await ann.create("chess", { timeControl: "10+0" });
    const r2 = await ben.joinById(r1.roomId);
    for (const r of [r1, r2]) r.reconnection.enabled = false;
    const danaBrowser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    try {
      const dana = danaBrowser.context.pages()[0] ?? (await danaBrowser.context.newPage());
      dana.on("pageerror", (e) => pageErrors.push(e.message));
      await signIn(dana, server.url, "Dana");
      const row = dana.locator(`.live-games .live-game[data-game-id="${r1.roomId}"]`);
      await row.waitFor({ timeout: 15_000 });
      assert.match((await row.textContent()) ?? "", /(Ann|Ben) \(\d+\) vs (Ann|Ben) \(\d+\) · 10\+0/);
      // the chess card points at the games under way (its open rooms list only those waiting)
      assert.match((await dana.locator('.kind-card[data-kind="chess"] .under-way').textContent()) ?? "", /\d+ games? being played — watch/);
      assert.equal(await dana.locator(`.live-game[data-game-id="${gameId}"]`).count(), 0, "the private challenge is not listed");
      await row.scrollIntoViewIfNeeded();
      await dana.screenshot({ path: path.join(OUT, "chess-lobby-live.png") });
      await row.getByRole("button", { name: "Watch" }).click();
      const c = await waitForChess(dana, `c.gameId === ${JSON.stringify(r1.roomId)} && c.status === 'playing'`);
      assert.equal(c.role, "spectator");
      assert.equal(c.myColor, null);
      await dana.locator(".chess-head .head-tag.spectating").waitFor();
    } finally {
      await danaBrowser.close();
      await Promise.all([r1.leave(true).catch(() => undefined), r2.leave(true).catch(() => undefined)]);
    }
  });
  it("the lobby shows a player's chess ratings and last games beside the leaderboard; View opens a finished game", async function () {
    const tab = await browsers[0]!.context.newPage(); // Alice's browser, a second tab: the same user, in the lobby
    tab.on("pageerror", (e) => pageErrors.push(e.message));
    try {
      await tab.goto(server.url + "/");
      const me = tab.locator(".chess-standings .standings-me");
      const blitz = me.locator('.rating-lines li[data-category="blitz"]'); // the fool's mate was a 3+2 game
      await blitz.waitFor({ timeout: 15_000 });
      assert.match((await blitz.textContent()) ?? "", /^Blitz \d+\?? · \d+ games?: /);
      const mate = me.locator(".recent-game", { hasText: "by checkmate" }).first();
      assert.match((await mate.textContent()) ?? "", /^(Won as black|Lost as white) vs Bob · 3\+2 · by checkmate[+−]\d+ViewPGN$/);
      assert.match((await mate.getByRole("link", { name: "PGN" }).getAttribute("href")) ?? "", /^\/api\/chess\/games\/[A-Za-z0-9_-]+\/pgn$/);
      const names = await tab.locator(".chess-standings .leaderboard li .name").allTextContents();
      assert.ok(names.includes("Alice") && names.includes("Bob"), `leaderboard: ${names.join(", ")}`);
      assert.equal(await tab.locator(".leaderboard li.me .name").textContent(), "Alice", "my own line stands out");
      // a name on the leaderboard shows that player's record, from their side
      const aliceWon = ((await mate.textContent()) ?? "").startsWith("Won");
      await tab.locator(".leaderboard li .name", { hasText: "Bob" }).click();
      await tab.locator(".standings-me h3", { hasText: "Bob's chess" }).waitFor();
      const his = tab.locator(".standings-me .recent-game", { hasText: "by checkmate" }).first();
      assert.match((await his.textContent()) ?? "", aliceWon ? /^Lost as white vs Alice · 3\+2 · by checkmate/ : /^Won as black vs Alice · 3\+2 · by checkmate/);
      await tab.locator(".standings-me h3").getByRole("button", { name: "back to yours" }).click();
      await tab.locator(".standings-me h3", { hasText: "Your chess" }).waitFor();
      await tab.locator(".chess-standings").scrollIntoViewIfNeeded();
      await tab.screenshot({ path: path.join(OUT, "chess-lobby-standings.png") });
      // another category: nobody has a bullet rating here
      await tab.locator(".chess-standings select").selectOption("bullet");
      await tab.locator(".chess-standings .standings-board", { hasText: "Nobody has a bullet rating yet." }).waitFor();
      // View: the finished game, as a spectator (its room closed when the players moved on: it opens again, read-only)
      await mate.getByRole("button", { name: "View" }).click();
      const seen = await waitForChess(tab, "c.status === 'ended' && c.termination === 'checkmate'");
      assert.deepEqual([seen.role, seen.result, seen.moves], ["spectator", "0-1", ["f3", "e5", "g4", "Qh4#"]]);
      await tab.screenshot({ path: path.join(OUT, "chess-finished-game.png") });
      // a player's own join link to the game, after it is over, opens it the same way: to watch, no rematch
      await tab.locator('[data-action="lobby"]').click();
      await tab.locator(".chess-standings").waitFor();
      await tab.goto(`${server.url}/#/join/${seen.gameId}`);
      const again = await waitForChess(tab, `c.gameId === ${JSON.stringify(seen.gameId)} && c.status === 'ended'`, 20_000);
      assert.equal(again.role, "spectator");
      assert.equal(await tab.locator('[data-action="rematch"]').count(), 0);
    } finally {
      await tab.close();
    }
  });

  it("a room link: the address bar carries it; a friend who opens it signs in and lands in the private game, a watch link as a spectator", async function () {
    const extra = [await launchChromium({ viewport: { width: 1280, height: 800 } }), await launchChromium({ viewport: { width: 1280, height: 800 } }), await launchChromium({ viewport: { width: 1280, height: 800 } })];
    try {
      const [eve, finn, gus] = await Promise.all(extra.map(async (b) => b.context.pages()[0] ?? (await b.context.newPage())));
      for (const page of [eve!, finn!, gus!]) page.on("pageerror", (e) => pageErrors.push(e.message));
      await signIn(eve!, server.url, "Eve");
      await eve!.locator('.kind-card[data-kind="chess"]').getByRole("button", { name: "Create" }).click();
      let e = await waitForChess(eve!, "c.status === 'waiting'");
      await eve!.locator('[data-action="make-private"]').click();
      e = await waitForChess(eve!, `c.status === 'waiting' && c.gameId !== ${JSON.stringify(e.gameId)}`);
      await eve!.waitForFunction((id) => location.hash === `#/join/${id}`, e.gameId);
      const invitation = eve!.url(); // what "Copy link" copies: origin + #/join/<game id>
      assert.equal(invitation, `${server.url}/#/join/${e.gameId}`);

      await finn!.goto(invitation);
      await finn!.locator("#display-name").fill("Finn");
      await finn!.getByRole("button", { name: "Enter the lobby" }).click();
      const f = await waitForChess(finn!, "c.status === 'playing'");
      assert.equal(f.gameId, e.gameId);
      await waitForChess(eve!, "c.status === 'playing'");

      await gus!.goto(`${server.url}/#/watch/${e.gameId}`);
      await gus!.locator("#display-name").fill("Gus");
      await gus!.getByRole("button", { name: "Enter the lobby" }).click();
      const g = await waitForChess(gus!, `c.gameId === ${JSON.stringify(e.gameId)} && c.status === 'playing'`);
      assert.equal(g.role, "spectator");

      // a link to a room that does not exist, pasted into the address bar of the open page: the page
      // starts over from it, the lobby says the room is unavailable and stays
      await gus!.evaluate(() => void (location.hash = "#/join/nosuchgame"));
      await gus!.locator(".toast", { hasText: /ROOM_UNAVAILABLE|not found/ }).first().waitFor({ timeout: 15_000 });
      await gus!.locator('.kind-card[data-kind="chess"]').waitFor();
      // a malformed link says so
      await gus!.evaluate(() => void (location.hash = "#/join/%%%"));
      await gus!.locator(".toast", { hasText: "does not name a room" }).first().waitFor({ timeout: 15_000 });
      assert.equal(await gus!.evaluate(() => location.hash), "");
    } finally {
      await Promise.all(extra.map((b) => b.close().catch(() => undefined)));
    }
  });
});

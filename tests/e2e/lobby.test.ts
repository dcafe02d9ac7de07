/**
 * The lobby in a real browser (Debian chromium driven by playwright-core) against real server
 * processes (tests/helpers/serverProcess.ts) serving the built client (dist/client):
 * - a server with no room kinds: guest sign-in through the page, the plain "no room kinds" message,
 *   the session remembered across a reload, a refused name explained;
 * - a server with one kind (the tests' echo kind, loaded as a mod): its card and placement badge,
 *   open rooms with live player counts, and a kind without a browser client refused clearly;
 * - the same server serving a client build that registers a scene for the kind: Quick play starts
 *   that scene with the room, a refused command shows as a toast, "back" returns to the lobby.
 * Screenshots go to test-output/e2e/. Skips (one line) when /usr/bin/chromium is not installed.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { E2E_OUT, ensureClientBuilt, launchChromium, skipWithoutChromium, type LaunchedBrowser } from "../helpers/browser.js";
import { Client, type Room } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = E2E_OUT;
const MOD = path.join(ROOT, "tests/e2e/fixtures/echoMod.ts");
/** The real client plus a scene for the echo kind, built for these tests only. */
const ECHO_CLIENT_SRC = path.join(ROOT, "tests/e2e/fixtures/echo-client");
const ECHO_CLIENT_OUT = path.join(ROOT, "test-output/e2e/echo-client");

interface DebugSnapshot {
  scene: string | null;
  user: { id: string; name: string } | null;
  roomKinds: number | null;
  kinds: string[];
  openRooms: number;
  lobby: string;
  room: { roomId: string; kind: string } | null;
}

async function debugState(page: Page): Promise<DebugSnapshot> {
  return page.evaluate(() => (window as unknown as { __statecraft: { snapshot(): DebugSnapshot } }).__statecraft.snapshot());
}

async function waitForDebug(page: Page, predicate: string, timeout = 15_000): Promise<DebugSnapshot> {
  await page.waitForFunction(`(() => { const s = window.__statecraft; return !!s && (${predicate}); })()`, undefined, { timeout });
  return debugState(page);
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.locator("#display-name").fill(name);
  await page.getByRole("button", { name: "Enter the lobby" }).click();
}

async function guestToken(server: ServerProcess, name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/guest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as { token: string }).token;
}

describe("e2e: the lobby in a browser", function () {
  this.timeout(60_000);
  let browser: LaunchedBrowser | undefined;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt();
    browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    context = browser.context;
    context.on("page", (page) => page.on("pageerror", (e) => pageErrors.push(e.message)));
  });

  after(async function () {
    await browser?.close();
  });

  afterEach(function () {
    const errors = pageErrors.splice(0);
    assert.deepEqual(errors, [], "uncaught errors in the page");
  });

  describe("the default server (built-in room kinds only)", function () {
    let server: ServerProcess;
    let page: Page;

    before(async function () {
      server = await startServerProcess();
      page = await context.newPage();
    });

    after(async function () {
      await page?.close();
      await server?.stop();
    });

    it("signs in as a guest through the page and shows one card per room kind the server offers", async function () {
      const offered = (await (await fetch(`${server.url}/api/rooms`)).json()) as { name: string; badge: string }[];
      await page.goto(server.url + "/");
      assert.equal(await page.title(), "Statecraft");
      await page.locator("#display-name").waitFor({ state: "visible" });
      const before = await debugState(page);
      assert.equal(before.scene, "lobby");
      assert.equal(before.user, null);

      await signIn(page, "  Ada   Lovelace ");
      const state = await waitForDebug(page, "s.user !== null && s.roomKinds !== null && s.lobby === 'live'");
      assert.equal(state.scene, "lobby");
      assert.equal(state.user?.name, "Ada Lovelace");
      assert.equal(state.roomKinds, offered.length);
      assert.deepEqual(state.kinds, offered.map((k) => k.name));
      assert.equal(state.openRooms, 0);
      // exactly the offered kinds, each with its placement badge: no placeholders
      assert.deepEqual(await page.locator(".kind-card").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind"))), offered.map((k) => k.name));
      for (const kind of offered) {
        assert.equal(await page.locator(`.kind-card[data-kind="${kind.name}"] .badge`).getAttribute("data-placement"), kind.badge);
      }
      assert.equal(await page.getByText("No room kinds on this server yet").count(), offered.length === 0 ? 1 : 0);
      assert.equal(await page.locator(".user-name").textContent(), "Ada Lovelace");
      assert.equal(await page.locator(".feed-text").textContent(), "Room list live");

      const stored = await page.evaluate(() => localStorage.getItem("statecraft.session"));
      const session = JSON.parse(stored ?? "null") as { token?: string; user?: { id: string; name: string } };
      assert.equal(typeof session.token, "string");
      assert.deepEqual(session.user, state.user);

      await page.waitForTimeout(300); // let the backdrop draw a few frames
      await page.screenshot({ path: path.join(OUT, "lobby.png") });
    });

    it("remembers the session across a reload (no form, same user)", async function () {
      const first = await debugState(page);
      await page.reload();
      const state = await waitForDebug(page, "s.user !== null && s.roomKinds !== null");
      assert.deepEqual(state.user, first.user);
      assert.equal(await page.locator("#display-name").count(), 0);
    });

    it("changes the name, and explains a refused one without leaving the lobby", async function () {
      await page.getByRole("button", { name: "Change name" }).click();
      await page.locator("#display-name").fill("<script>");
      await page.getByRole("button", { name: "Save name" }).click();
      const error = page.locator("#name-error");
      await error.waitFor({ state: "visible" });
      assert.equal(await error.getAttribute("data-code"), "INVALID_NAME");
      assert.match((await error.textContent()) ?? "", /letters, digits/);
      await page.screenshot({ path: path.join(OUT, "signin-error.png") });

      await page.locator("#display-name").fill("Grace");
      await page.getByRole("button", { name: "Save name" }).click();
      const state = await waitForDebug(page, "s.user && s.user.name === 'Grace'");
      assert.equal(state.scene, "lobby");
      await page.locator(".intro").getByText("Pick a room").waitFor({ state: "visible" });
      assert.equal(await page.locator(".user-name").textContent(), "Grace");
    });

    it("says plainly when the server offers no room kinds (GET /api/rooms answered [])", async function () {
      await page.route("**/api/rooms", (route) => route.fulfill({ status: 200, contentType: "application/json", body: "[]" }));
      try {
        await page.reload();
        const state = await waitForDebug(page, "s.user !== null && s.roomKinds !== null");
        assert.equal(state.roomKinds, 0);
        await page.getByText("No room kinds on this server yet").waitFor({ state: "visible" });
        assert.equal(await page.locator(".kind-card").count(), 0, "no placeholder cards");
        await page.screenshot({ path: path.join(OUT, "lobby-no-kinds.png") });
      } finally {
        await page.unroute("**/api/rooms");
      }
    });

    it("shows a problem with a retry when the room kinds cannot be loaded", async function () {
      await page.route("**/api/rooms", (route) =>
        route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ code: "INTERNAL", message: "database unavailable" }) }),
      );
      await page.reload();
      await page.getByText("Cannot load the room kinds").waitFor({ state: "visible" });
      await page.getByText("database unavailable").waitFor({ state: "visible" });
      await page.unroute("**/api/rooms");
      await page.getByRole("button", { name: "Try again" }).click();
      await waitForDebug(page, "s.roomKinds !== null");
      await page.locator(".intro").getByText("Pick a room").waitFor({ state: "visible" });
    });

    it("signs in again with the remembered name when the stored token is no longer valid", async function () {
      await page.evaluate(() =>
        localStorage.setItem("statecraft.session", JSON.stringify({ token: "not-a-token", user: { id: "x", name: "Grace" } })),
      );
      await page.reload();
      // restore() signs in again silently with the remembered name: a new valid session, no form
      const state = await waitForDebug(page, "s.user !== null && s.roomKinds !== null");
      assert.equal(state.user?.name, "Grace");
      assert.notEqual(state.user?.id, "x");
    });
  });

  describe("a server with one room kind (the test echo kind, loaded as a mod)", function () {
    let server: ServerProcess;
    let page: Page;
    const sdkRooms: Room[] = [];

    before(async function () {
      server = await startServerProcess({ env: { MODS: MOD } });
      page = await context.newPage();
      await page.goto(server.url + "/");
      await signIn(page, "Linus");
      await waitForDebug(page, "s.user !== null && s.roomKinds !== null && s.lobby === 'live'");
    });

    after(async function () {
      await Promise.all(sdkRooms.map((r) => r.leave(true).catch(() => undefined)));
      await page?.close();
      await server?.stop();
    });

    it("draws the kind as a card with its placement badge and what a server kill does", async function () {
      const state = await debugState(page);
      assert.ok(state.kinds.includes("echo"), `echo among ${state.kinds.join(", ")}`);
      const card = page.locator('.kind-card[data-kind="echo"]');
      await card.waitFor({ state: "visible" });
      assert.equal(await card.locator(".card-title").textContent(), "Echo (test)");
      assert.equal(await card.locator(".badge").textContent(), "state: room memory");
      assert.match((await card.locator(".badge").getAttribute("title")) ?? "", /total and members — room memory\. Server kill: lost: tests only/);
      await card.locator("details.placement summary").click();
      await card.getByText("Server kill: lost: tests only").waitFor({ state: "visible" });
      // no scene registered for "echo" in this client: the buttons say so instead of failing later
      await card.getByText("No browser client for this kind yet").waitFor({ state: "visible" });
      assert.equal(await card.getByRole("button", { name: "Quick play" }).isDisabled(), true);
      assert.equal(await card.getByRole("button", { name: "Create" }).isDisabled(), true);
    });

    it("lists open rooms with their player counts live", async function () {
      const token = await guestToken(server, "Bot");
      const sdk = new Client(server.url);
      sdk.auth.token = token;
      const first = await sdk.create("echo", {});
      sdkRooms.push(first);
      const row = page.locator(`.open-room[data-room-id="${first.roomId}"]`);
      await row.waitFor({ state: "visible", timeout: 10_000 });
      await page.waitForFunction((id) => document.querySelector(`[data-room-id="${id}"] .players`)?.textContent === "1/4 players", first.roomId);

      const second = await sdk.joinById(first.roomId, {});
      sdkRooms.push(second);
      await page.waitForFunction((id) => document.querySelector(`[data-room-id="${id}"] .players`)?.textContent === "2/4 players", first.roomId);
      assert.equal((await debugState(page)).openRooms, 1);
      await page.screenshot({ path: path.join(OUT, "lobby-with-kind.png") });

      await second.leave(true);
      await first.leave(true);
      sdkRooms.length = 0;
      await row.waitFor({ state: "detached", timeout: 10_000 });
      assert.equal((await debugState(page)).openRooms, 0);
    });

    it("joining by id a room of a kind this client cannot play leaves it again with a clear message", async function () {
      const token = await guestToken(server, "Host");
      const sdk = new Client(server.url);
      sdk.auth.token = token;
      const hostRoom = await sdk.create("echo", {});
      sdkRooms.push(hostRoom);
      await page.locator(`.open-room[data-room-id="${hostRoom.roomId}"]`).waitFor({ state: "visible" });

      // the listed room is refused before taking a seat
      await page.locator("#room-id").fill(hostRoom.roomId);
      await page.locator("form.join-by-id").getByRole("button", { name: "Join" }).click();
      const toast = page.locator(".toast-error").filter({ hasText: 'no scene for "echo" rooms' });
      await toast.waitFor({ state: "visible" });
      assert.equal(await toast.locator(".toast-code").textContent(), "NO_CLIENT_SCENE");
      const state = await debugState(page);
      assert.equal(state.scene, "lobby");
      assert.equal(state.room, null);

      // an unknown id is a normalized matchmaking error, not an exception
      await page.locator("#room-id").fill("nope-not-a-room");
      await page.locator("form.join-by-id").getByRole("button", { name: "Join" }).click();
      const missing = page.locator(".toast-error").filter({ hasText: "nope-not-a-room" });
      await missing.waitFor({ state: "visible" });
      assert.equal(await missing.locator(".toast-code").textContent(), "ROOM_UNAVAILABLE");
    });
  });

  describe("a room kind with a client scene (test build of the client)", function () {
    let server: ServerProcess;
    let page: Page;

    before(async function () {
      this.timeout(120_000);
      // the same vite config, another root (a child process: vite in the test process trips over tsx's loader)
      execFileSync(
        path.join(ROOT, "node_modules/.bin/vite"),
        ["build", ECHO_CLIENT_SRC, "--config", "client/vite.config.ts", "--outDir", ECHO_CLIENT_OUT, "--emptyOutDir", "--sourcemap", "false", "--logLevel", "warn"],
        { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
      );
      server = await startServerProcess({ env: { MODS: MOD, CLIENT_DIR: ECHO_CLIENT_OUT } });
      page = await context.newPage();
      await page.goto(server.url + "/");
      await signIn(page, "Margaret");
      await waitForDebug(page, "s.user !== null && s.roomKinds !== null && s.lobby === 'live'");
    });

    after(async function () {
      await page?.close();
      await server?.stop();
    });

    it("Quick play starts the kind's scene with the room; a refusal is a toast; back returns to the lobby", async function () {
      const card = page.locator('.kind-card[data-kind="echo"]');
      assert.equal(await card.getByText("No browser client for this kind yet").count(), 0);
      await card.getByRole("button", { name: "Quick play" }).click();
      const inRoom = await waitForDebug(page, "s.scene === 'echo-scene' && s.room !== null");
      assert.equal(inRoom.room?.kind, "echo");
      assert.equal(await page.locator(".lobby").count(), 0, "the lobby panels are gone while playing");

      await page.getByRole("button", { name: "Add 600" }).click();
      await page.locator(".echo-total", { hasText: "total 600" }).waitFor();
      await page.getByRole("button", { name: "Add 600" }).click();
      const refused = page.locator(".toast-error").filter({ hasText: "The total may not exceed 1000" });
      await refused.waitFor({ state: "visible" });
      assert.equal(await refused.locator(".toast-code").textContent(), "TOTAL_TOO_LARGE");
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(OUT, "room-scene.png") });

      await page.getByRole("button", { name: "Back to lobby" }).click();
      const back = await waitForDebug(page, "s.scene === 'lobby' && s.room === null && s.lobby === 'live'");
      assert.equal(back.user?.name, "Margaret");
      assert.equal(await page.locator(".echo-panel").count(), 0, "the room's panel went with its scene");
      // the room emptied and was disposed: the live list drops it
      await page.waitForFunction(() => (window as unknown as { __statecraft: { openRooms: number } }).__statecraft.openRooms === 0);
    });

    it("in a room the address bar carries its link; the browser's Back button returns to the lobby and leaves the room", async function () {
      await page.locator('.kind-card[data-kind="echo"]').getByRole("button", { name: "Quick play" }).click();
      const inRoom = await waitForDebug(page, "s.scene === 'echo-scene' && s.room !== null");
      assert.equal(await page.evaluate(() => location.hash), `#/join/${inRoom.room!.roomId}`);
      await page.goBack();
      await waitForDebug(page, "s.scene === 'lobby' && s.room === null && s.lobby === 'live'");
      assert.equal(await page.evaluate(() => location.hash), "");
      await page.waitForFunction(() => (window as unknown as { __statecraft: { openRooms: number } }).__statecraft.openRooms === 0);
    });
  });
});

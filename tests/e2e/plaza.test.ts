/**
 * The plaza in real browsers: two chromium instances (fake camera and microphone) against a real
 * server process serving the built client. Alice and Bob enter the plaza from the lobby at two
 * spawn points 6 tiles apart (inside the 10-tile area of interest, beyond the 5-tile talking
 * range): each sees the other at once, zoomed so the screen is the area of interest, and no call
 * starts. Bob clicks to walk next to Alice: they chat, and their video call connects
 * (WebRTC, signaling relayed by the room) with frames flowing. Bob walks away with the arrow key:
 * both hang up. Alice's network then drops while Bob walks back; when it returns, the SDK rejoins the
 * same session and her page shows Bob where he is. Screenshots: test-output/e2e/plaza-near-alice.png,
 * plaza-near-bob.png, plaza-apart.png, plaza-reconnected.png.
 * Skips (one line) when /usr/bin/chromium is not installed.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, E2E_OUT, ensureClientBuilt, skipWithoutChromium } from "../helpers/browser.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import type { PlazaDebugView } from "../../client/scenes/plaza/plazaDebug.js";

declare global {
  interface Window {
    __statecraftPlaza?: PlazaDebugView;
  }
}

// the launch flags of tests/helpers/browser.ts, plus fake media devices (its launcher takes no extra flags)
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required",
];

interface Person {
  context: BrowserContext;
  page: Page;
  profile: string;
  errors: string[];
}

async function enter(url: string, name: string): Promise<Person> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1200, height: 800 }, args: ARGS });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
    // a message the room sent before the scene listened used to be dropped with this warning
    if (m.type() === "warning" && m.text().includes("not registered")) errors.push(`console: ${m.text()}`);
  });
  await page.goto(url + "/");
  await page.locator("#display-name").fill(name);
  await page.getByRole("button", { name: "Enter the lobby" }).click();
  await page.locator('.kind-card[data-kind="plaza"]').getByRole("button", { name: "Quick play" }).click();
  await page.waitForFunction(() => window.__statecraftPlaza?.me !== null && window.__statecraftPlaza?.active === true, undefined, { timeout: 20_000 });
  return { context, page, profile, errors };
}

const view = (p: Person) => p.page.evaluate(() => window.__statecraftPlaza!);

/** Waits for `fn` in p's page; on a timeout the error carries what both pages see. */
async function until(p: Person, everyone: Person[], fn: () => boolean, timeout: number): Promise<void> {
  try {
    await p.page.waitForFunction(fn, undefined, { timeout });
  } catch {
    const seen = await Promise.all(everyone.map(async (q) => JSON.stringify(await view(q).catch(() => null))));
    throw new Error(`timed out waiting for ${String(fn)}; the pages see:\n${seen.join("\n")}\npage errors: ${everyone.flatMap((q) => q.errors).join("\n")}`);
  }
}

describe("e2e: the plaza in two browsers (fake camera and microphone)", function () {
  this.timeout(180_000); // two browsers, a call, an offline spell and a reload: about 60 s alone
  let server: ServerProcess;
  const people: Person[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt("__statecraftPlaza");
    fs.mkdirSync(E2E_OUT, { recursive: true });
    server = await startServerProcess({});
  });

  after(async function () {
    for (const p of people) {
      await p.context.close().catch(() => undefined);
      fs.rmSync(p.profile, { recursive: true, force: true });
    }
    await server?.stop();
  });

  it("see each other when near, connect video and chat, hang up when apart", async function () {
    const alice = await enter(server.url, "Alice");
    people.push(alice);
    const bob = await enter(server.url, "Bob");
    people.push(bob);
    const [a0, b0] = [await view(alice), await view(bob)];
    assert.equal(a0.me!.owner, true, "Alice opened the plaza");
    const apart = Math.hypot(a0.me!.x - b0.me!.x, a0.me!.y - b0.me!.y);
    assert.ok(apart > 5 * 32 && apart < 10 * 32, `two spawns 5–10 tiles apart (${apart} px)`);
    // newcomers see who is around: each is shown the other without anybody moving, and on screen
    await until(alice, people, () => window.__statecraftPlaza!.others.some((o) => o.name === "Bob"), 5_000);
    await until(bob, people, () => window.__statecraftPlaza!.others.some((o) => o.name === "Alice"), 5_000);
    for (const [p, other] of [[alice, b0.me!], [bob, a0.me!]] as const) {
      const v = (await view(p)).view!;
      assert.ok(other.x >= v.x && other.x <= v.x + v.width && other.y >= v.y && other.y <= v.y + v.height, `the other one is on screen (${JSON.stringify(v)})`);
    }
    assert.equal((await view(alice)).calls.length, 0, "beyond talking range: no call");

    // Bob clicks to walk toward Alice: a point just east of her on his row, placed through the view
    // the canvas shows (the camera follows him with a lag, and stops at the map's edges)
    const box = (await bob.page.getByLabel("Statecraft game view").boundingBox())!;
    const shown = (await view(bob)).view!;
    const [tx, ty] = [a0.me!.x + 80, b0.me!.y];
    assert.ok(tx >= shown.x && tx <= shown.x + shown.width && ty >= shown.y && ty <= shown.y + shown.height, `the walk target is on Bob's screen (${JSON.stringify(shown)})`);
    await bob.page.mouse.click(box.x + ((tx - shown.x) / shown.width) * box.width, box.y + ((ty - shown.y) / shown.height) * box.height);
    await until(alice, people, () => window.__statecraftPlaza!.others.some((o) => o.name === "Bob"), 15_000);
    await until(bob, people, () => window.__statecraftPlaza!.others.some((o) => o.name === "Alice"), 15_000);

    // near: the call connects both ways and video frames arrive
    const connected = () => {
      const calls = window.__statecraftPlaza!.calls;
      return calls.length === 1 && calls[0]!.state === "connected" && calls[0]!.videoWidth > 0;
    };
    await until(alice, people, connected, 30_000);
    await until(bob, people, connected, 30_000);
    const bobId = b0.me!.id;
    assert.deepEqual((await view(alice)).bubble, [bobId]);

    await alice.page.locator(".plaza-chat-input").fill("Hi Bob, nice to see you!");
    await alice.page.locator(".plaza-chat-input").press("Enter");
    await until(bob, people, () => window.__statecraftPlaza!.chat.some((c) => c.text === "Hi Bob, nice to see you!"), 10_000);
    // the line is in Bob's chat log, laid out inside it (not over the input boxes)
    const placed = await bob.page.evaluate(() => {
      const line = [...document.querySelectorAll(".plaza-log > *")].find((e) => e.textContent?.includes("Hi Bob, nice to see you!"));
      const log = document.querySelector(".plaza-log")!.getBoundingClientRect();
      const r = line?.getBoundingClientRect();
      return r ? { inside: r.top >= log.top - 1 && r.bottom <= log.bottom + 1, position: getComputedStyle(line!).position } : null;
    });
    assert.deepEqual(placed, { inside: true, position: "static" }, "Alice's line is laid out in Bob's chat log");
    await alice.page.locator(".plaza-chat-input").blur();
    await alice.page.waitForTimeout(400);
    await alice.page.screenshot({ path: path.join(E2E_OUT, "plaza-near-alice.png") });
    await bob.page.screenshot({ path: path.join(E2E_OUT, "plaza-near-bob.png") });
    assert.equal(await alice.page.locator(".plaza-tile[data-peer] video").count(), 1, "one video tile");

    // Bob walks away east (arrow key held ~2.8 s ≈ 11 tiles): both hang up
    await bob.page.getByLabel("Statecraft game view").click({ position: { x: box.width / 2, y: box.height / 2 } }); // focus; a click on himself walks nowhere
    await bob.page.keyboard.down("ArrowRight");
    await bob.page.waitForTimeout(2800);
    await bob.page.keyboard.up("ArrowRight");
    await until(alice, people, () => window.__statecraftPlaza!.calls.length === 0, 15_000);
    await until(bob, people, () => window.__statecraftPlaza!.calls.length === 0, 15_000);
    assert.equal(await alice.page.locator(".plaza-tile[data-peer]").count(), 0, "the video tile is gone");
    const far = await view(bob);
    assert.ok(far.me!.x - a0.me!.x > 5 * 32, `Bob is more than 5 tiles away (${far.me!.x - a0.me!.x} px)`);
    await alice.page.screenshot({ path: path.join(E2E_OUT, "plaza-apart.png") });

    // Alice's network drops while Bob walks back into her area: the updates about him are lost. When
    // it is back, the SDK rejoins the same session (the plaza holds a dropped avatar for 20 s) and her
    // page starts over from a fresh snapshot: Bob is shown where he is.
    const cdp = await alice.context.newCDPSession(alice.page);
    await cdp.send("Network.enable");
    const network = (offline: boolean) => cdp.send("Network.emulateNetworkConditions", { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await network(true);
    await alice.page.getByText("Connection lost").waitFor({ timeout: 15_000 });
    await bob.page.keyboard.down("ArrowLeft");
    await bob.page.waitForTimeout(2800);
    await bob.page.keyboard.up("ArrowLeft");
    const back = (await view(bob)).me!;
    assert.ok(Math.abs(back.x - a0.me!.x) < 8 * 32, "Bob is back inside Alice's area of interest");
    await network(false);
    await alice.page.getByText("Reconnected.").waitFor({ timeout: 20_000 });
    assert.equal((await view(alice)).me!.id, a0.me!.id, "the same avatar (same session)");
    await alice.page.waitForFunction(
      ({ id, x, y }) => window.__statecraftPlaza!.others.some((o) => o.id === id && Math.hypot(o.x - x, o.y - y) < 16),
      { id: bobId, x: back.x, y: back.y },
      { timeout: 10_000 },
    ).catch(async (e) => {
      throw new Error(`${e}\nbob at ${JSON.stringify(back)}; alice sees ${JSON.stringify(await view(alice))}`);
    });
    await alice.page.screenshot({ path: path.join(E2E_OUT, "plaza-reconnected.png") });

    // Bob reloads the page (the room link is in the address bar): he comes back where he stood, with
    // his status, re-announced in his join options — not at a spawn point
    await bob.page.locator(".plaza-status").selectOption("busy");
    const stood = (await view(bob)).me!;
    await bob.page.waitForTimeout(1200); // the page saves what it would re-announce once a second
    await bob.page.reload();
    await bob.page.waitForFunction(() => window.__statecraftPlaza?.active === true && window.__statecraftPlaza.me !== null, undefined, { timeout: 20_000 });
    const again = (await view(bob)).me!;
    assert.ok(Math.hypot(again.x - stood.x, again.y - stood.y) < 16, `back where he stood: ${JSON.stringify(stood)} → ${JSON.stringify(again)}`);
    assert.equal(again.status, "busy");
    // the browser logs the SDK's reconnection attempts made while offline: expected, nothing else is
    const offlineRetry = (e: string) => e.startsWith("console: WebSocket connection to") && e.includes("net::ERR_INTERNET_DISCONNECTED");
    assert.deepEqual(alice.errors.filter((e) => !offlineRetry(e)).concat(bob.errors), [], "no page errors");
  });
});

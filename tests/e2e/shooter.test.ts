/**
 * The shooter in a real browser (Debian chromium + playwright-core) against a real server process
 * serving the built client: sign in, Quick play the shooter from the lobby, see the arena, hold D
 * and see the own player move right (predicted at once, confirmed by the server's position and
 * acks), with a bot (SDK in node) in the same match. Screenshot: test-output/e2e/shooter.png.
 * Skips (one line) when /usr/bin/chromium is not installed.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { WebSocket } from "ws";
import { E2E_OUT, ensureClientBuilt, launchChromium, skipWithoutChromium, type LaunchedBrowser } from "../helpers/browser.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { ShooterBot, skirmishPolicy } from "../helpers/shooterBot.js";
import type { ShooterDebugView } from "../../client/scenes/shooter/shooterDebug.js";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

declare global {
  interface Window {
    __statecraftShooter?: ShooterDebugView;
  }
}

describe("e2e: the shooter in a browser", function () {
  this.timeout(90_000);
  let browser: LaunchedBrowser | undefined;
  let server: ServerProcess;
  let page: Page;
  let bot: ShooterBot | undefined;
  const pageErrors: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt("__statecraftShooter");
    server = await startServerProcess({ env: { SHOOTER_PROTECTION_S: "0" } });
    browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    page = await browser.context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  after(async function () {
    bot?.stop();
    await bot?.room.leave(true).catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it("loads the arena, moves the own player with the keyboard, saves a screenshot", async function () {
    await page.goto(server.url + "/");
    await page.locator("#display-name").fill("Gunner");
    await page.getByRole("button", { name: "Enter the lobby" }).click();
    await page.locator('.kind-card[data-kind="shooter"]').getByRole("button", { name: "Quick play" }).click();
    await page.waitForFunction(() => window.__statecraftShooter?.active === true && window.__statecraftShooter.me !== null, undefined, { timeout: 20_000 });
    await page.locator(".shooter-hud .shooter-hp").waitFor();

    // a bot joins the same match (Quick play joined the open authoritative room)
    const res = await fetch(`${server.url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Bot" }) });
    const client = new Client(server.url);
    client.auth.token = ((await res.json()) as { token: string }).token;
    const room: Room<any> = await client.joinOrCreate("shooter", {});
    room.reconnection.enabled = false;
    bot = new ShooterBot(room);
    bot.play(skirmishPolicy(7));

    const before = await page.evaluate(() => window.__statecraftShooter!);
    await page.mouse.move(900, 400);
    await page.keyboard.down("d");
    await page.waitForTimeout(700);
    const mid = await page.evaluate(() => window.__statecraftShooter!);
    await page.keyboard.up("d");
    await page.waitForFunction((x0) => {
      const s = window.__statecraftShooter!;
      // once the last move is acknowledged, the inputs still in flight are all "stand still"
      return s.me !== null && s.me.x > x0 && Math.abs(s.predicted!.x - s.me.x) < 0.01;
    }, before.me!.x, { timeout: 5000 });
    const after = await page.evaluate(() => window.__statecraftShooter!);
    assert.ok(mid.predicted!.x > before.predicted!.x, "the prediction moved while D was held");
    assert.ok(after.me!.x > before.me!.x, `the server moved the player right (${before.me!.x} → ${after.me!.x})`);
    assert.ok(Math.abs(after.predicted!.y - after.me!.y) < 0.01, "prediction and server agree once the moves are acknowledged");
    assert.ok(after.ack > 0 && after.seq - after.ack < 64, `acks follow the inputs (seq ${after.seq}, ack ${after.ack})`);
    assert.ok(after.seq > 20, `inputs flow at the tick rate (${JSON.stringify({ before, mid, after })})`);

    await page.keyboard.press("n"); // the network overlay
    await page.keyboard.down("s"); // into the open for the picture
    await page.waitForTimeout(600);
    await page.keyboard.up("s");
    await page.mouse.down();
    await page.waitForFunction(() => window.__statecraftShooter!.shotsSeen > 0, undefined, { timeout: 5000 });
    await page.locator(".shooter-net").waitFor();
    assert.match((await page.locator(".shooter-net").textContent()) ?? "", /ping \d+ ms/);
    await page.screenshot({ path: path.join(E2E_OUT, "shooter.png") });
    await page.mouse.up();
    assert.deepEqual(pageErrors, []);
  });
});

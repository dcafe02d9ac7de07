/**
 * The shooter in a real browser (Debian chromium + playwright-core) against a real server process
 * serving the built client, in both modes:
 * - authoritative: sign in, Quick play the shooter from the lobby, see the arena, hold D and see the
 *   own player move right (predicted at once, confirmed by the server's position and acks), with a
 *   bot (SDK in node) in the same match. Screenshot: test-output/e2e/shooter.png.
 * - relay: pick Mode "relay" on the lobby card, Quick play; a bot (SDK, relay mode) in view sees
 *   the browser player's reported position move as it walks with the keyboard; the browser player
 *   aims at the bot with the mouse and fires, and the server registers the hit (the bot gets `hit`).
 *   Then the bot shoots the browser player dead, and it respawns itself after the server's respawnMs.
 *   Screenshots: test-output/e2e/shooter-relay.png, shooter-lobby-mode.png (the card with the picker).
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
import { castRay, mapById, overlapsWall, PLAYER_RADIUS, stepMove, type Point, type ShooterMap } from "../../shared/shooter/index.js";

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
  let relayBrowser: LaunchedBrowser | undefined;
  let relayBot: ShooterBot | undefined;
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
    await relayBot?.room.leave(true).catch(() => undefined);
    await relayBrowser?.close();
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
    bot = await joinBot(server.url, "Bot", {});
    bot.play(skirmishPolicy(7));

    // the HUD covers the arena but must let the mouse through to the canvas (aim follows the cursor)
    assert.equal(await page.evaluate(() => document.elementFromPoint(900, 400)?.tagName), "CANVAS", "the mouse over the arena reaches the canvas");
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
    // a tap (press and release at once, shorter than an input tick) is a shot too
    await page.keyboard.press("r"); // a full magazine, so the tap cannot meet an empty one
    await page.waitForFunction(() => { const s = window.__statecraftShooter!; return s.ammo > 0 && !document.querySelector(".shooter-ammo")?.textContent?.includes("eload"); }, undefined, { timeout: 10_000 });
    await page.waitForTimeout(700); // past the weapon's fire interval
    const ammo = await page.evaluate(() => window.__statecraftShooter!.ammo);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForFunction((a) => window.__statecraftShooter!.ammo === a - 1, ammo, { timeout: 5000 });
    assert.deepEqual(pageErrors, []);
  });

  it("relay mode: picked in the lobby, the own player walks (reports reach the others), shoots a player in view, the hit registers", async function () {
    // two software-rendered (SwiftShader) games at once starve a 2-core machine: the first one goes
    bot?.stop();
    await browser?.close();
    browser = undefined;
    relayBrowser = await launchChromium({ viewport: { width: 1280, height: 800 } });
    const rp = await relayBrowser.context.newPage();
    const errors: string[] = [];
    rp.on("pageerror", (e) => errors.push(e.message));
    await rp.goto(server.url + "/");
    await rp.locator("#display-name").fill("Relayer");
    await rp.getByRole("button", { name: "Enter the lobby" }).click();
    const card = rp.locator('.kind-card[data-kind="shooter"]');
    await card.locator('select[data-option="mode"]').selectOption("relay");
    await card.screenshot({ path: path.join(E2E_OUT, "shooter-lobby-mode.png") });
    await card.getByRole("button", { name: "Quick play" }).click();
    await rp.waitForFunction(() => window.__statecraftShooter?.active === true && window.__statecraftShooter.mode === "relay" && window.__statecraftShooter.me !== null, undefined, { timeout: 20_000 });
    await rp.locator(".shooter-hud .shooter-hp").waitFor();
    const debug = () => rp.evaluate(() => window.__statecraftShooter!);
    const start = await debug();
    const map = mapById(start.map)!;

    // a second player, an SDK client in relay mode (matchmaking filters by mode: the same room)
    relayBot = await joinBot(server.url, "Target", { mode: "relay" });
    const target = relayBot;
    await poll(() => target.room.state.scores?.size === 2, "both players on the scoreboard");
    let browserId = "";
    target.room.state.scores.forEach((_: unknown, id: string) => id !== target.id && (browserId = id));
    const spot = spotInSight(map, start.me!);
    target.report(spot.x, spot.y); // in the browser player's view: each is relayed to the other
    await poll(() => target.relayed.has(browserId), "the browser player's report relayed to the bot");

    // walk with the keyboard: the reports move, and the other player is relayed them
    const [key, dx, dy] = freeDirection(map, start.predicted!);
    const relayedBefore = { ...target.relayed.get(browserId)! };
    const held = Date.now();
    await rp.keyboard.down(key);
    // hold until it has walked 40 px (0.2 s at full speed; longer when this machine is loaded)
    await rp.waitForFunction(([x0, y0, ddx, ddy]) => {
      const p = window.__statecraftShooter!.predicted!;
      return (p.x - x0!) * ddx! + (p.y - y0!) * ddy! > 40;
    }, [start.predicted!.x, start.predicted!.y, dx, dy], { timeout: 15_000 });
    await rp.keyboard.up(key);
    const heldMs = Date.now() - held;
    await rp.waitForTimeout(300);
    const walked = await debug();
    const moved = (a: Point, b: Point) => (b.x - a.x) * dx + (b.y - a.y) * dy;
    assert.deepEqual(walked.me, walked.predicted, "standing again: the last report is where the player stands");
    // at most one report per patch interval (32 Hz), never one per 64 Hz step; plus the spawn and the stop
    assert.ok(walked.reports >= 3 && walked.reports <= (heldMs + 300) / (1000 / 32) + 3, `reports follow the walk at most at the patch rate (${walked.reports} in ${heldMs} ms)`);
    await poll(() => target.relayed.get(browserId)?.x === walked.me!.x && target.relayed.get(browserId)?.y === walked.me!.y, "the other player got the last reported position");
    assert.ok(moved(relayedBefore, target.relayed.get(browserId)!) > 30, "the relayed position moved");
    assert.ok(target.relayed.get(browserId)!.seq > relayedBefore.seq);

    // aim at the bot with the mouse and fire: the browser resolves the hit, the server accepts it
    const aimAt = spotInSight(map, walked.me!);
    target.report(aimAt.x, aimAt.y);
    const hits: { by: string; on: string; hp: number }[] = [];
    target.room.onMessage("hit", (h: { by: string; on: string; hp: number }) => hits.push(h));
    await rp.waitForFunction(() => window.__statecraftShooter!.visible === 1, undefined, { timeout: 5000 });
    await rp.waitForTimeout(250); // drawn 100 ms in the past: let the bot's new spot be the drawn one
    await rp.keyboard.press("n"); // the network overlay
    const view = await debug();
    const box = (await rp.locator("canvas").boundingBox())!;
    await rp.mouse.move(box.x + box.width / 2 + (aimAt.x - view.camera.x) * view.camera.zoom, box.y + box.height / 2 + (aimAt.y - view.camera.y) * view.camera.zoom);
    await rp.mouse.down();
    await poll(() => hits.some((h) => h.by === browserId && h.on === target.id), "the server registered the browser player's hit on the bot");
    await rp.waitForTimeout(150);
    await rp.screenshot({ path: path.join(E2E_OUT, "shooter-relay.png") });
    await rp.mouse.up();
    const after = await debug();
    assert.ok(after.hitsGiven > 0, "the browser saw its hit accepted");
    assert.ok(hits.at(-1)!.hp < 100, "the bot lost health");
    assert.match((await rp.locator(".shooter-net").textContent()) ?? "", /relay · ping \d+ ms/);
    assert.match((await rp.locator(".shooter-ammo").textContent()) ?? "", /Rifle/);

    // the other way round: the bot shoots the browser player dead; the HUD follows the server's
    // word on health, and after respawnMs the browser respawns itself and reports (which revives it)
    if (hits.at(-1)!.hp === 0) (await rp.waitForTimeout(2100), target.report(aimAt.x, aimAt.y)); // the bot died: back after respawnMs
    const me = after.me!;
    const towards = Math.atan2(me.y - aimAt.y, me.x - aimAt.x);
    const isDead = async () => ((await rp.locator(".shooter-hp").textContent()) ?? "").includes("dead");
    for (let i = 0; i < 40 && !(await isDead()); i++) {
      target.shoot(towards, browserId); // 6 rifle hits kill; a shot bunched up by a loaded machine may be refused (FIRE_RATE)
      await rp.waitForTimeout(200);
    }
    assert.ok(await isDead(), `the HUD shows the browser player dead (bot errors: ${JSON.stringify(target.errors)})`);
    const reportsDead = (await debug()).reports;
    await rp.waitForFunction(() => window.__statecraftShooter!.hp === 100, undefined, { timeout: 8000 });
    const back = await debug();
    assert.ok(back.reports > reportsDead, "the respawn was reported");
    // it respawned far from the bot (the spawn point farthest from the others): the bot walks over
    const rows: [string, number, number, number, number, number][] = [];
    target.room.onMessage("relay", (m: { players: [string, number, number, number, number, number][] }) => rows.push(...m.players.filter((r) => r[0] === browserId)));
    const near = spotInSight(map, back.me!);
    target.report(near.x, near.y);
    await poll(() => rows.some(([, x, y, , hp]) => x === back.me!.x && y === back.me!.y && hp === 100), "the server revived the browser player at its respawn point");
    await rp.waitForFunction(() => window.__statecraftShooter!.visible === 1, undefined, { timeout: 5000 });

    // the bot leaves the room: the server lists no `gone` for a leaver; its scoreboard row going is the sign
    await target.room.leave(true);
    relayBot = undefined;
    await rp.waitForFunction(() => window.__statecraftShooter!.visible === 0, undefined, { timeout: 5000 });
    assert.deepEqual(errors, []);
  });

  it("on a phone (touch, landscape): the left thumb drags to move, the right thumb aims and fires; touch buttons and help", async function () {
    const phone = await launchChromium({ viewport: { width: 844, height: 390 }, touch: true });
    try {
      const p = await phone.context.newPage();
      p.on("pageerror", (e) => pageErrors.push(e.message));
      await p.goto(server.url + "/");
      await p.locator("#display-name").fill("Thumbs");
      await p.getByRole("button", { name: "Enter the lobby" }).click();
      await p.locator('.kind-card[data-kind="shooter"]').getByRole("button", { name: "Quick play" }).click();
      await p.waitForFunction(() => window.__statecraftShooter?.active === true && window.__statecraftShooter.me !== null, undefined, { timeout: 20_000 });
      const cdp = await phone.context.newCDPSession(p);
      const touch = (type: string, points: { x: number; y: number; id: number }[]) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points } as never);
      const start = await p.evaluate(() => window.__statecraftShooter!);
      // the left thumb: down, then dragged 60 px in a direction with room to walk, held
      const [, mx, my] = freeDirection(mapById(start.map)!, start.me!);
      const thumb = { x: 120, y: 250, id: 1 };
      await touch("touchStart", [thumb]);
      for (let i = 1; i <= 6; i++) await touch("touchMove", [{ ...thumb, x: thumb.x + mx * i * 10, y: thumb.y + my * i * 10 }]);
      await p.waitForFunction(([x0, y0, mx, my]) => { const m = window.__statecraftShooter!.me!; return (m.x - x0) * mx + (m.y - y0) * my > 40; }, [start.me!.x, start.me!.y, mx, my] as const, { timeout: 5000 });
      assert.equal(await p.locator(".shooter-hud.touch .shooter-touch-buttons").isVisible(), true, "touch buttons shown");
      assert.match((await p.locator(".shooter-help").textContent()) ?? "", /thumb/);
      await touch("touchEnd", []);
      // the right thumb: a touch on the right half fires (aimed at the finger)
      await p.waitForFunction(() => window.__statecraftShooter!.ammo > 0, undefined, { timeout: 10_000 });
      const ammo = await p.evaluate(() => window.__statecraftShooter!.ammo);
      await touch("touchStart", [{ x: 700, y: 120, id: 2 }]);
      await p.waitForFunction((a) => window.__statecraftShooter!.ammo < a, ammo, { timeout: 5000 });
      await p.screenshot({ path: path.join(E2E_OUT, "shooter-touch.png") });
      await touch("touchEnd", []);
      assert.deepEqual(pageErrors, []);
    } finally {
      await phone.close();
    }
  });
});

async function joinBot(url: string, name: string, options: Record<string, unknown>): Promise<ShooterBot> {
  const res = await fetch(`${url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  const client = new Client(url);
  client.auth.token = ((await res.json()) as { token: string }).token;
  const room: Room<any> = await client.joinOrCreate("shooter", options);
  room.reconnection.enabled = false;
  return new ShooterBot(room);
}

async function poll(predicate: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A floor spot 120–260 px from `from` that a ray from `from` reaches (in view, in sight). */
function spotInSight(map: ShooterMap, from: Point): Point {
  for (const d of [200, 160, 240, 120, 260]) {
    for (let a = 0; a < 24; a++) {
      const angle = (a / 24) * Math.PI * 2;
      const p = { x: Math.round(from.x + Math.cos(angle) * d), y: Math.round(from.y + Math.sin(angle) * d) };
      if (overlapsWall(p.x, p.y, PLAYER_RADIUS + 2, map)) continue;
      if (castRay(map, from, Math.atan2(p.y - from.y, p.x - from.x), 900, [{ id: "t", ...p, r: PLAYER_RADIUS }], "me").target === "t") return p;
    }
  }
  throw new Error(`no spot in sight of ${JSON.stringify(from)}`);
}

/** A key whose direction has room to walk ~0.6 s from `from` (the same movement rule as the client). */
function freeDirection(map: ShooterMap, from: Point): ["d" | "a" | "s" | "w", number, number] {
  for (const [key, mx, my] of [["d", 1, 0], ["a", -1, 0], ["s", 0, 1], ["w", 0, -1]] as const) {
    let p = from;
    for (let i = 0; i < 38; i++) p = stepMove(p, { mx, my }, map, 1 / 64);
    if ((p.x - from.x) * mx + (p.y - from.y) * my > 100) return [key, mx, my];
  }
  throw new Error(`boxed in at ${JSON.stringify(from)}`);
}

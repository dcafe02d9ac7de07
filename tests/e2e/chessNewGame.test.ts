/**
 * After a game ends — an abort above all, which offers no rematch — a player can start a new game
 * at the same time control from the page ("New game", lichess's "New opponent"). Two browser
 * contexts against a real server process. Skips (one line) without /usr/bin/chromium.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { ensureClientBuilt, launchChromium, skipWithoutChromium, type LaunchedBrowser } from "../helpers/browser.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";

const snapshot = "window.__statecraftChess?.snapshot()";

async function enter(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url + "/");
  await page.locator("#display-name").fill(name);
  await page.getByRole("button", { name: "Enter the lobby" }).click();
  await page.waitForFunction("(() => { const s = window.__statecraft; return !!s && s.user !== null && s.lobby === 'live'; })()");
}

async function until(page: Page, predicate: string): Promise<{ gameId: string; timeControl: string; status: string }> {
  await page.waitForFunction(`(() => { const c = ${snapshot}; return !!c && c.active && (${predicate}); })()`, undefined, { timeout: 20_000 });
  return page.evaluate(snapshot) as Promise<{ gameId: string; timeControl: string; status: string }>;
}

describe("e2e: chess, a new game after an aborted one", function () {
  this.timeout(90_000);
  let server: ServerProcess;
  const browsers: LaunchedBrowser[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt("__statecraftChess");
    server = await startServerProcess();
    for (let i = 0; i < 2; i++) browsers.push(await launchChromium({ viewport: { width: 1280, height: 800 } }));
  });

  after(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
  });

  it("aborted: no rematch, but New game pairs again at the same time control", async () => {
    const [alice, bob] = await Promise.all(browsers.map(async (b) => b.context.pages()[0] ?? (await b.context.newPage())));
    await enter(alice!, server.url, "Alice");
    await enter(bob!, server.url, "Bob");
    await alice!.locator('.kind-card[data-kind="chess"]').getByRole("button", { name: "Create" }).click();
    const first = await until(alice!, "c.status === 'waiting'");
    await bob!.goto(alice!.url()); // the room link
    await until(alice!, "c.status === 'playing'");
    await alice!.locator('[data-action="abort"]').click();
    await alice!.locator('[data-action="abort"]').click(); // confirm
    await until(alice!, "c.status === 'ended'");
    assert.equal(await alice!.locator('[data-action="rematch"]').count(), 0, "an aborted game offers no rematch");
    await alice!.locator('[data-action="new-game"]').click();
    const next = await until(alice!, `c.status === 'waiting' && c.gameId !== ${JSON.stringify(first.gameId)}`);
    assert.equal(next.timeControl, first.timeControl);
    // Bob's New game pairs him with Alice's waiting game (quick pairing, same time control)
    await bob!.locator('[data-action="new-game"]').click();
    const paired = await until(bob!, "c.status === 'playing'");
    assert.equal(paired.gameId, next.gameId);
  });
});

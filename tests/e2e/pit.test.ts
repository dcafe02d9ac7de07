/**
 * The trading pit in a real browser (Debian chromium + playwright-core) against a real server process
 * (PIT_BOTS=0, so the book is quiet) serving the built client: sign in, Quick play the ACME pit from
 * the lobby, see a resting ask placed by another trader (SDK in node) on the ladder, place a limit buy
 * below it from the page's form, see the bid level and the open order, see a rejection in words,
 * cancel from the page and see it gone, amend an order, take the ask with a market order (tape,
 * last price). Screenshots: test-output/e2e/pit.png, pit-canceled.png, pit-traded.png.
 * Skips (one line) when /usr/bin/chromium is not installed.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { E2E_OUT, ensureClientBuilt, launchChromium, skipWithoutChromium, type LaunchedBrowser } from "../helpers/browser.js";
import { WebSocket } from "ws";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const OUT = E2E_OUT;

interface PitHook {
  active: boolean;
  symbol: string;
  bestBid: number;
  bestAsk: number;
  openOrders: Array<{ clientOrderId: string; side: string; price: number; leavesQty: number }>;
  lastExecution: { clientOrderId: string; status: string; reason?: string } | null;
}
declare global {
  interface Window {
    __statecraftPit?: PitHook;
  }
}

describe("e2e: the trading pit in a browser", function () {
  this.timeout(90_000);
  let browser: LaunchedBrowser | undefined;
  let server: ServerProcess;
  let page: Page;
  let maker: Room | undefined;
  const pageErrors: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt("__statecraftPit");
    server = await startServerProcess({ env: { PIT_BOTS: "0" } });
    browser = await launchChromium({ viewport: { width: 1360, height: 900 } });
    page = await browser.context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  after(async function () {
    await maker?.leave(true).catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it("ladder, order entry, open orders, rejection in words, cancel", async function () {
    // another trader rests an ask so the book has a best ask
    const res = await fetch(`${server.url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Maker" }) });
    assert.equal(res.status, 201);
    const client = new Client(server.url);
    client.auth.token = ((await res.json()) as { token: string }).token;
    maker = await client.joinOrCreate("pit", { symbol: "ACME" });
    const accepted = new Promise<{ status: string }>((resolve) => maker!.onMessage("execution", (m: { status: string }) => resolve(m)));
    maker.send("order", { clientOrderId: "maker-ask-1", side: "sell", type: "limit", price: 10_010, qty: 5 });
    assert.equal((await accepted).status, "accepted");

    await page.goto(server.url + "/");
    await page.locator("#display-name").fill("Trader");
    await page.getByRole("button", { name: "Enter the lobby" }).click();
    await page.locator('.kind-card[data-kind="pit"]').getByRole("button", { name: "Quick play" }).click();

    await page.waitForFunction(() => window.__statecraftPit?.active === true && window.__statecraftPit.symbol === "ACME", undefined, { timeout: 20_000 });
    await page.waitForFunction(() => window.__statecraftPit?.bestAsk === 10_010);
    await page.locator('.pit-ask[data-price="10010"][data-qty="5"]').waitFor();
    await page.locator(".pit-balances .pit-cash").waitFor();

    // a limit buy below the best ask, from the form
    await page.locator(".pit-side-buy").click();
    await page.locator(".pit-type").selectOption("limit");
    await page.locator(".pit-price").fill("10005");
    await page.locator(".pit-qty").fill("7");
    await page.locator(".pit-tif").selectOption("GTC");
    await page.locator(".pit-submit").click();

    await page.locator('.pit-bid[data-price="10005"][data-qty="7"]').waitFor();
    await page.locator('.pit-open tr[data-side="buy"][data-price="10005"][data-qty="7"]').waitFor();
    // the ladder's columns line up under its header, and my marker has a column of its own
    await page.locator('.pit-bid[data-price="10005"] .pit-mine', { hasText: "●7" }).waitFor();
    // (a string: tsx would wrap a named function with a helper the page does not have)
    type Edges = { left: number; right: number };
    const box = (await page.evaluate(`(() => {
      const edges = {};
      for (const [name, sel] of Object.entries({ headMine: ".pit-ladder-head .pit-mine", headPrice: ".pit-ladder-head .pit-lp", headQty: ".pit-ladder-head .pit-lq",
        mine: '.pit-bid[data-price="10005"] .pit-mine', price: '.pit-bid[data-price="10005"] .pit-lp', qty: '.pit-bid[data-price="10005"] .pit-lq' })) {
        const b = document.querySelector(sel).getBoundingClientRect();
        edges[name] = { left: b.left, right: b.right };
      }
      return edges;
    })()`)) as Record<"headMine" | "headPrice" | "headQty" | "mine" | "price" | "qty", Edges>;
    for (const col of ["Mine", "Price", "Qty"] as const) {
      const head = box[`head${col}`], cell = box[col.toLowerCase() as "mine" | "price" | "qty"];
      assert.ok(Math.abs(head.left - cell.left) < 1 && Math.abs(head.right - cell.right) < 1, `${col} column: header ${JSON.stringify(head)}, row ${JSON.stringify(cell)}`);
    }
    assert.ok(box.mine.right <= box.price.left + 0.5, `the marker's cell ends before the price's (${JSON.stringify(box)})`);
    const state = await page.evaluate(() => ({ bestBid: window.__statecraftPit!.bestBid, orders: window.__statecraftPit!.openOrders, last: window.__statecraftPit!.lastExecution }));
    assert.equal(state.bestBid, 10_005);
    assert.equal(state.orders.length, 1);
    assert.equal(state.orders[0]!.side, "buy");
    assert.equal(state.orders[0]!.leavesQty, 7);
    assert.equal(state.last?.status, "accepted");
    assert.ok(state.orders[0]!.clientOrderId.length <= 36);
    assert.match(await page.locator(".pit-message").textContent() ?? "", /Accepted/);

    // a price outside the band is explained before anything is sent, with the band in numbers
    await page.locator(".pit-price").fill("20000");
    await page.locator(".pit-qty").fill("1");
    await page.locator(".pit-submit").click();
    assert.match(await page.locator(".pit-message").textContent() ?? "", /from 9,000 to 11,000/);
    await page.locator(".pit-price").fill("");
    await page.locator(".pit-submit").click();
    assert.match(await page.locator(".pit-message").textContent() ?? "", /Enter a limit price/);
    assert.equal(await page.locator(".pit-price").inputValue(), "", "a cleared price stays cleared");

    // the engine's rejection is shown in words: a post-only buy at the best ask would trade
    await page.locator(".pit-price").fill("10010");
    await page.locator(".pit-postonly").check();
    await page.locator(".pit-submit").click();
    await page.waitForFunction(() => window.__statecraftPit?.lastExecution?.status === "rejected");
    assert.equal(await page.locator(".pit-message").getAttribute("data-code"), "POST_ONLY_WOULD_CROSS");
    assert.match(await page.locator(".pit-message").textContent() ?? "", /would have traded immediately/);
    await page.locator(".pit-postonly").uncheck();

    // restore a sensible price in the form for the screenshot, then take it
    await page.locator(".pit-price").fill("10005");
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, "pit.png") });

    // cancel from the page
    await page.locator('.pit-open tr[data-price="10005"] .pit-cancel').click();
    await page.locator(".pit-no-orders").waitFor();
    await page.waitForFunction(() => window.__statecraftPit?.openOrders.length === 0 && window.__statecraftPit.bestBid === 0);
    assert.equal(await page.locator('.pit-bid[data-price="10005"]').count(), 0);
    assert.equal(await page.evaluate(() => window.__statecraftPit!.lastExecution?.status), "canceled");
    await page.screenshot({ path: path.join(OUT, "pit-canceled.png") });

    // amend from the page: a new open qty and price
    await page.locator(".pit-price").fill("10004");
    await page.locator(".pit-qty").fill("3");
    await page.locator(".pit-submit").click();
    await page.locator('.pit-open tr[data-price="10004"][data-qty="3"]').waitFor();
    await page.locator('.pit-open tr[data-price="10004"] .pit-amend-btn').click();
    // a bad quantity is explained next to the amend form, and nothing is sent
    await page.locator(".pit-amend-qty").fill("0");
    await page.locator(".pit-amend").getByRole("button", { name: "Save" }).click();
    assert.equal(await page.locator(".pit-amend .pit-amend-error").textContent(), "New quantity must be a whole number ≥ 1.");
    await page.locator(".pit-amend-qty").fill("2");
    await page.locator(".pit-amend-price").fill("10003");
    await page.locator(".pit-amend").getByRole("button", { name: "Save" }).click();
    await page.locator('.pit-open tr[data-price="10003"][data-qty="2"]').waitFor();
    await page.locator('.pit-bid[data-price="10003"][data-qty="2"]').waitFor();

    // a market buy takes the maker's ask: the tape, the last price and a candle
    await page.locator(".pit-type").selectOption("market");
    await page.locator(".pit-qty").fill("2");
    await page.locator(".pit-submit").click();
    await page.waitForFunction(() => window.__statecraftPit?.lastExecution?.status === "filled");
    await page.locator(".pit-tape tr[data-trade]").first().waitFor();
    await page.locator('.pit-ask[data-price="10010"][data-qty="3"]').waitFor();
    assert.match((await page.locator(".pit-head").textContent()) ?? "", /10,010/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, "pit-traded.png") });

    // Market forced IOC; back on Limit, the GTC chosen before comes back
    await page.locator(".pit-type").selectOption("limit");
    assert.equal(await page.locator(".pit-tif").inputValue(), "GTC", "the time in force chosen before Market");

    // my fill is listed, and the session's P&L comes from it (bought 2 at 10,010, marked at 10,010)
    await page.locator('.pit-fills tr[data-fill] td', { hasText: "10,010" }).first().waitFor();
    assert.match((await page.locator(".pit-pnl").textContent()) ?? "", /position 1,002 lots .* P&L this session \+0/);
    assert.match((await page.locator(".pit-account").textContent()) ?? "", /Account cash, all instruments \(this room.s included\): [\d,]+ available/);

    // back to the lobby and in again: a fresh page of the same account — the resting order is listed
    // (the page used to keep the last visit's list and show nothing), and P&L starts from zero
    await page.getByRole("button", { name: "← Lobby" }).click();
    await page.locator('.kind-card[data-kind="pit"]').getByRole("button", { name: "Quick play" }).click();
    await page.waitForFunction(() => window.__statecraftPit?.active === true && window.__statecraftPit.openOrders.length === 1, undefined, { timeout: 20_000 });
    await page.locator('.pit-open tr[data-price="10003"][data-qty="2"]').waitFor();
    await page.locator('.pit-fills tr[data-fill]').first().waitFor();
    assert.match((await page.locator(".pit-pnl").textContent()) ?? "", /P&L this session \+0/);
    await page.screenshot({ path: path.join(OUT, "pit-rejoined.png") });

    // the lobby's Create for a market that already has its room (one per market) joins that room
    await page.getByRole("button", { name: "← Lobby" }).click();
    await page.locator('.kind-card[data-kind="pit"]').getByRole("button", { name: "Create" }).click();
    await page.waitForFunction(() => window.__statecraftPit?.active === true && window.__statecraftPit.openOrders.length === 1, undefined, { timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.__statecraftPit!.symbol), "ACME");
    assert.equal(await page.locator("#toasts .toast", { hasText: "ROOM_EXISTS" }).count(), 0, "no refusal shown");
    await page.locator("#toasts .toast", { hasText: "The ACME pit is already open: you joined it." }).waitFor({ timeout: 5000 }); // but said

    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  });
});

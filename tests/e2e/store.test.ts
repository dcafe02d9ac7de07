/**
 * The store in a real browser (Debian chromium + playwright-core) against a real server process
 * serving the built client: browse the grid (images, live stock badges), search, open a product
 * page ("people looking"), see a sale by someone else update the badge live, add to the cart, check
 * out, see the confirmation and the order in "My orders". Screenshots: test-output/e2e/store-*.png.
 * Skips (one line) when /usr/bin/chromium is not installed.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { Page } from "playwright-core";
import { E2E_OUT, ensureClientBuilt, launchChromium, skipWithoutChromium, type LaunchedBrowser } from "../helpers/browser.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { StoreShopper } from "../shared/store/shopper.js";

const OUT = E2E_OUT;

describe("e2e: the store in a browser", function () {
  this.timeout(90_000);
  let browser: LaunchedBrowser | undefined;
  let server: ServerProcess;
  let page: Page;
  const pageErrors: string[] = [];

  before(async function () {
    skipWithoutChromium(this);
    ensureClientBuilt();
    server = await startServerProcess();
    browser = await launchChromium({ viewport: { width: 1280, height: 860 } });
    page = await browser.context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
  });

  it("browse, search, product page with live stock, cart, checkout, order history", async function () {
    await page.goto(server.url + "/");
    await page.locator("#display-name").fill("Shopper");
    await page.getByRole("button", { name: "Enter the lobby" }).click();
    await page.locator('.kind-card[data-kind="store"]').getByRole("button", { name: "Quick play" }).click();

    // the grid: every product, with its image and a stock badge
    await page.waitForFunction(() => document.querySelectorAll(".store[data-view='grid'] .product-card").length >= 30, undefined, { timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>(".product-card img")].slice(0, 8).every((i) => i.complete && i.naturalWidth > 0));
    const cards = await page.locator(".product-card").count();
    const total = (await (await fetch(`${server.url}/api/store/products?limit=1`)).json()).total;
    assert.equal(cards, total);
    assert.equal(await page.locator(".product-card .stock-badge").count(), cards);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(OUT, "store-grid.png") });

    // search
    await page.locator(".store-search").fill("compass");
    await page.locator(".store-search").press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".product-card").length === 1);
    assert.equal(await page.locator(".product-card .product-name").textContent(), "Brass Compass");

    // product page: who is looking (me), and a sale by someone else updates the badge live
    await page.locator(".product-card").click();
    await page.locator(".product-page h2").waitFor();
    await page.waitForFunction(() => document.querySelector(".product-page .viewers")?.textContent === "only you are looking at this");
    const stockBefore = Number(await page.locator(".product-page .stock-badge").getAttribute("data-stock"));
    const other = await new StoreShopper(server.url).signIn("Someone else");
    await other.add("brass-compass", 2);
    assert.equal((await other.checkout()).status, 201);
    await page.waitForFunction((n) => document.querySelector(".product-page .stock-badge")?.getAttribute("data-stock") === String(n), stockBefore - 2);
    assert.equal(await page.locator(".product-page .stock-badge").textContent(), `${stockBefore - 2} in stock`);
    await page.screenshot({ path: path.join(OUT, "store-product.png") });

    // a quantity that is not a whole number from 1 adds nothing and says why
    for (const typed of ["0", "-3", "", "2.5"]) {
      await page.locator(".add-row .qty").fill(typed);
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.locator(".toast", { hasText: "Enter a whole number of items from 1" }).last().waitFor();
    }
    assert.equal(await page.locator(".nav-cart").textContent(), "Cart", "nothing was added");

    // cart
    await page.locator(".add-row .qty").fill("3");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.waitForFunction(() => document.querySelector(".nav-cart")?.textContent === "Cart (3)");
    await page.locator(".nav-cart").click();
    await page.locator(".cart-lines tr[data-line='brass-compass']").waitFor();
    assert.equal(await page.locator(".cart-total strong").textContent(), "74.70 €");
    await page.screenshot({ path: path.join(OUT, "store-cart.png") });
    assert.equal(await page.locator(".line-short").isVisible(), false, "no shortage while the stock covers the line");

    // someone else buys all but one: opened again, the cart shows the stock now and flags the line
    const left = (await (await fetch(`${server.url}/api/store/products/brass-compass`)).json()).stock as number;
    await other.add("brass-compass", left - 1);
    assert.equal((await other.checkout()).status, 201);
    await page.locator(".nav-products").click();
    await page.locator(".product-card").first().waitFor();
    await page.locator(".nav-cart").click();
    const short = page.locator(".cart-lines tr[data-line='brass-compass'] .line-short");
    await short.waitFor();
    assert.equal(await short.textContent(), "Only 1 in stock now: lower the quantity to check out.");
    assert.equal(await page.locator(".cart-lines tr[data-line='brass-compass'] .stock-badge").getAttribute("data-stock"), "1");
    await page.screenshot({ path: path.join(OUT, "store-cart-short.png") });
    // lowering the line to what is there clears the flag
    for (let n = 3; n > 1; n--) {
      await page.getByRole("button", { name: "one less Brass Compass" }).click();
      await page.waitForFunction((q) => document.querySelector(".cart-lines tr[data-line='brass-compass'] .qty-value")?.textContent === String(q), n - 1);
    }
    await short.waitFor({ state: "hidden" });

    // checkout: a clear result
    await page.getByRole("button", { name: "Check out" }).click();
    await page.locator(".checkout-result.ok").waitFor();
    const orderId = (await page.locator(".checkout-result .order code").textContent())!;
    assert.match(orderId, /^ord_/);
    assert.equal(await page.locator(".checkout-result h2").textContent(), "✓ Order confirmed");
    assert.equal(await page.locator(".nav-cart").textContent(), "Cart", "the cart is emptied");
    await page.screenshot({ path: path.join(OUT, "store-checkout.png") });

    // the server has it, for this user
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem("statecraft.session")))!) as { token: string };
    const mine = await (await fetch(`${server.url}/api/store/orders`, { headers: { authorization: `Bearer ${session.token}` } })).json();
    assert.deepEqual(mine.items.map((o: { orderId: string }) => o.orderId), [orderId]);
    assert.equal(mine.items[0].items[0].qty, 1);

    // order history
    await page.getByRole("button", { name: "See my orders" }).click();
    await page.locator(`.orders .order[data-order='${orderId}']`).waitFor();
    assert.equal(await page.locator(".orders .order").count(), 1);
    await page.screenshot({ path: path.join(OUT, "store-orders.png") });

    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  });

  it("each page has its address: Back and Forward move between them, a reload keeps the page", async function () {
    const roomLink = () => new URL(page.url()).hash;
    const at = async (view: string) => page.locator(`.store[data-view='${view}']`).waitFor();
    await page.locator(".nav-products").click();
    await page.locator(".product-card").first().waitFor();
    const grid = roomLink();
    assert.match(grid, /^#\/join\/[A-Za-z0-9_-]+$/);
    await page.locator(".product-card").first().click();
    await page.locator(".product-page h2").waitFor();
    const product = roomLink();
    assert.match(product, new RegExp(`^${grid}/product/[A-Za-z0-9_-]+$`));
    const name = await page.locator(".product-page h2").textContent();
    await page.locator(".nav-cart").click();
    await at("cart");
    assert.equal(roomLink(), `${grid}/cart`);
    await page.goBack();
    await page.locator(".product-page h2", { hasText: name! }).waitFor();
    assert.equal(roomLink(), product);
    await page.goBack();
    await at("grid");
    assert.equal(roomLink(), grid);
    await page.goForward();
    await page.locator(".product-page h2", { hasText: name! }).waitFor();
    // a reload (or the link sent to a friend) opens the same product page, in the same room
    await page.reload();
    await page.locator(".product-page h2", { hasText: name! }).waitFor({ timeout: 20_000 });
    assert.equal(roomLink(), product);
    await page.locator(".nav-orders").click();
    await at("orders");
    await page.reload();
    await at("orders");
    assert.equal(roomLink(), `${grid}/orders`);
    // a reload leaves the history as it was: Back goes to the store's previous page, not the lobby
    await page.goBack();
    await page.locator(".product-page h2", { hasText: name! }).waitFor();
    assert.equal(roomLink(), product);
    // a product link outlives the room it was copied in: sent to a friend after that room closed
    // (here: a room id that names no room), it opens that product in a store room
    const closedRoomLink = product.replace(/^#\/join\/[^/]+/, "#/join/closedRoom1");
    const friend = await launchChromium({ viewport: { width: 1280, height: 800 } });
    try {
      const other = friend.context.pages()[0] ?? (await friend.context.newPage());
      other.on("pageerror", (e) => pageErrors.push(e.message));
      await other.goto(`${server.url}/${closedRoomLink}`);
      await other.locator("#display-name").fill("Friend");
      await other.getByRole("button", { name: "Enter the lobby" }).click();
      await other.locator(".product-page h2", { hasText: name! }).waitFor({ timeout: 20_000 });
      assert.match(new URL(other.url()).hash, /^#\/join\/[A-Za-z0-9_-]+\/product\/[A-Za-z0-9_-]+$/);
      // a page that is not in the store: said so, with the way back
      await other.goto(`${server.url}/${new URL(other.url()).hash.replace(/product\/.*$/, "product/no-such-thing")}`);
      await other.locator(".product-missing", { hasText: "This product is not in the store" }).waitFor({ timeout: 20_000 });
      await other.waitForTimeout(500); // the room's answer to `view` has come by now
      assert.equal(await other.locator(".toast", { hasText: "no-such-thing" }).count(), 0, "said once, on the page, not in a toast too");
      await other.getByRole("button", { name: "← All products" }).click();
      await other.locator(".store[data-view='grid'] .product-card").first().waitFor();
    } finally {
      await friend.close();
    }
    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  });
});

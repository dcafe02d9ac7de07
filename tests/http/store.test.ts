/**
 * The store's HTTP API through real requests against the in-process server: every endpoint with
 * good and bad input, idempotency, oversell under concurrency, cache invalidation and the gateway
 * (rate limits, body size, origins).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { StartedApp } from "../../server/app.js";
import { openDatabase } from "../../server/platform/db/database.js";
import { loadOrCreateSecret } from "../../server/platform/auth.js";
import { ProductRepository } from "../../server/rooms/store/productRepository.js";
import { createCartTokens } from "../../server/rooms/store/cartToken.js";
import { storeService, type StoreService } from "../../server/rooms/store/service.js";
import { testServer } from "../helpers/testServer.js";
import { StoreShopper, type Reply } from "../shared/store/shopper.js";

describe("store HTTP API", function () {
  this.timeout(30_000);
  let app: StartedApp;
  let store: StoreService;
  const shopper = () => new StoreShopper(app.url);
  const metric = async (cache: string, result: string) => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    const m = new RegExp(`statecraft_cache_requests_total\\{cache="${cache}",result="${result}"\\} (\\d+)`).exec(text);
    return Number(m?.[1] ?? 0);
  };

  before(async () => {
    app = await testServer();
    store = storeService(app.platform);
  });

  describe("GET /api/store/products", () => {
    it("lists products with total, in pages", async () => {
      const s = shopper();
      const all = await s.request("GET", "/api/store/products?limit=100");
      assert.equal(all.status, 200);
      assert.ok(all.body.total >= 30);
      assert.equal(all.body.items.length, all.body.total);
      const p = all.body.items[0];
      for (const k of ["id", "name", "description", "priceCents", "currency", "stock", "category", "imageUrl"]) assert.ok(k in p, k);
      const page = await s.request("GET", "/api/store/products?limit=5&offset=5");
      assert.deepEqual(page.body.items.map((i: { id: string }) => i.id), all.body.items.slice(5, 10).map((i: { id: string }) => i.id));
      assert.equal(page.body.total, all.body.total);
    });

    it("searches by q and category", async () => {
      const s = shopper();
      const r = await s.request("GET", "/api/store/products?q=Compass");
      assert.deepEqual(r.body.items.map((i: { id: string }) => i.id), ["brass-compass"]);
      const snacks = await s.request("GET", "/api/store/products?category=snacks&limit=100");
      assert.ok(snacks.body.total >= 3);
      assert.ok(snacks.body.items.every((i: { category: string }) => i.category === "snacks"));
      const none = await s.request("GET", "/api/store/products?q=unobtainium");
      assert.deepEqual(none.body, { items: [], total: 0 });
    });

    it("refuses bad queries with 400 naming every offending field", async () => {
      const r = await shopper().request("GET", "/api/store/products?limit=0&offset=x&category=cars");
      assert.equal(r.status, 400);
      assert.equal(r.body.code, "VALIDATION_FAILED");
      assert.deepEqual(r.body.details.map((d: { path: string }) => d.path).sort(), ["category", "limit", "offset"]);
    });

    it("refuses a q with control characters (a NUL matched everything on SQLite; PostgreSQL cannot store one)", async () => {
      for (const q of ["%00", "a%00b", "%07", "%7F"]) {
        const r = await shopper().request("GET", `/api/store/products?q=${q}`);
        assert.deepEqual([r.status, r.body.code, r.body.details?.[0]?.path], [400, "VALIDATION_FAILED", "q"], q);
      }
      const tab = await shopper().request("GET", "/api/store/products?q=brass%09compass"); // whitespace: collapsed, fine
      assert.equal(tab.status, 200);
    });
  });

  describe("GET /api/store/products/:id and images", () => {
    it("serves one product, 404 for an unknown one, 400 for a malformed id", async () => {
      const s = shopper();
      const ok = await s.request("GET", "/api/store/products/brass-compass");
      assert.equal(ok.status, 200);
      assert.equal(ok.body.name, "Brass Compass");
      assert.equal(ok.body.currency, "EUR");
      assert.equal((await s.request("GET", "/api/store/products/no-such-thing")).body.code, "NOT_FOUND");
      const bad = await s.request("GET", "/api/store/products/Not%20An%20Id");
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, "VALIDATION_FAILED");
    });

    it("serves the product images", async () => {
      const s = shopper();
      const res = await fetch(`${app.url}/api/store/images/brass-compass.svg`, { headers: { "x-forwarded-for": s.ip } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /image\/svg\+xml/);
      assert.match(await res.text(), /<svg/);
      assert.match(res.headers.get("cache-control") ?? "", /max-age=86400/);
      const missing = await s.request("GET", "/api/store/images/nothing-here.svg");
      assert.equal(missing.status, 404);
      assert.doesNotMatch(missing.headers.get("cache-control") ?? "", /max-age/, "a 404 is not cached for a day");
      assert.equal((await s.request("GET", "/api/store/images/..%2Fcatalog.json")).status, 404);
    });
  });

  describe("POST /api/store/cart", () => {
    it("adds, changes and removes lines; totals come from current prices", async () => {
      const s = shopper();
      let r = await s.add("brass-compass", 2);
      assert.equal(r.status, 200);
      assert.equal(r.body.totalCents, 2 * 2490);
      r = await s.add("energy-mints", 3);
      assert.deepEqual(r.body.items.map((i: { productId: string; qty: number }) => [i.productId, i.qty]), [["brass-compass", 2], ["energy-mints", 3]]);
      r = await s.add("brass-compass", 0);
      assert.deepEqual(r.body.items.map((i: { productId: string }) => i.productId), ["energy-mints"]);
      assert.equal(r.body.totalCents, 3 * 350);
    });

    it("re-reads prices: a price change shows in the next cart reply", async () => {
      const s = shopper();
      await s.add("salted-pretzels", 2);
      await store.products.setPrice("salted-pretzels", 310, app.platform.now());
      try {
        const r = await s.add("energy-mints", 1);
        assert.equal(r.body.items.find((i: { productId: string }) => i.productId === "salted-pretzels").unitPriceCents, 310);
      } finally {
        await store.products.setPrice("salted-pretzels", 290, app.platform.now());
      }
    });

    it("refuses tampered, foreign and expired cart tokens with a code", async () => {
      const s = shopper();
      const { body } = await s.add("brass-compass", 1);
      const [prefix, payload, sig] = body.cartToken.split(".");
      const forged = Buffer.from(JSON.stringify({ l: [["brass-compass", 99]], iat: 0, exp: 9e9 })).toString("base64url");
      for (const token of [`${prefix}.${forged}.${sig}`, `${prefix}.${payload}.${sig.slice(0, -2)}AA`, "garbage", `${prefix}.${payload}`]) {
        const r = await s.request("POST", "/api/store/cart", { body: { cartToken: token, productId: "brass-compass", qty: 1 } });
        assert.equal(r.status, 400, token);
        assert.equal(r.body.code, "CART_TOKEN_INVALID");
      }
      const secret = loadOrCreateSecret(app.platform.config.dataDir, app.platform.config.authSecret);
      const old = createCartTokens(secret, 60, () => Date.now() - 3600_000).sign({ lines: [{ productId: "brass-compass", qty: 1 }] });
      const expired = await s.request("POST", "/api/store/cart", { body: { cartToken: old, productId: "energy-mints", qty: 1 } });
      assert.equal(expired.status, 400);
      assert.equal(expired.body.code, "CART_TOKEN_EXPIRED");
      const foreign = createCartTokens(new TextEncoder().encode("x".repeat(40)), 60, Date.now).sign({ lines: [] });
      assert.equal((await s.request("POST", "/api/store/cart", { body: { cartToken: foreign, productId: "energy-mints", qty: 1 } })).body.code, "CART_TOKEN_INVALID");
    });

    it("refuses bad bodies (400 listing fields), unknown products (404) and more than the stock (409)", async () => {
      const s = shopper();
      const bad = await s.request("POST", "/api/store/cart", { body: { productId: "Brass!", qty: "2", priceCents: 1 } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, "VALIDATION_FAILED");
      assert.deepEqual(bad.body.details.map((d: { path: string }) => d.path).sort(), ["priceCents", "productId", "qty"], "the unknown field named");
      assert.equal((await s.request("POST", "/api/store/cart", { body: { productId: "nope-nope", qty: 1 } })).status, 404);
      const tooMany = await s.request("POST", "/api/store/cart", { body: { productId: "limited-tin-figure", qty: 99 } });
      assert.equal(tooMany.status, 409);
      assert.equal(tooMany.body.code, "INSUFFICIENT_STOCK");
      const json = await s.request("POST", "/api/store/cart", { raw: "{nope" });
      assert.deepEqual([json.status, json.body.code], [400, "BAD_REQUEST"]);
      const big = await s.request("POST", "/api/store/cart", { body: { productId: "brass-compass", qty: 1, pad: "x".repeat(20_000) } });
      assert.deepEqual([big.status, big.body.code], [413, "PAYLOAD_TOO_LARGE"]);
    });

    it("reads a cart with its token alone; a line over the stock sold since is shown and may be lowered, not raised", async () => {
      const a = shopper();
      const b = await shopper().signIn("Rival");
      await a.add("brass-compass", 3);
      const read = await a.request("POST", "/api/store/cart", { body: { cartToken: a.cartToken } });
      assert.equal(read.status, 200);
      assert.deepEqual(read.body.items.map((i: { productId: string; qty: number }) => [i.productId, i.qty]), [["brass-compass", 3]]);
      const stock = read.body.items[0].stock as number;
      // someone else buys all but one
      await b.add("brass-compass", stock - 1);
      assert.equal((await b.checkout()).status, 201);
      const again = await a.request("POST", "/api/store/cart", { body: { cartToken: a.cartToken } });
      assert.equal(again.status, 200, "reading never fails on stock");
      assert.deepEqual([again.body.items[0].qty, again.body.items[0].stock], [3, 1]);
      const up = await a.request("POST", "/api/store/cart", { body: { cartToken: a.cartToken, productId: "brass-compass", qty: 4 } });
      assert.deepEqual([up.status, up.body.code, up.body.details], [409, "INSUFFICIENT_STOCK", [{ productId: "brass-compass", requested: 4, available: 1 }]]);
      assert.equal((await a.add("brass-compass", 2)).status, 200, "lowering is accepted, even while still over the stock");
      assert.equal((await a.add("brass-compass", 1)).status, 200);
      // a token is needed to read; productId and qty go together
      for (const body of [{}, { productId: "brass-compass" }, { qty: 1 }]) {
        const r = await a.request("POST", "/api/store/cart", { body });
        assert.deepEqual([r.status, r.body.code], [400, "VALIDATION_FAILED"], JSON.stringify(body));
      }
    });
  });

  describe("POST /api/store/checkout", () => {
    it("creates an order (201), decrements stock, and the product page shows it at once", async () => {
      const s = await shopper().signIn("Buyer");
      const before = (await s.request("GET", "/api/store/products/headset-stand")).body.stock;
      await s.add("headset-stand", 2);
      const r = await s.checkout();
      assert.equal(r.status, 201);
      assert.match(r.body.orderId, /^ord_/);
      assert.equal(r.body.status, "confirmed");
      assert.equal(r.body.totalCents, 2 * 1790);
      assert.deepEqual(r.body.items.map((i: { productId: string; qty: number }) => [i.productId, i.qty]), [["headset-stand", 2]]);
      assert.equal(r.headers.get("location"), `/api/store/orders/${r.body.orderId}`);
      assert.equal(r.headers.get("idempotent-replayed"), null);
      assert.equal((await s.request("GET", "/api/store/products/headset-stand")).body.stock, before - 2, "cache invalidated by the checkout");
    });

    it("charges the price in the database, not an earlier one", async () => {
      const s = await shopper().signIn("Bargain hunter");
      await s.add("card-sleeves", 1);
      await store.products.setPrice("card-sleeves", 777, app.platform.now());
      try {
        const r = await s.checkout();
        assert.equal(r.body.totalCents, 777);
      } finally {
        await store.products.setPrice("card-sleeves", 690, app.platform.now());
      }
    });

    it("replays the same key + body (same status, body and Location, Idempotent-Replayed: true)", async () => {
      const s = await shopper().signIn("Retrier");
      await s.add("cable-ties", 1);
      const key = randomUUID();
      const first = await s.checkout(key);
      const again = await s.checkout(key);
      assert.equal(again.status, first.status);
      assert.deepEqual(again.body, first.body);
      assert.equal(again.headers.get("location"), `/api/store/orders/${first.body.orderId}`);
      assert.equal(again.headers.get("location"), first.headers.get("location"));
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.equal((await s.request("GET", "/api/store/orders")).body.items.length, 1);
    });

    it("refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED)", async () => {
      const s = await shopper().signIn("Reuser");
      await s.add("cable-ties", 1);
      const key = randomUUID();
      assert.equal((await s.checkout(key)).status, 201);
      await s.add("cable-ties", 2);
      const r = await s.checkout(key);
      assert.equal(r.status, 422);
      assert.equal(r.body.code, "IDEMPOTENCY_KEY_REUSED");
      await s.add("cable-ties", 0); // an empty cart under the used key: still a reused key, not CART_EMPTY
      const empty = await s.checkout(key);
      assert.deepEqual([empty.status, empty.body.code], [422, "IDEMPOTENCY_KEY_REUSED"]);
      assert.equal((await s.checkout(randomUUID())).body.code, "CART_EMPTY", "under a fresh key it is CART_EMPTY");
    });

    it("concurrent duplicates with one key create exactly one order", async () => {
      const s = await shopper().signIn("Double clicker");
      await s.add("usb-hub", 1);
      const stock = (await s.request("GET", "/api/store/products/usb-hub")).body.stock;
      const key = randomUUID();
      const replies = await Promise.all(Array.from({ length: 10 }, () => s.checkout(key)));
      assert.ok(replies.every((r) => r.status === 201), replies.map((r) => r.status).join(","));
      assert.equal(new Set(replies.map((r) => r.body.orderId)).size, 1);
      assert.equal(replies.filter((r) => r.headers.get("idempotent-replayed") !== "true").length, 1);
      assert.equal((await s.request("GET", "/api/store/orders")).body.items.length, 1);
      assert.equal((await s.request("GET", "/api/store/products/usb-hub")).body.stock, stock - 1);
    });

    it("refuses a cart the stock cannot fill (409 INSUFFICIENT_STOCK): nothing reserved, no order", async () => {
      const s = await shopper().signIn("Hoarder");
      await store.products.setStock("rulebook-binder", 3, app.platform.now());
      await s.add("rulebook-binder", 3);
      await s.add("energy-mints", 1);
      await store.products.setStock("rulebook-binder", 2, app.platform.now());
      const mints = (await s.request("GET", "/api/store/products/energy-mints")).body.stock;
      const r = await s.checkout();
      assert.equal(r.status, 409);
      assert.equal(r.body.code, "INSUFFICIENT_STOCK");
      assert.deepEqual(r.body.details, [{ productId: "rulebook-binder", requested: 3, available: 2 }]);
      assert.equal((await s.request("GET", "/api/store/products/energy-mints")).body.stock, mints, "the other line was not reserved");
      assert.equal((await s.request("GET", "/api/store/products/rulebook-binder")).body.stock, 2);
      assert.deepEqual((await s.request("GET", "/api/store/orders")).body.items, []);
    });

    it("never oversells: 40 shoppers at once for the last 5 units → exactly 5 orders", async () => {
      await store.products.setStock("limited-tin-figure", 5, app.platform.now());
      const shoppers = await Promise.all(Array.from({ length: 40 }, (_, i) => shopper().signIn(`Fan ${i}`)));
      for (const s of shoppers) assert.equal((await s.add("limited-tin-figure", 1)).status, 200);
      const soldBefore = await store.orders.unitsSold("limited-tin-figure");
      const replies = await Promise.all(shoppers.map((s) => s.checkout()));
      const statuses = replies.map((r) => r.status);
      assert.equal(statuses.filter((c) => c === 201).length, 5, statuses.join(","));
      assert.equal(statuses.filter((c) => c === 409).length, 35);
      assert.equal((await shoppers[0]!.request("GET", "/api/store/products/limited-tin-figure")).body.stock, 0);
      assert.equal((await store.orders.unitsSold("limited-tin-figure")) - soldBefore, 5);
    });

    it("refuses: no token 401, no key 400, bad key 400, bad body 400, empty cart 400", async () => {
      const anon = shopper();
      await anon.add("energy-mints", 1);
      const noAuth = await anon.checkout();
      assert.deepEqual([noAuth.status, noAuth.body.code], [401, "UNAUTHORIZED"]);
      const s = await shopper().signIn("Careless");
      await s.add("energy-mints", 1);
      const noKey = await s.request("POST", "/api/store/checkout", { body: { cartToken: s.cartToken } });
      assert.deepEqual([noKey.status, noKey.body.code], [400, "IDEMPOTENCY_KEY_REQUIRED"]);
      const badKey = await s.request("POST", "/api/store/checkout", { body: { cartToken: s.cartToken }, headers: { "idempotency-key": "has space" } });
      assert.deepEqual([badKey.status, badKey.body.code], [400, "VALIDATION_FAILED"]);
      const badBody = await s.request("POST", "/api/store/checkout", { body: { cart: "x" }, headers: { "idempotency-key": randomUUID() } });
      assert.equal(badBody.status, 400);
      assert.deepEqual(badBody.body.details.map((d: { path: string }) => d.path).sort(), ["cart", "cartToken"]);
      await s.add("energy-mints", 0);
      const empty = await s.checkout();
      assert.deepEqual([empty.status, empty.body.code], [400, "CART_EMPTY"]);
    });
  });

  describe("GET /api/store/orders[/:id]", () => {
    it("lists my orders only; an order is visible to its owner only (others: 404)", async () => {
      const alice = await shopper().signIn("Alice");
      const bob = await shopper().signIn("Bob");
      await alice.add("star-chart", 1);
      const order = (await alice.checkout()).body;
      const mine = await alice.request("GET", "/api/store/orders");
      assert.deepEqual(mine.body.items, [order]);
      assert.deepEqual((await alice.request("GET", `/api/store/orders/${order.orderId}`)).body, order);
      assert.deepEqual((await bob.request("GET", "/api/store/orders")).body, { items: [] });
      const theirs = await bob.request("GET", `/api/store/orders/${order.orderId}`);
      assert.deepEqual([theirs.status, theirs.body.code], [404, "NOT_FOUND"]);
      assert.equal((await bob.request("GET", "/api/store/orders/not-an-order")).status, 400);
      assert.equal((await shopper().request("GET", "/api/store/orders")).status, 401);
    });
  });

  describe("catalog cache", () => {
    it("counts hits and misses in /metrics", async () => {
      const s = shopper();
      await s.request("GET", "/api/store/products/dice-tower");
      const [h, m] = [await metric("store_products", "hit"), await metric("store_products", "miss")];
      await s.request("GET", "/api/store/products/dice-tower");
      assert.equal(await metric("store_products", "hit"), h + 1);
      assert.equal(await metric("store_products", "miss"), m);
    });

    it("serves a price change made by ANOTHER connection (another process) on the very next read", async () => {
      const s = shopper();
      assert.equal((await s.request("GET", "/api/store/products/polyhedral-dice")).body.priceCents, 790);
      await s.request("GET", "/api/store/products/polyhedral-dice"); // cached now
      const other = await openDatabase({ sqliteFile: app.platform.db.sqlite!.name });
      try {
        await new ProductRepository(other.kysely).setPrice("polyhedral-dice", 850, Date.now());
        const r = await s.request("GET", "/api/store/products/polyhedral-dice");
        assert.equal(r.body.priceCents, 850, "no stale price, no waiting");
        const list = await s.request("GET", "/api/store/products?q=polyhedral");
        assert.equal(list.body.items[0].priceCents, 850, "searches too");
        await new ProductRepository(other.kysely).setStock("polyhedral-dice", 149, Date.now());
        assert.equal((await s.request("GET", "/api/store/products/polyhedral-dice")).body.stock, 149);
      } finally {
        await new ProductRepository(other.kysely).setPrice("polyhedral-dice", 790, Date.now());
        await other.close();
      }
    });
  });

  describe("gateway", () => {
    it("rate-limits per client address: 429 with Retry-After, other addresses unaffected", async () => {
      const s = shopper();
      const burst = store.config.ipBurst;
      // one address hammering: the bucket (burst, then a steady refill) runs dry
      let limited: Reply | undefined;
      let sent = 0;
      while (!limited && sent < burst * 4) {
        const batch = await Promise.all(Array.from({ length: 20 }, () => s.request("GET", "/api/store/products/meeple-pack")));
        sent += batch.length;
        limited = batch.find((r) => r.status === 429);
      }
      assert.ok(limited, `no 429 after ${sent} requests`);
      assert.ok(sent > burst, "the burst itself is served");
      assert.equal(limited.body.code, "RATE_LIMITED");
      assert.match(limited.headers.get("retry-after") ?? "", /^\d+$/);
      assert.equal((await shopper().request("GET", "/api/store/products/meeple-pack")).status, 200);
    });

    it("rate-limits per user, whatever the address", async () => {
      const s = await shopper().signIn("Spammer");
      const burst = store.config.userBurst;
      let limited: Reply | undefined;
      let sent = 0;
      while (!limited && sent < burst * 4) {
        const batch = await Promise.all(Array.from({ length: 5 }, () => {
          const other = shopper();
          other.token = s.token; // same user, a new address each time
          return other.request("GET", "/api/store/orders");
        }));
        sent += batch.length;
        limited = batch.find((r) => r.status === 429);
      }
      assert.ok(limited, `no 429 after ${sent} requests`);
      assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    });

    it("allows same-origin and listed origins; refuses writes from other origins", async () => {
      const s = shopper();
      const host = new URL(app.url).host;
      const same = await s.request("POST", "/api/store/cart", { body: { productId: "trail-mix", qty: 1 }, headers: { origin: `http://${host}` } });
      assert.equal(same.status, 200);
      const foreign = await s.request("POST", "/api/store/cart", { body: { productId: "trail-mix", qty: 1 }, headers: { origin: "http://evil.example" } });
      assert.deepEqual([foreign.status, foreign.body.code], [403, "ORIGIN_NOT_ALLOWED"]);
      const read = await s.request("GET", "/api/store/products/trail-mix", { headers: { origin: "http://evil.example" } });
      assert.equal(read.status, 200);
      assert.equal(read.headers.get("access-control-allow-origin"), null, "a foreign page cannot read it");
    });
  });
});

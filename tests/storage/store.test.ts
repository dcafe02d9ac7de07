/**
 * Store persistence on SQLite and PostgreSQL: seeding, search, the checkout transaction
 * (idempotency, refusals that change nothing, no oversell under concurrency) and the catalog
 * guard noticing another connection's writes.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Database } from "../../server/platform/db/database.js";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { createLogger } from "../../server/platform/logger.js";
import { storeMigrations } from "../../server/rooms/store/migrations.js";
import { ProductRepository } from "../../server/rooms/store/productRepository.js";
import { OrderRepository, type CheckoutInput } from "../../server/rooms/store/orderRepository.js";
import { CatalogGuard, type CatalogChange } from "../../server/rooms/store/catalogGuard.js";
import { validateCatalog, normalizeQuery, ProductQuery, type CatalogProduct } from "../../shared/store/index.js";
import { describeEachDialect } from "../helpers/databases.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const catalog = validateCatalog(JSON.parse(fs.readFileSync(path.join(ROOT, "assets/store/catalog.json"), "utf8")));
if (!catalog.ok) throw new Error(catalog.error.message);
const PRODUCTS: CatalogProduct[] = catalog.value.products;
const quiet = createLogger("silent", {});

describeEachDialect("store storage", (db) => {
  let products: ProductRepository;
  let orders: OrderRepository;
  let n = 0;
  const input = (over: Partial<CheckoutInput> = {}): CheckoutInput => ({
    userId: "u1", key: `k${++n}`, requestHash: "h", cart: { lines: [{ productId: "brass-compass", qty: 1 }] }, now: 1_000_000, ...over,
  });

  before(async () => {
    await migrate(db(), [platformMigrations, storeMigrations]);
    products = new ProductRepository(db().kysely);
    orders = new OrderRepository(db().kysely);
  });

  it("seeds the catalog once; a second seed (another process starting) adds nothing", async () => {
    assert.equal(await products.seed(PRODUCTS, 1), PRODUCTS.length);
    const [again1, again2] = await Promise.all([products.seed(PRODUCTS, 2), products.seed(PRODUCTS, 2)]);
    assert.equal(again1 + again2, 0);
    const row = await products.product("brass-compass");
    assert.equal(row?.price_cents, 2490);
    assert.equal(typeof row?.price_cents, "number", "bigint columns come back as numbers");
  });

  it("searches by words (case-insensitively, wildcards literal), category and page", async () => {
    const q = (o: Record<string, unknown>) => products.search(normalizeQuery(ProductQuery.parse(o)));
    const maps = await q({ category: "maps", limit: 3 });
    assert.equal(maps.total, PRODUCTS.filter((p) => p.category === "maps").length);
    assert.equal(maps.ids.length, 3);
    const page2 = await q({ category: "maps", limit: 3, offset: 3 });
    assert.equal(new Set([...maps.ids, ...page2.ids]).size, maps.ids.length + page2.ids.length, "pages do not overlap");
    assert.deepEqual((await q({ q: "BRASS compass" })).ids, ["brass-compass"]);
    assert.deepEqual((await q({ q: "%" })).ids, ["dark-chocolate-bar"], "% matches only a literal % (\"70 % cacao\")");
    assert.equal((await q({ q: "_" })).total, 0, "_ is not a wildcard");
  });

  it("checks out: decrements stock, stores the order and its reply, bumps the catalog version", async () => {
    const before = await products.state();
    const stockBefore = (await products.product("brass-compass"))!.stock;
    const r = await orders.checkout(input({ key: "first", cart: { lines: [{ productId: "brass-compass", qty: 2 }, { productId: "energy-mints", qty: 1 }] } }));
    assert.equal(r.kind, "created");
    if (r.kind !== "created") return;
    assert.equal(r.body.totalCents, 2 * 2490 + 350);
    assert.deepEqual(r.body.items.map((i) => i.productId), ["brass-compass", "energy-mints"], "lines in cart order");
    assert.equal((await products.product("brass-compass"))!.stock, stockBefore - 2);
    const after = await products.state();
    assert.equal(after.version, before.version + 1);
    assert.deepEqual((await products.changedSince(before.version)).map((c) => c.id).sort(), ["brass-compass", "energy-mints"]);
    assert.deepEqual(await orders.order(r.body.orderId, "u1"), r.body);
    assert.equal(await orders.order(r.body.orderId, "someone-else"), undefined, "only the owner sees it");
  });

  it("replays the same key with the same body; refuses it with another body", async () => {
    const first = await orders.checkout(input({ key: "same", requestHash: "A" }));
    const again = await orders.checkout(input({ key: "same", requestHash: "A" }));
    const other = await orders.checkout(input({ key: "same", requestHash: "B" }));
    assert.equal(first.kind, "created");
    assert.equal(again.kind, "replayed");
    assert.deepEqual(again.kind === "replayed" && again.body, first.kind === "created" && first.body);
    assert.equal(other.kind, "reused");
    const otherUser = await orders.checkout(input({ key: "same", requestHash: "A", userId: "u2" }));
    assert.equal(otherUser.kind, "created", "keys are per user");
  });

  it("refuses a cart it cannot fill entirely: nothing is reserved, and the refusal replays", async () => {
    await products.setStock("limited-tin-figure", 1, 5);
    const stockBefore = (await products.product("brass-compass"))!.stock;
    const versionBefore = (await products.state()).version;
    const cart = { lines: [{ productId: "brass-compass", qty: 1 }, { productId: "limited-tin-figure", qty: 2 }] };
    const r = await orders.checkout(input({ key: "short", cart }));
    assert.equal(r.kind, "refused");
    if (r.kind !== "refused") return;
    assert.equal(r.status, 409);
    assert.equal(r.body.code, "INSUFFICIENT_STOCK");
    assert.deepEqual(r.body.details, [{ productId: "limited-tin-figure", requested: 2, available: 1 }]);
    assert.equal((await products.product("brass-compass"))!.stock, stockBefore, "the line that fit was not reserved");
    assert.equal((await products.state()).version, versionBefore, "no stock changed");
    const replay = await orders.checkout(input({ key: "short", cart }));
    assert.equal(replay.kind, "replayed");
    assert.equal(replay.kind === "replayed" && replay.status, 409);
  });

  it("treats a record older than 24 h as gone", async () => {
    await orders.checkout(input({ key: "old", now: 1_000 }));
    const later = await orders.checkout(input({ key: "old", requestHash: "different", now: 1_000 + 25 * 3600_000 }));
    assert.equal(later.kind, "created");
    assert.equal(await orders.purgeIdempotency(1_000 + 49 * 3600_000) > 0, true);
  });

  it("never oversells: 30 concurrent checkouts for the last 7 units sell exactly 7", async function () {
    this.timeout(30_000);
    // a second pool/connection of its own on PostgreSQL, so transactions really overlap
    await products.setStock("pit-trader-jacket", 7, 10);
    const soldBefore = await orders.unitsSold("pit-trader-jacket");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => orders.checkout(input({ userId: `buyer${i}`, key: "jacket", cart: { lines: [{ productId: "pit-trader-jacket", qty: 1 }] } }))),
    );
    assert.equal(results.filter((r) => r.kind === "created").length, 7);
    assert.equal(results.filter((r) => r.kind === "refused").length, 23);
    assert.equal((await products.product("pit-trader-jacket"))!.stock, 0);
    assert.equal((await orders.unitsSold("pit-trader-jacket")) - soldBefore, 7);
  });

  it("concurrent duplicates with one key create one order", async function () {
    this.timeout(30_000);
    const results = await Promise.all(Array.from({ length: 12 }, () => orders.checkout(input({ userId: "dup", key: "dup-key" }))));
    assert.equal(results.filter((r) => r.kind === "created").length, 1);
    assert.equal(results.filter((r) => r.kind === "replayed").length, 11);
    assert.equal((await orders.orders("dup", 10)).length, 1);
  });

  it("lists a user's orders newest first", async () => {
    const a = await orders.checkout(input({ userId: "lister", key: "l1", now: 10 }));
    const b = await orders.checkout(input({ userId: "lister", key: "l2", now: 20 }));
    const list = await orders.orders("lister", 10);
    assert.deepEqual(list.map((o) => o.orderId), [b.kind === "created" && b.body.orderId, a.kind === "created" && a.body.orderId]);
  });

  describe("the catalog guard", () => {
    let other: Database;
    let guard: CatalogGuard;
    const seen: CatalogChange[] = [];
    before(async () => {
      // another process's connection to the same database
      other = db().dialect === "sqlite"
        ? await openDatabase({ sqliteFile: db().sqlite!.name })
        : await openDatabase({ url: process.env.DATABASE_URL!, schema: db().schema!, poolSize: 2 });
      guard = new CatalogGuard(db(), quiet);
      await guard.init();
      guard.onChange((c) => void seen.push(c));
    });
    after(async () => {
      guard.stop();
      await other.close();
    });

    it("is fresh (and silent) when nothing changed", async () => {
      await guard.fresh();
      assert.equal(seen.length, 0);
    });

    it("notices a price change committed by another connection before the next read", async () => {
      const v = await new ProductRepository(other.kysely).setPrice("star-chart", 1777, 99);
      await guard.fresh();
      assert.equal(guard.version, v);
      assert.deepEqual(seen.at(-1)?.changes.map((c) => [c.id, c.priceCents]), [["star-chart", 1777]]);
    });

    it("notices a checkout by another connection", async () => {
      const r = await new OrderRepository(other.kysely).checkout(input({ key: "guarded", cart: { lines: [{ productId: "trail-mix", qty: 3 }] } }));
      assert.equal(r.kind, "created");
      await guard.fresh();
      const last = seen.at(-1)!.changes.find((c) => c.id === "trail-mix");
      assert.equal(last?.stock, (await products.product("trail-mix"))!.stock);
    });
  });
});

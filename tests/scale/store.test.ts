/**
 * Statelessness: two server processes on one database (SQLite file always; with REDIS_URL also a
 * run on one Redis — and on PostgreSQL when DATABASE_URL is set). Any process serves any request:
 * a cart made on one is checked out on the other; an idempotent replay is answered by the other;
 * caches notice the other's writes; stock never oversells across processes; and when one process is
 * killed mid-traffic, the other serves on and nothing acknowledged is lost or done twice.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { Client, type Room } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { freePort } from "../helpers/ports.js";
import { waitFor } from "../helpers/testServer.js";
import { openDatabase } from "../../server/platform/db/database.js";
import { ProductRepository } from "../../server/rooms/store/productRepository.js";
import { StoreShopper } from "../shared/store/shopper.js";
import type { StockMessage } from "../../shared/store/spec.js";

const REDIS_URL = process.env.REDIS_URL;
const DATABASE_URL = process.env.DATABASE_URL;

interface Mode {
  label: string;
  skip?: string;
  redis?: boolean;
  postgres?: boolean;
}

const modes: Mode[] = [
  { label: "SQLite file, no Redis" },
  REDIS_URL
    ? { label: `Redis${DATABASE_URL ? " + PostgreSQL" : " + SQLite file"}`, redis: true, postgres: Boolean(DATABASE_URL) }
    : { label: "Redis", skip: "REDIS_URL is not set; CI sets it to this machine's Redis" },
];

const LOOSE_LIMITS = { STORE_RATE_IP_PER_SECOND: "100000", STORE_RATE_IP_BURST: "100000", STORE_RATE_USER_PER_SECOND: "100000", STORE_RATE_USER_BURST: "100000" };

for (const mode of modes) {
  describe(`store statelessness: two processes [${mode.label}]`, function () {
    this.timeout(120_000);
    let a: ServerProcess;
    let b: ServerProcess;
    let env: (port: number) => Record<string, string>;
    let dataDir: string;
    let scratchDb: string | undefined;
    let scratchUrl: string | undefined;
    const joined: Room[] = [];

    before(async function () {
      if (mode.skip) {
        console.log(`      (skipped: ${mode.skip})`);
        return this.skip();
      }
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-store-scale-"));
      const extra: Record<string, string> = { AUTH_SECRET: randomBytes(32).toString("hex"), ...LOOSE_LIMITS };
      if (mode.redis) {
        // a Redis database of this suite's own, emptied first
        const url = `${REDIS_URL!.replace(/\/\d*$/, "")}/9`;
        const r = new Redis(url);
        await r.flushdb();
        r.disconnect();
        extra.REDIS_URL = url;
      }
      if (mode.postgres) {
        // a database of this suite's own (dropped afterwards): the processes migrate and seed it
        scratchDb = `store_scale_${randomBytes(4).toString("hex")}`;
        const admin = new pg.Client({ connectionString: DATABASE_URL });
        await admin.connect();
        await admin.query(`create database ${scratchDb}`);
        await admin.end();
        const u = new URL(DATABASE_URL!);
        u.pathname = `/${scratchDb}`;
        extra.DATABASE_URL = scratchUrl = u.toString();
      }
      env = (port: number) => ({ ...extra, PORT: String(port), PUBLIC_ADDRESS: `127.0.0.1:${port}` });
      // one after the other: the second finds the tables and the catalog in place
      a = await startServerProcess({ env: env(await freePort()), dataDir });
      b = await startServerProcess({ env: env(await freePort()), dataDir });
    });

    after(async () => {
      await Promise.all(joined.splice(0).map((r) => Promise.race([r.leave().catch(() => {}), new Promise((res) => setTimeout(res, 2000))])));
      await Promise.all([a?.stop(), b?.stop()]);
      if (scratchDb) {
        const admin = new pg.Client({ connectionString: DATABASE_URL });
        await admin.connect();
        await admin.query(`drop database if exists ${scratchDb} with (force)`);
        await admin.end();
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const on = (p: ServerProcess) => new StoreShopper(p.url);
    /** Sets a product's stock as a third writer would (a connection of its own to the database). */
    const restock = async (id: string, stock: number) => {
      const db = mode.postgres
        ? await openDatabase({ url: scratchUrl!, poolSize: 1 })
        : await openDatabase({ sqliteFile: path.join(dataDir, "statecraft.db") });
      try {
        await new ProductRepository(db.kysely).setStock(id, stock, Date.now());
      } finally {
        await db.close();
      }
    };
    const stockOn = async (p: ServerProcess, id: string) => (await on(p).request("GET", `/api/store/products/${id}`)).body.stock as number;

    it("a cart made on A is checked out on B; the order is visible on both", async () => {
      const s = await on(a).signIn("Roamer");
      await s.add("world-map-poster", 2);
      const onB = on(b);
      onB.token = s.token;
      const order = await onB.checkout(randomUUID(), s.cartToken);
      assert.equal(order.status, 201);
      assert.equal(order.body.totalCents, 2 * 1490);
      assert.deepEqual((await s.request("GET", `/api/store/orders/${order.body.orderId}`)).body, order.body);
    });

    it("an idempotent replay is answered by the other process", async () => {
      const s = await on(a).signIn("Retrier");
      await s.add("netcode-notes", 1);
      const key = randomUUID();
      const first = await s.checkout(key);
      const onB = on(b);
      onB.token = s.token;
      const replay = await onB.checkout(key, s.cartToken);
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(replay.body, first.body);
      const reuse = await onB.request("POST", "/api/store/checkout", { body: { cartToken: (await s.add("netcode-notes", 2)).body.cartToken }, headers: { "idempotency-key": key } });
      assert.equal(reuse.status, 422);
    });

    it("each process notices the other's writes before serving stock (caches stay coherent)", async () => {
      const before = await stockOn(a, "mouse-pad-xl");
      await stockOn(a, "mouse-pad-xl"); // cached on A now
      const s = await on(b).signIn("Other side");
      await s.add("mouse-pad-xl", 3);
      assert.equal((await s.checkout()).status, 201);
      assert.equal(await stockOn(a, "mouse-pad-xl"), before - 3, "A serves the stock B just sold, at once");
    });

    it("the store room on A pushes a sale made on B", async () => {
      const guest = await on(a).signIn("Watcher");
      const client = new Client(a.url);
      client.auth.token = guest.token!;
      const room = await client.joinOrCreate("store");
      joined.push(room);
      const stock = new Map<string, number>();
      room.onMessage("stock", (m: StockMessage) => m.changes.forEach((c) => stock.set(c.id, c.stock)));
      room.onMessage("viewers", () => {});
      const s = await on(b).signIn("Seller");
      await s.add("trail-mix", 1);
      assert.equal((await s.checkout()).status, 201);
      const now = await stockOn(b, "trail-mix");
      await waitFor(() => stock.get("trail-mix") === now, 10_000, "push from the other process's sale");
      joined.splice(joined.indexOf(room), 1);
      await room.leave();
    });

    // only in the Redis run (the SQLite-only run has no shared cache or presence to test)
    if (mode.redis) it("with Redis, the catalog cache is shared: a product read on A is a hit on B", async function () {
      const hits = async (p: ServerProcess) => {
        const text = await (await fetch(`${p.url}/metrics`)).text();
        return Number(/statecraft_cache_requests_total\{cache="store_products",result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
      };
      await on(a).request("GET", "/api/store/products/rulebook-binder");
      const before = await hits(b);
      await on(b).request("GET", "/api/store/products/rulebook-binder");
      assert.equal(await hits(b), before + 1);
    });

    if (mode.redis) it("with Redis, 'people looking' counts span the processes (presence)", async function () {
      const viewersOf = async (p: ServerProcess, name: string) => {
        const guest = await on(p).signIn(name);
        const client = new Client(p.url);
        client.auth.token = guest.token!;
        const room = await client.create("store");
        joined.push(room);
        const counts: Record<string, number> = {};
        room.onMessage("viewers", (m: { counts: Record<string, number> }) => Object.assign(counts, m.counts));
        room.onMessage("stock", () => {});
        return { room, counts };
      };
      const x = await viewersOf(a, "Looker A");
      const y = await viewersOf(b, "Looker B");
      x.room.send("view", { productId: "treasure-map" });
      y.room.send("view", { productId: "treasure-map" });
      await waitFor(() => x.counts["treasure-map"] === 2 && y.counts["treasure-map"] === 2, 10_000, "both count 2");
      for (const r of [x.room, y.room]) {
        joined.splice(joined.indexOf(r), 1);
        await r.leave();
      }
    });

    it("never oversells across processes: 24 shoppers on A and B for the last 4 units", async () => {
      const shoppers = await Promise.all(Array.from({ length: 24 }, (_, i) => on(i % 2 ? a : b).signIn(`Fan ${i}`)));
      for (const s of shoppers) assert.equal((await s.add("pit-trader-jacket", 1)).status, 200);
      await restock("pit-trader-jacket", 4);
      const replies = await Promise.all(shoppers.map((s) => s.checkout()));
      assert.equal(replies.filter((r) => r.status === 201).length, 4, replies.map((r) => r.status).join(","));
      assert.equal(replies.filter((r) => r.status === 409).length, 20);
      assert.equal(await stockOn(a, "pit-trader-jacket"), 0);
      assert.equal(await stockOn(b, "pit-trader-jacket"), 0);
    });

    it("concurrent duplicates sent to both processes create one order", async () => {
      const s = await on(a).signIn("Twice");
      await s.add("dice-tower", 1);
      const key = randomUUID();
      const onB = on(b);
      onB.token = s.token;
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? s : onB).checkout(key, s.cartToken)));
      assert.ok(replies.every((r) => r.status === 201));
      assert.equal(new Set(replies.map((r) => r.body.orderId)).size, 1);
      assert.equal((await s.request("GET", "/api/store/orders")).body.items.length, 1);
    });

    it("kill A mid-traffic: B serves on, nothing acknowledged is lost, nothing is done twice", async () => {
      const product = "energy-mints";
      await restock(product, 1_000_000);
      const stockBefore = await stockOn(b, product);
      const shoppers = await Promise.all(Array.from({ length: 6 }, (_, i) => on(b).signIn(`Steady ${i}`)));
      const acknowledged = new Map<string, Set<string>>(); // shopper token → order ids it was told about
      const attempts: Array<{ shopper: number; key: string; qty: number }> = [];
      let killed = false;
      let servedAfterKill = 0;
      const deadline = Date.now() + 6000;

      // each shopper loops: cart + checkout on a process (A first, alternating); on a network error
      // (A killed), the same checkout is retried with the same key on B — what a real client does
      const loops = shoppers.map(async (s, i) => {
        let n = 0;
        // at most 60 checkouts per shopper, a little apart: the run spans the kill, and each
        // shopper's orders fit in one page of GET /orders (limit 100)
        while (Date.now() < deadline && n < 60) {
          await new Promise((r) => setTimeout(r, 50));
          const qty = 1 + (n % 2);
          const target = !killed && n % 2 === 0 ? a : b;
          const here = on(target);
          here.token = s.token;
          const key = randomUUID();
          attempts.push({ shopper: i, key, qty });
          let reply;
          try {
            here.cartToken = undefined;
            await here.add(product, qty);
            reply = await here.checkout(key);
          } catch {
            const there = on(b);
            there.token = s.token;
            await there.add(product, qty);
            reply = await there.checkout(key); // same key: replays if A had committed it
          }
          if (reply.status === 201) {
            if (killed) servedAfterKill++;
            const set = acknowledged.get(s.token!) ?? new Set();
            set.add(reply.body.orderId);
            acknowledged.set(s.token!, set);
          } else {
            assert.fail(`checkout answered ${reply.status} ${JSON.stringify(reply.body)}`);
          }
          n++;
        }
      });
      await new Promise((r) => setTimeout(r, 1500));
      killed = true;
      await a.kill("SIGKILL");
      await Promise.all(loops);

      // every acknowledged order is there (asked of the survivor), and the stock matches the orders exactly
      let unitsOrdered = 0;
      for (const s of shoppers) {
        const mine = (await s.request("GET", "/api/store/orders?limit=100")).body.items as Array<{ orderId: string; items: Array<{ productId: string; qty: number }> }>;
        const ids = new Set(mine.map((o) => o.orderId));
        for (const id of acknowledged.get(s.token!) ?? []) assert.ok(ids.has(id), `acknowledged order ${id} survived`);
        assert.equal(mine.length, (acknowledged.get(s.token!) ?? new Set()).size, "no order without an acknowledgement (none done twice)");
        unitsOrdered += mine.reduce((sum, o) => sum + o.items.filter((l) => l.productId === product).reduce((q, l) => q + l.qty, 0), 0);
      }
      assert.ok(attempts.length > 12, `${attempts.length} checkouts during the run`);
      assert.ok(servedAfterKill > 6, `B served on after the kill (${servedAfterKill} checkouts)`);
      assert.equal(await stockOn(b, product), stockBefore - unitsOrdered, "stock = before − everything ordered");
    });
  });
}

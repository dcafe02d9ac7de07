/**
 * The store room through real SDK clients: it holds no state, answers a snapshot, pushes stock and
 * price changes made by anyone (an HTTP checkout, another process's write), and counts who looks at
 * which product through presence.
 */
import assert from "node:assert/strict";
import type { Room } from "@colyseus/sdk";
import type { StartedApp } from "../../server/app.js";
import { openDatabase } from "../../server/platform/db/database.js";
import { ProductRepository } from "../../server/rooms/store/productRepository.js";
import type { CatalogSnapshotMessage, StockEntry, StockMessage, ViewersMessage } from "../../shared/store/spec.js";
import { nextMessage, sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { StoreShopper } from "../shared/store/shopper.js";

/** Collects a room's pushes. */
function watch(room: Room) {
  const stock = new Map<string, StockEntry>();
  const viewers: Record<string, number> = {};
  const errors: Array<{ code: string }> = [];
  room.onMessage("stock", (m: StockMessage) => m.changes.forEach((c) => stock.set(c.id, c)));
  room.onMessage("viewers", (m: ViewersMessage) => Object.assign(viewers, m.counts));
  room.onMessage("catalog", () => {});
  room.onMessage("error", (e: { code: string }) => errors.push(e));
  return { stock, viewers, errors };
}

describe("store room", function () {
  this.timeout(30_000);
  let app: StartedApp;
  const rooms: Room[] = [];
  const join = async (name: string) => {
    const { client } = await sdkClient(app.url, name);
    const room = await client.joinOrCreate("store");
    rooms.push(room);
    return { room, seen: watch(room) };
  };

  before(async () => {
    app = await testServer();
  });
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => {})));
  });

  it("holds no state and answers a snapshot of every product's stock and price", async () => {
    const { room } = await join("Snap");
    assert.ok(room.state == null, "no room state: the database owns the shop");
    const snap = (await room.request("snapshot")) as CatalogSnapshotMessage;
    assert.ok(snap.products.length >= 30);
    const compass = snap.products.find((p) => p.id === "brass-compass")!;
    const http = await new StoreShopper(app.url).request("GET", "/api/store/products/brass-compass");
    assert.deepEqual([compass.stock, compass.priceCents], [http.body.stock, http.body.priceCents]);
    const asMessage = nextMessage<CatalogSnapshotMessage>(room, "catalog");
    room.send("snapshot");
    assert.equal((await asMessage).products.length, snap.products.length);
  });

  it("pushes the new stock when anyone checks out over HTTP", async () => {
    const { seen } = await join("Watcher");
    const buyer = await new StoreShopper(app.url).signIn("Buyer");
    await buyer.add("hex-tiles", 2);
    const order = await buyer.checkout();
    assert.equal(order.status, 201);
    const now = (await buyer.request("GET", "/api/store/products/hex-tiles")).body.stock;
    await waitFor(() => seen.stock.get("hex-tiles")?.stock === now, 5000, "stock push");
  });

  it("pushes a price change committed by another process (another connection)", async () => {
    const { seen } = await join("Price watcher");
    const other = await openDatabase({ sqliteFile: app.platform.db.sqlite!.name });
    try {
      await new ProductRepository(other.kysely).setPrice("openings-book", 2222, Date.now());
      await waitFor(() => seen.stock.get("openings-book")?.priceCents === 2222, 5000, "price push");
    } finally {
      await new ProductRepository(other.kysely).setPrice("openings-book", 2490, Date.now());
      await other.close();
    }
  });

  it("counts who looks at which product, and forgets those who leave", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    a.room.send("view", { productId: "star-chart" });
    b.room.send("view", { productId: "star-chart" });
    await waitFor(() => a.seen.viewers["star-chart"] === 2 && b.seen.viewers["star-chart"] === 2, 5000, "2 viewers");
    b.room.send("view", { productId: "treasure-map" });
    await waitFor(() => a.seen.viewers["star-chart"] === 1 && a.seen.viewers["treasure-map"] === 1, 5000, "moved");
    rooms.splice(rooms.indexOf(b.room), 1);
    await b.room.leave();
    await waitFor(() => a.seen.viewers["treasure-map"] === 0, 5000, "left");
    const snap = (await a.room.request("snapshot")) as CatalogSnapshotMessage;
    assert.deepEqual(snap.viewers, { "star-chart": 1 });
  });

  it("refuses malformed and unknown messages with a code, and stays connected", async () => {
    const { room, seen } = await join("Typo");
    room.send("view", { productId: "Not An Id" });
    await waitFor(() => seen.errors.length === 1, 5000, "validation error");
    assert.equal(seen.errors[0]!.code, "VALIDATION_FAILED");
    room.send("buy", { productId: "star-chart" });
    await waitFor(() => seen.errors.length === 2, 5000, "unknown message");
    assert.equal(seen.errors[1]!.code, "UNKNOWN_MESSAGE");
    room.send("view", { productId: "no-such-product" });
    await waitFor(() => seen.errors.length === 3, 5000, "a product not in the catalog");
    assert.equal(seen.errors[2]!.code, "NOT_FOUND");
    assert.equal(((await room.request("snapshot")) as CatalogSnapshotMessage).viewers["no-such-product"], undefined, "not counted");
    assert.ok(((await room.request("snapshot")) as CatalogSnapshotMessage).products.length > 0, "still served");
  });
});

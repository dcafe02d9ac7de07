/** The plaza room through real SDK clients against the in-process server. */
import assert from "node:assert/strict";
import type { Client, Room } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import type { StartedApp } from "../../server/app.js";
import { decodeUpdate, isWalkable, type AvatarCard } from "../../shared/plaza/index.js";
import { PLAZA_MAP } from "../../shared/plaza/world.js";
import { plazaAnalytics } from "../../server/rooms/plaza/analytics.js";
import { sdkClient, testServer, waitFor } from "../helpers/testServer.js";

const T = PLAZA_MAP.tileSize;
/** The centre of tile (tx, ty), which must be walkable. */
function tile(tx: number, ty: number): { x: number; y: number } {
  const p = { x: tx * T + T / 2, y: ty * T + T / 2 };
  assert.ok(isWalkable(PLAZA_MAP, p.x, p.y), `tile (${tx}, ${ty}) is walkable`);
  return p;
}

interface Avatar {
  room: Room<any>;
  id: number;
  name: string;
  welcome: any;
  snapshot: AvatarCard[];
  /** Everything received, by type, in order. */
  got: Record<string, any[]>;
  /** Ids whose positions this client received in `moved` (and appear). */
  heard(id: number): boolean;
  errors(): any[];
}

async function reason(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e: any) {
    return e?.reason ?? e?.data ?? e;
  }
  throw new Error("expected a rejection");
}

describe("plaza room", function () {
  this.timeout(20_000);
  let app: StartedApp;
  let open: Avatar[] = [];

  async function join(name: string, opts: Record<string, unknown> = {}, as?: Client): Promise<Avatar> {
    const client = as ?? (await sdkClient(app.url, name)).client;
    const room = await client.joinOrCreate<any>("plaza", opts);
    room.reconnection.enabled = false;
    const got: Record<string, any[]> = { update: [] };
    for (const type of ["welcome", "snapshot", "chat", "announce", "signal", "error"]) {
      got[type] = [];
      room.onMessage(type, (m: any) => got[type]!.push(m));
    }
    // `update` is bytes (docs/protocol.md): kept raw, and its non-empty sections filed as left / appear / status / moved (flat [id, x, y, d, …])
    for (const part of ["left", "appear", "status", "moved"] as const) got[part] = [];
    room.onMessage("update", (bytes: Uint8Array) => {
      got.update!.push(bytes);
      const u = decodeUpdate(bytes);
      for (const part of ["left", "appear", "status", "moved"] as const) if (u[part].length) got[part]!.push(u[part]);
    });
    await waitFor(() => got.welcome!.length > 0 && got.snapshot!.length > 0, 5000, `${name}'s welcome`);
    const welcome = got.welcome![0];
    const a: Avatar = {
      room, id: welcome.id, name, welcome, snapshot: got.snapshot![0], got,
      heard: (id) => got.moved!.some((flat: number[]) => flat.some((v, i) => i % 4 === 0 && v === id)),
      errors: () => got.error!,
    };
    open.push(a);
    return a;
  }
  const quiet = (ms = 250) => new Promise((r) => setTimeout(r, ms));

  before(async () => {
    app = await testServer();
  });
  afterEach(async () => {
    for (const a of open) await Promise.race([a.room.leave().catch(() => undefined), quiet(1000)]);
    open = [];
    await quiet(100); // the room disposes before the next test opens a new one
  });

  it("a late joiner is told who is near (not who is far), and the others see it appear", async () => {
    const a = await join("Ann", tile(40, 28));
    const far = await join("Far", tile(20, 34));
    const ghost = await join("Ghost", { ...tile(41, 29), status: "ghost" });
    const b = await join("Bob", tile(42, 28));
    assert.deepEqual(b.snapshot.map((c) => c.name).sort(), ["Ann"], "near Ann only: Far is far, Ghost is a ghost");
    assert.deepEqual(b.welcome.x, tile(42, 28).x, "the announced position is kept");
    assert.equal(b.welcome.owner, false);
    assert.equal(a.welcome.owner, true, "the first to join owns the room");
    await waitFor(() => a.got.appear!.flat().some((c: AvatarCard) => c.name === "Bob"), 3000, "Ann sees Bob appear");
    assert.ok(ghost.snapshot.some((c) => c.name === "Ann"), "a ghost sees the others");
    await b.room.request("hello", {});
    await waitFor(() => b.got.snapshot!.length === 2, 3000, "hello resends the welcome and the snapshot");
    assert.deepEqual(b.got.snapshot![1].map((c: AvatarCard) => c.name), ["Ann"]);
    assert.equal(b.got.welcome![1].id, b.id);
    await quiet();
    assert.ok(!far.got.appear!.flat().some((c: AvatarCard) => c.name === "Bob"), "Far is not told about Bob");
  });

  it("moves reach only the clients whose area of interest holds the mover; walking away sends `left`", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(42, 28));
    const far = await join("Far", tile(20, 34));
    const p = tile(41, 28);
    a.room.send("move", { x: p.x, y: p.y, d: 2 });
    await waitFor(() => b.heard(a.id), 3000, "Bob hears Ann move");
    const flat: number[] = b.got.moved!.find((f: number[]) => f[0] === a.id);
    assert.deepEqual(flat.slice(0, 4), [a.id, p.x, p.y, 2], "moved carries [id, x, y, d] per avatar");
    assert.ok(b.got.update!.every((m) => m instanceof Uint8Array && m.length > 0), "update is a bytes message, never empty");
    await quiet();
    assert.ok(!far.heard(a.id), "Far never hears Ann's moves");
    // Bob walks east along the path, away from Ann, at a walking pace (half a tile per 100 ms)
    let x = tile(42, 28).x;
    const y = tile(42, 28).y;
    while (x < tile(54, 28).x) {
      x += T / 2;
      b.room.send("move", { x, y, d: 2 });
      await quiet(100);
    }
    await waitFor(() => a.got.left!.flat().includes(b.id), 3000, "Ann is told Bob left her area of interest");
    assert.deepEqual(a.errors().concat(b.errors()), [], "no move was refused");
  });

  it("a dropped connection keeps its avatar: the SDK reconnects to the same session, nobody is told it left", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(42, 28));
    Object.assign(a.room.reconnection, { enabled: true, minUptime: 0, minDelay: 50 });
    const sessionId = a.room.sessionId;
    const info = console.info; // the SDK narrates its reconnection on console.info
    console.info = () => {};
    try {
      const back = new Promise<void>((resolve) => a.room.onReconnect(() => resolve()));
      (a.room as any).connection.transport.ws.terminate(); // like a cable pulled: close code 1006
      await back;
      assert.equal(a.room.sessionId, sessionId);
      const p = tile(41, 28);
      a.room.send("move", { x: p.x, y: p.y, d: 2 });
      await waitFor(() => b.heard(a.id), 3000, "Bob hears Ann move after she is back");
      assert.ok(!b.got.left!.flat().includes(a.id), "Bob was never told Ann left");
      const q = tile(43, 28);
      b.room.send("move", { x: q.x, y: q.y, d: 2 });
      await waitFor(() => a.heard(b.id), 3000, "and Ann is sent updates again (on her new connection)");
      const welcomes = a.got.welcome!.length;
      a.room.send("hello", {});
      await waitFor(() => a.got.welcome!.length === welcomes + 1, 3000, "replies reach her too");
    } finally {
      console.info = info;
    }
  });

  it("a client the server closes for cause (over its message budget) is not held for the reconnection window: its avatar leaves now", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(42, 28));
    const closed = new Promise<number>((resolve) => a.room.onLeave((code) => resolve(code)));
    for (let i = 0; i < 200; i++) a.room.send("hello", {}); // the plaza's budget is 60 messages a second
    assert.equal(await closed, 4002);
    await waitFor(() => b.got.left!.flat().includes(a.id), 3000, "Bob is told Ann left, well within the 20 s window");
  });

  it("a reload (the old socket dropped, a new connection of the same user) leaves one avatar at once, not two for the reconnection window", async () => {
    const { client } = await sdkClient(app.url, "Ann");
    const a = await join("Ann", tile(40, 28), client);
    const b = await join("Bob", tile(42, 28));
    (a.room as any).connection.transport.ws.terminate(); // the page goes away without a goodbye (1006): its seat is held 20 s
    await quiet(200);
    const again = await join("Ann", tile(40, 28), client); // the reloaded page, same token
    assert.notEqual(again.id, a.id);
    await waitFor(() => b.got.left!.flat().includes(a.id), 3000, "Bob is told the old Ann left, well within the 20 s window");
    const room = matchMaker.getLocalRoomById(again.room.roomId) as any;
    assert.deepEqual([...room.people.values()].map((p: { name: string }) => p.name).sort(), ["Ann", "Bob"], "one Ann in the room");
  });

  it("refuses teleports, walls, leaving the map and floods with stable codes, and says where the avatar still is", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(41, 28));
    const far = tile(60, 28);
    let r = await reason(a.room.request("move", { x: far.x, y: far.y }));
    assert.equal(r.code, "TOO_FAST");
    assert.deepEqual(r.details, tile(40, 28));
    r = await reason(a.room.request("move", { x: 5000, y: 10 }));
    assert.equal(r.code, "OUT_OF_MAP");
    r = await reason(a.room.request("move", { x: 48 * T, y: 33 * T })); // the fountain, 8 tiles away
    assert.ok(["TOO_FAST", "BLOCKED"].includes(r.code));
    const wall = { x: 47 * T + 4, y: tile(40, 28).y };
    const b2 = await join("Cid", { x: 46 * T + 28, y: 33 * T + 16 }); // right next to the fountain
    r = await reason(b2.room.request("move", { x: wall.x, y: 33 * T + 16 }));
    assert.equal(r.code, "BLOCKED");
    r = await reason(a.room.request("move", { x: 1.5, y: 2 }));
    assert.equal(r.code, "VALIDATION_FAILED", "positions are integer pixels");
    await quiet(1100); // refill
    const start = tile(40, 28);
    for (let i = 1; i <= 40; i++) a.room.send("move", { x: start.x, y: start.y + (i % 2) });
    await waitFor(() => a.errors().some((e) => e.code === "RATE_LIMITED"), 3000, "a flood is refused");
    const limited = a.errors().filter((e) => e.code === "RATE_LIMITED").length;
    assert.ok(limited >= 15 && limited <= 25, `about half of 40 burst moves are refused (got ${limited})`);
    assert.ok(a.room.connection.isOpen, "refused, not disconnected");
    await quiet();
    const heardMoves = b.got.moved!.flat().filter((v: number, i: number) => i % 4 === 0 && v === a.id).length;
    assert.ok(heardMoves >= 1, "the accepted moves were relayed");
  });

  it("chat goes to those near and to everyone in the same private area, never across a private area's wall", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(43, 28)); // 3 tiles: near
    const c = await join("Cid", tile(49, 28)); // 9 tiles: in view, not near
    const in1 = await join("Ina", tile(10, 8)); // Meeting room A (private)
    const in2 = await join("Ivo", tile(21, 15)); // same room, far corner
    const out = await join("Oli", tile(11, 19)); // just outside its wall
    assert.deepEqual(await a.room.request("chat", { text: "hello square" }), { delivered: 1 });
    await waitFor(() => b.got.chat!.length === 1, 3000, "Bob gets Ann's line");
    assert.deepEqual(b.got.chat![0], { from: a.id, name: "Ann", text: "hello square" });
    assert.deepEqual(await in1.room.request("chat", { text: "meeting starts" }), { delivered: 1 });
    await waitFor(() => in2.got.chat!.length === 1, 3000, "Ivo hears Ina across the meeting room");
    assert.equal(in2.got.chat![0].area, "Meeting room A");
    assert.deepEqual(await out.room.request("chat", { text: "anyone?" }), { delivered: 0 }, "the wall of a private area stops chat");
    await quiet();
    assert.equal(c.got.chat!.length, 0);
    assert.equal(out.got.chat!.length, 0);
    assert.equal(in1.got.chat!.length, 0, "Ina did not hear Oli");
    const r = await reason(a.room.request("chat", { text: "   " }));
    assert.equal(r.code, "VALIDATION_FAILED");
    const bell = await reason(a.room.request("chat", { text: "hi\u0007\u202e" }));
    assert.equal(bell.code, "VALIDATION_FAILED", "control characters are not relayed");
  });

  it("signaling is relayed only inside a bubble of at most 4 near, callable people", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(41, 28));
    const c = await join("Cid", tile(40, 29));
    const d = await join("Dee", tile(42, 28));
    const e = await join("Eve", tile(43, 28)); // 5th: farthest from Ann
    const far = await join("Far", tile(49, 28));
    await a.room.request("signal", { to: b.id, data: { type: "offer", sdp: "v=0…" } });
    await waitFor(() => b.got.signal!.length === 1, 3000, "Bob gets the offer");
    assert.deepEqual(b.got.signal![0], { from: a.id, data: { type: "offer", sdp: "v=0…" } });
    await a.room.request("signal", { to: d.id, data: { candidate: "x" } });
    let r = await reason(a.room.request("signal", { to: e.id, data: { type: "offer" } }));
    assert.equal(r.code, "NOT_NEAR", "Eve is near but Ann's bubble is full (Bob, Cid, Dee)");
    r = await reason(a.room.request("signal", { to: far.id, data: { type: "offer" } }));
    assert.equal(r.code, "NOT_NEAR");
    r = await reason(a.room.request("signal", { to: 9999, data: {} }));
    assert.equal(r.code, "NOT_FOUND");
    r = await reason(a.room.request("signal", { to: b.id, data: { blob: "x".repeat(12_500) } }));
    assert.equal(r.code, "VALIDATION_FAILED", "signal data is bounded");
    // the bound is bytes: 5,000 three-byte characters are 5,000 UTF-16 units but 15,000 bytes
    r = await reason(a.room.request("signal", { to: b.id, data: { blob: "€".repeat(5_000) } }));
    assert.equal(r.code, "VALIDATION_FAILED", "signal data is bounded in bytes");
    await a.room.request("signal", { to: b.id, data: { blob: "€".repeat(3_900) } });
    const welcomes = a.got.welcome!.length;
    a.room.send("hello"); // no payload: same as {}
    await waitFor(() => a.got.welcome!.length === welcomes + 1, 3000, "hello without a payload re-sends welcome");
    void c;
    await quiet();
    assert.equal(e.got.signal!.length, 0);
    assert.equal(far.got.signal!.length, 0);
  });

  it("do-not-disturb gets no chat and no calls; a ghost is unseen, unheard and cannot chat", async () => {
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(41, 28));
    const g = await join("Gus", tile(42, 28));
    await b.room.request("status", { status: "dnd" });
    await waitFor(() => a.got.status!.flat().some((s: any) => s.id === b.id && s.status === "dnd"), 3000, "Ann sees Bob's status");
    assert.deepEqual(await a.room.request("chat", { text: "hi" }), { delivered: 1 }, "only Gus hears it");
    const r = await reason(a.room.request("signal", { to: b.id, data: { type: "offer" } }));
    assert.equal(r.code, "NOT_NEAR");
    await g.room.request("status", { status: "ghost" });
    await waitFor(() => a.got.left!.flat().includes(g.id), 3000, "a ghost vanishes");
    const before = a.got.moved!.length;
    g.room.send("move", { ...tile(42, 29), d: 0 });
    await quiet(300);
    assert.ok(!a.got.moved!.slice(before).some((f: number[]) => f.some((v, i) => i % 4 === 0 && v === g.id)), "a ghost's moves are not relayed");
    assert.equal((await reason(g.room.request("chat", { text: "boo" }))).code, "GHOST_MODE");
    assert.deepEqual(await a.room.request("chat", { text: "anyone?" }), { delivered: 0 }, "nobody: Bob dnd, Gus ghost");
    assert.equal(b.got.chat!.length, 0);
  });

  it("announcements: only the owner, to everyone in the room however far", async () => {
    const owner = await join("Ann", tile(40, 28));
    const far = await join("Far", tile(20, 34));
    assert.equal(owner.welcome.owner, true);
    assert.equal((await reason(far.room.request("announce", { text: "hi all" }))).code, "NOT_OWNER");
    await owner.room.request("announce", { text: "Welcome to the plaza" });
    await waitFor(() => far.got.announce!.length === 1, 3000, "Far hears the announcement");
    assert.deepEqual(far.got.announce![0], { from: owner.id, name: "Ann", text: "Welcome to the plaza" });
  });

  it("refuses the benchmark's broadcast mode unless the server allows it", async () => {
    const { client } = await sdkClient(app.url, "Nosy");
    await assert.rejects(client.joinOrCreate("plaza", { mode: "broadcast" }), /INVALID_OPTIONS/);
    await assert.rejects(client.joinOrCreate("plaza", { speed: 99 }), /INVALID_OPTIONS/);
  });

  it("writes analytics in batches (joins, leaves, distance walked, conversations) and serves aggregates", async () => {
    const stats = async () => (await (await fetch(`${app.url}/api/plaza/stats`)).json()) as any;
    await plazaAnalytics()!.flush();
    const s0 = await stats();
    const a = await join("Ann", tile(40, 28));
    const b = await join("Bob", tile(41, 28));
    const p = tile(40, 29);
    await a.room.request("move", p);
    await a.room.request("chat", { text: "hi Bob" });
    await a.room.request("signal", { to: b.id, data: { type: "offer" } });
    await a.room.leave();
    await b.room.leave();
    open = [];
    await quiet(100);
    await plazaAnalytics()!.flush();
    const s1 = await stats();
    assert.equal(s1.joins - s0.joins, 2);
    assert.equal(s1.leaves - s0.leaves, 2);
    assert.equal(s1.walkedPx - s0.walkedPx, T, "Ann walked one tile");
    assert.equal(s1.conversations.chat - s0.conversations.chat, 1);
    assert.equal(s1.conversations.call - s0.conversations.call, 1);
    assert.ok(s1.visitors >= 2 && s1.avgVisitMs >= 0);
    const later = await (await fetch(`${app.url}/api/plaza/stats?since=${Date.now() + 60_000}`)).json();
    assert.equal((later as any).joins, 0, "since filters by time");
    assert.equal((await fetch(`${app.url}/api/plaza/stats?since=-1`)).status, 400);
    assert.equal((await fetch(`${app.url}/api/plaza/stats?from=0`)).status, 400, "an unknown parameter is refused, not ignored");
  });
});

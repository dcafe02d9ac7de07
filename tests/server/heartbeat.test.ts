/**
 * server/platform/heartbeat.ts: the sliced sweep alone, then the keep-alive over a real ws server,
 * then wired into a real server process (WS_PING_SECONDS=1) with SDK clients.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { Client, type Room } from "@colyseus/sdk";
import { SlicedSweep, startHeartbeat } from "../../server/platform/heartbeat.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { signIn } from "../helpers/testServer.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sliced sweep (heartbeat.ts)", () => {
  it("visits every member once per pass, in slices that end the pass within the interval", () => {
    const items = new Set(Array.from({ length: 1000 }, (_, i) => i));
    const sweep = new SlicedSweep<number>(10_000, 100);
    const seen = new Map<number, number>();
    const perTick: number[] = [];
    let t = 0;
    for (; t < 10_000; t += 100) perTick.push(sweep.tick(t, items, (i) => seen.set(i, (seen.get(i) ?? 0) + 1)));
    assert.equal(seen.size, 1000);
    assert.ok([...seen.values()].every((n) => n === 1), "nobody twice in one interval");
    assert.ok(Math.max(...perTick) <= Math.ceil(1000 / 99), `slices of at most 11, got ${Math.max(...perTick)}`);
    assert.ok(perTick.filter((n) => n > 0).length >= 90, "spread over the interval, not one burst");
    // the next pass starts one interval after the first began, not before
    assert.equal(sweep.tick(t, items, () => {}), 11);
  });

  it("waits a whole interval between passes, even when a pass ends early", () => {
    const items = new Set([1, 2, 3]);
    const sweep = new SlicedSweep<number>(1000, 100);
    const visits: number[] = [];
    for (let t = 0; t < 3000; t += 100) if (sweep.tick(t, items, () => {}) > 0) visits.push(t);
    // one member per tick (3 members over 9 slices), the pass over at 300, the next at 1000
    assert.deepEqual(visits, [0, 100, 200, 1000, 1100, 1200, 2000, 2100, 2200]);
  });

  it("follows a live set: members added mid-pass are visited, removed ones are not", () => {
    const items = new Set(Array.from({ length: 20 }, (_, i) => i));
    const sweep = new SlicedSweep<number>(1000, 100); // 9 slices: 3 per tick
    const seen: number[] = [];
    sweep.tick(0, items, (i) => seen.push(i));
    items.delete(10);
    items.add(99);
    for (let t = 100; t < 1000; t += 100) sweep.tick(t, items, (i) => seen.push(i));
    assert.ok(!seen.includes(10));
    assert.ok(seen.includes(99));
    assert.equal(new Set(seen).size, seen.length);
  });

  it("does nothing for an empty set and rejects a tick longer than the interval", () => {
    assert.equal(new SlicedSweep<number>(1000, 100).tick(0, new Set(), () => assert.fail()), 0);
    assert.throws(() => new SlicedSweep(100, 1000), /tick/);
  });
});

describe("keep-alive over a real ws server (heartbeat.ts)", function () {
  this.timeout(20_000);
  let wss: WebSocketServer;
  let stop: () => void;

  beforeEach(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    // what Colyseus's transport does for each connection: a pong clears the missed-ping count
    wss.on("connection", (ws: WebSocket & { pingCount?: number }) => {
      ws.pingCount = 0;
      ws.on("pong", () => (ws.pingCount = 0));
    });
    stop = startHeartbeat(wss, { intervalMs: 300, maxMissed: 3, tickMs: 50 });
  });
  afterEach(async () => {
    stop();
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
  });

  const connect = async (autoPong: boolean) => {
    const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { autoPong });
    await new Promise((r) => ws.once("open", r));
    const log = { pings: 0, closedAt: 0 };
    ws.on("ping", () => log.pings++);
    ws.on("close", () => (log.closedAt = Date.now()));
    return { ws, log };
  };

  it("pings a client that answers every interval and keeps it; drops one that does not after 3 misses", async () => {
    const t0 = Date.now();
    const alive = await connect(true);
    const mute = await connect(false);
    await sleep(2000);
    assert.equal(alive.log.closedAt, 0, "the answering client is kept");
    assert.ok(alive.log.pings >= 4 && alive.log.pings <= 8, `about one ping per 300 ms, got ${alive.log.pings} in 2 s`);
    assert.ok(mute.log.closedAt > 0, "the silent client is dropped");
    assert.equal(mute.log.pings, 3, "after its third unanswered ping");
    assert.ok(mute.log.closedAt - t0 >= 900, `not before 3 intervals (${mute.log.closedAt - t0} ms)`);
    alive.ws.close();
  });
});

describe("keep-alive in the server process (WS_PING_SECONDS)", function () {
  this.timeout(60_000);
  let proc: ServerProcess;
  before(async () => {
    proc = await startServerProcess({ env: { WS_PING_SECONDS: "1" } });
  });
  after(async () => {
    await proc?.stop();
  });

  const join = async (name: string) => {
    const client = new Client(proc.url);
    client.auth.token = (await signIn(proc.url, name)).token;
    const room = await client.joinOrCreate("plaza", {});
    room.reconnection.enabled = false; // the socket's fate is the subject, not the SDK's recovery
    room.onMessage("*", () => {});
    const ws = (room as unknown as { connection: { transport: { ws: WebSocket & { _socket: { pause(): void; resume(): void } } } } }).connection.transport.ws;
    const log = { pings: 0, closed: 0 };
    ws.on("ping", () => log.pings++);
    ws.on("close", (code: number) => (log.closed = code)); // the socket itself (the SDK may then try to reconnect)
    return { room: room as Room, ws, log };
  };

  it("keeps a client that answers (pinged about once a second), drops one whose socket stopped reading", async () => {
    const alive = await join("Alive");
    const frozen = await join("Frozen");
    frozen.ws._socket.pause(); // like a client process that froze: pings go unanswered
    await sleep(5500);
    frozen.ws._socket.resume();
    await sleep(500);
    assert.equal(alive.log.closed, 0, "the answering client's socket is open");
    assert.ok(alive.log.pings >= 3, `pinged about once a second (got ${alive.log.pings} in 6 s)`);
    assert.equal(frozen.log.closed, 1006, "the frozen client was cut off (terminated: no close frame)");
    await alive.room.leave();
  });
});

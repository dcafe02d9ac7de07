/**
 * Scale-out: two server processes on one Redis (RedisPresence + RedisDriver), each with its own
 * publicAddress, share matchmaking — a client that asks process A joins the room hosted by B.
 * With DATABASE_URL set, both processes also share PostgreSQL (the scaled-out run mode).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { Client } from "@colyseus/sdk";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { freePort } from "../helpers/ports.js";
import { signIn, waitFor } from "../helpers/testServer.js";

const REDIS_URL = process.env.REDIS_URL;

describe("scale-out: two processes on one Redis", function () {
  this.timeout(60_000);
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  // a Redis database of this suite's own, emptied first: stale rooms of an earlier run must not answer
  const redisUrl = REDIS_URL ? `${REDIS_URL.replace(/\/\d*$/, "")}/7` : undefined;

  before(async function () {
    if (!redisUrl) {
      console.log("      (skipped: REDIS_URL is not set; CI sets it to this machine's Redis)");
      return this.skip();
    }
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    redis.disconnect();
    const secret = randomBytes(32).toString("hex");
    const env = (port: number): Record<string, string> => ({
      REDIS_URL: redisUrl,
      PORT: String(port),
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      AUTH_SECRET: secret,
      MODS: "tests/helpers/echoMod.ts",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    });
    const [pa, pb] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([startServerProcess({ env: env(pa) }), startServerProcess({ env: env(pb) })]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("a client of process A joins a room created on process B", async () => {
    const hostGuest = await signIn(b!.url, "Host");
    const host = new Client(b!.url);
    host.auth.token = hostGuest.token;
    const hosted = await host.create("echo", { color: "blue" });

    // a token issued by A is accepted by B: both share AUTH_SECRET
    const visitorGuest = await signIn(a!.url, "Visitor");
    const visitor = new Client(a!.url);
    visitor.auth.token = visitorGuest.token;
    const joined = await visitor.joinById(hosted.roomId);
    try {
      assert.equal(joined.roomId, hosted.roomId);
      await waitFor(() => hosted.state?.members?.size === 2, 10_000, "both members visible on B");
      const names = [...hosted.state.members.values()].map((m: { name: string }) => m.name).sort();
      assert.deepEqual(names, ["Host", "Visitor"]);

      // matchmaking through A also finds B's room (joinOrCreate fills it instead of creating one)
      const third = new Client(a!.url);
      third.auth.token = (await signIn(a!.url, "Third")).token;
      const filled = await third.joinOrCreate("echo");
      assert.equal(filled.roomId, hosted.roomId);
      await filled.leave();
    } finally {
      await joined.leave();
      await hosted.leave();
    }
  });

  it("both processes report Redis and the database reachable in /health", async () => {
    for (const p of [a!, b!]) {
      const health = await (await fetch(`${p.url}/health`)).json();
      assert.equal(health.status, "ok");
      assert.deepEqual(health.redis, { ok: true, configured: true });
      assert.equal(health.database.dialect, process.env.DATABASE_URL ? "postgres" : "sqlite");
    }
  });
});

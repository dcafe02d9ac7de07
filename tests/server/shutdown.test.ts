/** The entry point: bad configuration stops it with a clear message; SIGTERM stops it gracefully. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { serverNodeFlags, startServerProcess } from "../helpers/serverProcess.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("server process", function () {
  this.timeout(60_000);

  it("refuses a bad environment with exit code 2 and a message naming the variable", () => {
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "eighty", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /PORT must be a whole number/);
  });

  it("refuses a bad room-kind setting the same way: exit code 2, one message, no stack trace", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-cfg-"));
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent", STORE_CART_TTL_SECONDS: "5" },
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^statecraft: invalid configuration:\n {2}- STORE_CART_TTL_SECONDS must be a whole number in 60\.\./);
    assert.doesNotMatch(r.stderr, /\bat \S+ \(/, "no stack trace");
  });

  it("checks every room kind's settings at startup, switches too: a bad PIT_BOTS or SHOOTER_TICK_HZ stops the server", () => {
    for (const [name, value, message] of [
      ["PIT_BOTS", "maybe", /PIT_BOTS must be one of 1, true, yes, on, 0, false, no, off \(got "maybe"\)/],
      ["SHOOTER_TICK_HZ", "fast", /SHOOTER_TICK_HZ must be a number in 1\.\.128 \(got "fast"\)/],
    ] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-cfg-"));
      const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["server/main.ts"], {
        cwd: ROOT,
        env: { ...process.env, PORT: "0", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent", [name]: value },
        encoding: "utf8",
        timeout: 30_000,
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
      assert.equal(r.status, 2, `${name}=${value}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\bat \S+ \(/, "no stack trace");
    }
  });

  it("refuses a port already taken with exit code 2 and a message, instead of running and serving nothing", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "0.0.0.0", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-port-"));
      const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["server/main.ts"], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: "0.0.0.0", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent" },
        encoding: "utf8",
        timeout: 30_000,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`PORT: 0\\.0\\.0\\.0:${port} is already in use`));
    } finally {
      holder.close();
    }
  });

  it("refuses a HOST that is not an address of this machine with exit code 2 and a message naming HOST", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-host-"));
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", HOST: "198.51.100.254", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /HOST: 198\.51\.100\.254 is not an address of this machine \(EADDRNOTAVAIL\)/);
  });

  it("runs with the Node flags of `npm run serve` (the tests and benchmarks run it as users do)", async () => {
    assert.deepEqual(serverNodeFlags(), ["--max-semi-space-size=64"]);
    const proc = await startServerProcess();
    try {
      const args = fs.readFileSync(`/proc/${proc.proc.pid}/cmdline`, "utf8").split("\0");
      assert.ok(args.includes("--max-semi-space-size=64"), args.join(" "));
    } finally {
      await proc.stop();
    }
  });

  it("stops gracefully on SIGTERM: rooms told, database closed, exit 0", async () => {
    const proc = await startServerProcess();
    const health = await fetch(`${proc.url}/health`);
    assert.equal(health.status, 200);
    const exit = new Promise<number | null>((resolve) => proc.proc.once("exit", (code) => resolve(code)));
    await proc.stop();
    assert.equal(await exit, 0);
    assert.match(proc.output(), /"msg":"shutting down"/);
    assert.match(proc.output(), /"msg":"stopped"/);
  });
});

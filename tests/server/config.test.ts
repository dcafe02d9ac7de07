import assert from "node:assert/strict";
import { loadConfig, ConfigError } from "../../server/config.js";

describe("configuration from the environment", () => {
  it("has embedded defaults: 0.0.0.0:2567, ./data, SQLite, in-process presence", () => {
    const c = loadConfig({}, "/srv/app");
    assert.equal(c.host, "0.0.0.0");
    assert.equal(c.port, 2567);
    assert.equal(c.dataDir, "/srv/app/data");
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.redisUrl, undefined);
  });

  it("reads every variable", () => {
    const c = loadConfig(
      {
        HOST: "127.0.0.1",
        PORT: "3000",
        DATA_DIR: "/tmp/x",
        DATABASE_URL: "postgres://root@127.0.0.1:5432/test",
        REDIS_URL: "redis://127.0.0.1:6379",
        PUBLIC_ADDRESS: "10.0.0.5:3000",
        AUTH_SECRET: "s".repeat(40),
        LOG_LEVEL: "debug",
        MAX_MESSAGE_BYTES: "2048",
        MODS: "mods/a.ts, mods/b.ts",
      },
      "/",
    );
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, "postgres://root@127.0.0.1:5432/test");
    assert.equal(c.maxMessageBytes, 2048);
    assert.equal(c.wsPingSeconds, 10, "the default keep-alive period");
    assert.deepEqual(c.mods, ["mods/a.ts", "mods/b.ts"]);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: "http" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be in 0\.\.65535/],
    [{ PORT: "-1" }, /PORT must be a whole number/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgres: or postgresql: URL/],
    [{ DATABASE_URL: "not a url" }, /DATABASE_URL is not a valid URL/],
    [{ REDIS_URL: "http://x" }, /REDIS_URL must be a redis: or rediss: URL/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
    [{ AUTH_SECRET: "short" }, /AUTH_SECRET must be at least 32 characters/],
    [{ HOST: "a b" }, /HOST must be a host name/],
    [{ MAX_MESSAGE_BYTES: "10" }, /MAX_MESSAGE_BYTES must be in/],
    [{ WS_PING_SECONDS: "0" }, /WS_PING_SECONDS must be in 1\.\.3600/],
    [{ WS_PING_SECONDS: "ten" }, /WS_PING_SECONDS must be a whole number/],
  ];
  for (const [env, expected] of bad) {
    it(`refuses ${JSON.stringify(env)} with a message naming the variable`, () => {
      assert.throws(() => loadConfig(env, "/"), (e: unknown) => e instanceof ConfigError && expected.test(e.message));
    });
  }

  it("reports every problem at once", () => {
    assert.throws(
      () => loadConfig({ PORT: "x", LOG_LEVEL: "y" }, "/"),
      (e: unknown) => e instanceof ConfigError && e.problems.length === 2,
    );
  });
});

describe("mods", () => {
  it("loads the documented example mod and registers it like a built-in kind", async () => {
    const { loadMods } = await import("../../server/rooms/mods.js");
    const { assertValidKinds } = await import("../../server/rooms/registry.js");
    const kinds = await loadMods(["examples/mods/counter.ts"]);
    assert.deepEqual(kinds.map((k) => k.spec.name), ["counter"]);
    assert.doesNotThrow(() => assertValidKinds(kinds));
  });

  it("refuses a module without a RoomKind export, naming it", async () => {
    const { loadMods } = await import("../../server/rooms/mods.js");
    await assert.rejects(loadMods(["shared/core/rng.ts"]), /no default export/);
    await assert.rejects(loadMods(["does/not/exist.ts"]), /could not be loaded/);
  });
});

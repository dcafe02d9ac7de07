/**
 * The store gateway's origin rules and body limit with a configured STORE_CORS_ORIGINS, on a bare
 * express app (the in-process test server uses the defaults), plus the store config's validation.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type http from "node:http";
import express from "express";
import { ConfigError } from "../../server/config.js";
import { errorHandler } from "../../server/platform/http.js";
import { createLogger } from "../../server/platform/logger.js";
import { loadStoreConfig } from "../../server/rooms/store/config.js";
import { bodyLimit, originRules } from "../../server/rooms/store/gateway.js";

describe("store gateway: origins and body size", () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    const config = loadStoreConfig({ STORE_CORS_ORIGINS: "http://192.168.1.20:5173", STORE_MAX_BODY_BYTES: "300" });
    const app = express();
    app.use(express.json());
    app.use(originRules(config), bodyLimit(config.maxBodyBytes));
    app.all("/x", (_req, res) => void res.json({ ok: true }));
    app.use(errorHandler(createLogger("silent", {})));
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => void server.close());

  const post = (headers: Record<string, string>, body = "{}") =>
    fetch(`${base}/x`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("lets a listed origin in, with CORS headers, and answers its preflight", async () => {
    const r = await post({ origin: "http://192.168.1.20:5173" });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("access-control-allow-origin"), "http://192.168.1.20:5173");
    assert.match(r.headers.get("access-control-expose-headers") ?? "", /Idempotent-Replayed/);
    const pre = await fetch(`${base}/x`, { method: "OPTIONS", headers: { origin: "http://192.168.1.20:5173", "access-control-request-method": "POST" } });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get("access-control-allow-headers") ?? "", /Idempotency-Key/);
  });

  it("allows same-origin whatever the LAN address, refuses unlisted origins' writes", async () => {
    const host = new URL(base).host;
    assert.equal((await post({ origin: `http://${host}` })).status, 200);
    const r = await post({ origin: "http://10.0.0.9:8080" });
    assert.equal(r.status, 403);
    assert.equal(((await r.json()) as { code: string }).code, "ORIGIN_NOT_ALLOWED");
    assert.equal((await post({})).status, 200, "no Origin (curl, the SDK in Node): allowed");
  });

  it("refuses bodies over the limit with 413", async () => {
    const r = await post({}, JSON.stringify({ pad: "x".repeat(400) }));
    assert.equal(r.status, 413);
    assert.equal(((await r.json()) as { code: string }).code, "PAYLOAD_TOO_LARGE");
  });

  it("refuses bad store settings naming the variable", () => {
    assert.throws(() => loadStoreConfig({ STORE_CACHE_ENTRIES: "lots", STORE_CORS_ORIGINS: "not a url" }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 2);
      assert.match(e.problems.join("\n"), /STORE_CACHE_ENTRIES/);
      assert.match(e.problems.join("\n"), /STORE_CORS_ORIGINS/);
      return true;
    });
  });
});

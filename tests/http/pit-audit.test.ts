/** The pit's audit trail is for operators: the same guard as /monitor (loopback, or MONITOR_PASSWORD). */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type http from "node:http";
import express from "express";
import { pitRoutes } from "../../server/rooms/pit/routes.js";
import { errorHandler } from "../../server/platform/http.js";
import { testServer } from "../helpers/testServer.js";

describe("pit audit trail: operators only", () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    const app = await testServer();
    // the real routes over the test server's database, with an admin password configured
    const platform = { ...app.platform, config: { ...app.platform.config, monitorPassword: "s3cret-pass" } };
    const web = express();
    const router = express.Router();
    pitRoutes(router, platform);
    web.use("/api/pit", router);
    web.use(errorHandler(platform.logger));
    server = web.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server?.close());

  it("refuses the journal without the admin password (401) and serves it with it", async () => {
    const anon = await fetch(`${base}/api/pit/audit?symbol=ACME`);
    assert.equal(anon.status, 401);
    assert.equal(((await anon.json()) as { code: string }).code, "UNAUTHORIZED");
    const wrong = await fetch(`${base}/api/pit/audit?symbol=ACME`, { headers: { authorization: `Basic ${Buffer.from("admin:nope").toString("base64")}` } });
    assert.equal(wrong.status, 401);
    const ok = await fetch(`${base}/api/pit/audit?symbol=ACME`, { headers: { authorization: `Basic ${Buffer.from("admin:s3cret-pass").toString("base64")}` } });
    assert.equal(ok.status, 200);
    assert.ok(Array.isArray(((await ok.json()) as { items: unknown[] }).items));
  });

  it("leaves the public market data public", async () => {
    assert.equal((await fetch(`${base}/api/pit/instruments`)).status, 200);
    assert.equal((await fetch(`${base}/api/pit/ACME/trades`)).status, 200);
  });
});

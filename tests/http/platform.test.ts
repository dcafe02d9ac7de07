/** The platform's HTTP API through real requests against the in-process server. */
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import fs from "node:fs";
import { SignJWT } from "jose";
import type { StartedApp } from "../../server/app.js";
import { createTokenService } from "../../server/platform/auth.js";
import { monitorGuard } from "../../server/platform/routes.js";
import { signIn, testServer } from "../helpers/testServer.js";

describe("platform HTTP API", () => {
  let app: StartedApp;
  let base: string;
  before(async () => {
    app = await testServer();
    base = app.url;
  });

  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(base + path, init);
    const text = await res.text();
    return { res, body: text ? JSON.parse(text) : undefined };
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    json(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

  describe("GET /health", () => {
    it("is 200 {status: ok} with database and Redis reachability", async () => {
      const { res, body } = await json("/health");
      assert.equal(res.status, 200);
      assert.equal(body.status, "ok");
      assert.deepEqual(body.database, { ok: true, dialect: "sqlite" });
      assert.deepEqual(body.redis, { ok: null, configured: false });
      assert.ok(res.headers.get("x-request-id"));
    });
  });

  describe("origins", () => {
    it("gives a foreign web page no CORS grant on the API (Colyseus would echo any Origin)", async () => {
      const res = await fetch(`${base}/api/rooms`, { headers: { origin: "http://evil.example" } });
      assert.equal(res.status, 200, "served: the page just cannot read it");
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      assert.equal(res.headers.get("access-control-allow-credentials"), null);
    });

    it("still lets Colyseus answer its own routes: the health check and matchmaking preflights", async () => {
      const health = await fetch(`${base}/__healthcheck`);
      assert.equal(health.status, 200);
      assert.equal(await health.text(), "OK");
      const pre = await fetch(`${base}/matchmake/joinOrCreate/echo`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
      });
      assert.equal(pre.status, 204);
    });
  });

  describe("matchmaking", () => {
    it("refuses join options that are not a JSON object with INVALID_OPTIONS, before any room is made", async () => {
      const { token } = await signIn(base, "Opt");
      const rooms = async () => (await matchMaker.query({})).map((r) => r.roomId).sort();
      const before = JSON.stringify(await rooms());
      for (const [kind, body, got] of [["chess", "null", "null"], ["chess", '"x"', "string"], ["chess", "[]", "an array"], ["plaza", "5", "number"], ["shooter", "null", "null"]]) {
        const { res, body: reply } = await post(`/matchmake/joinOrCreate/${kind}`, body, { authorization: `Bearer ${token}` });
        assert.equal(res.status, 526, `${kind} ${body}`);
        assert.equal(reply.error, `INVALID_OPTIONS: join options must be a JSON object (got ${got})`);
      }
      assert.equal(JSON.stringify(await rooms()), before, "no room was created");
    });

    it("answers with an X-Request-Id like every API route: the caller's when sane, else a fresh one", async () => {
      const { token } = await signIn(base, "Rid");
      const mine = await post("/matchmake/joinOrCreate/chess", "null", { authorization: `Bearer ${token}`, "x-request-id": "trace-42" });
      assert.equal(mine.res.headers.get("x-request-id"), "trace-42");
      const fresh = await post("/matchmake/joinOrCreate/chess", "null", { authorization: `Bearer ${token}`, "x-request-id": "bad id with spaces" });
      assert.match(fresh.res.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    });
  });

  describe("GET /api/rooms", () => {
    it("lists every registered kind with name, title, maxClients and placement", async () => {
      const { res, body } = await json("/api/rooms");
      assert.equal(res.status, 200);
      const echo = body.find((k: { name: string }) => k.name === "echo");
      assert.ok(echo, "the test kind is registered");
      assert.equal(echo.title, "Echo (test)");
      assert.equal(echo.maxClients, 4);
      assert.deepEqual(echo.messages, ["say", "add", "boom"]);
      assert.deepEqual(echo.placement, [{ slice: "total and members", where: "room", onKill: "lost: tests only" }]);
      assert.equal(echo.badge, "room");
      assert.ok(!body.some((k: { name: string }) => k.name === "lobby"), "the lobby is not a room kind");
    });
  });

  describe("POST /api/auth/guest and GET /api/me", () => {
    it("signs in a guest and returns a token that /api/me accepts", async () => {
      const { res, body } = await post("/api/auth/guest", { name: "  Grace  Hopper " });
      assert.equal(res.status, 201);
      assert.equal(body.user.name, "Grace Hopper");
      assert.match(body.user.id, /^[0-9a-f-]{36}$/);
      const me = await json("/api/me", { headers: { authorization: `Bearer ${body.token}` } });
      assert.equal(me.res.status, 200);
      assert.deepEqual(me.body.user, body.user);
    });

    const badNames: Array<[string, unknown]> = [
      ["empty", ""],
      ["too long", "x".repeat(25)],
      ["markup", "<b>hi</b>"],
      ["a number", 7],
      ["missing", undefined],
    ];
    for (const [label, name] of badNames) {
      it(`refuses a ${label} name with 400 INVALID_NAME`, async () => {
        const { res, body } = await post("/api/auth/guest", name === undefined ? {} : { name });
        assert.equal(res.status, 400);
        assert.equal(body.code, "INVALID_NAME");
        assert.equal(typeof body.message, "string");
      });
    }

    it("refuses malformed JSON with 400 BAD_REQUEST and a huge body with 413", async () => {
      const broken = await post("/api/auth/guest", "{name:");
      assert.equal(broken.res.status, 400);
      assert.equal(broken.body.code, "BAD_REQUEST");
      const huge = await post("/api/auth/guest", { name: "x".repeat(100_000) });
      assert.equal(huge.res.status, 413);
      assert.equal(huge.body.code, "PAYLOAD_TOO_LARGE");
    });

    it("refuses a body that does not decompress as it claims with 400 BAD_REQUEST (not 500)", async () => {
      for (const encoding of ["gzip", "br", "deflate"]) {
        const bad = await post("/api/auth/guest", '{"name":"Zip"}', { "content-encoding": encoding });
        assert.equal(bad.res.status, 400, encoding);
        assert.equal(bad.body.code, "BAD_REQUEST", encoding);
        assert.match(bad.body.message, new RegExp(encoding));
      }
      const unknown = await post("/api/auth/guest", { name: "Zip" }, { "content-encoding": "bogus" });
      assert.deepEqual([unknown.res.status, unknown.body.code], [415, "UNSUPPORTED_MEDIA_TYPE"]);
    });

    it("calls a JSON body that is not an object by what it is", async () => {
      const nul = await post("/api/auth/guest", "null");
      assert.deepEqual([nul.res.status, nul.body.code], [400, "BAD_REQUEST"]);
      assert.match(nul.body.message, /object/);
    });

    it("refuses /api/me without a token, with a forged one and with an expired one", async () => {
      const none = await json("/api/me");
      assert.equal(none.res.status, 401);
      assert.equal(none.body.code, "UNAUTHORIZED");

      const guest = await signIn(base, "Mallory");
      const [h, p] = guest.token.split(".");
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), name: "Admin" })).toString("base64url")}.${guest.token.split(".")[2]}`;
      const forged = await json("/api/me", { headers: { authorization: `Bearer ${tampered}` } });
      assert.equal(forged.res.status, 401);
      assert.equal(forged.body.code, "INVALID_TOKEN");

      const otherSecret = await new SignJWT({ name: "Eve" }).setProtectedHeader({ alg: "HS256" }).setSubject(guest.user.id)
        .setIssuer("statecraft").setExpirationTime("1h").sign(new TextEncoder().encode("a".repeat(48)));
      const wrongKey = await json("/api/me", { headers: { authorization: `Bearer ${otherSecret}` } });
      assert.equal(wrongKey.body.code, "INVALID_TOKEN");

      // a token signed with the server's own secret, but a clock 8 days ahead at verification
      const later = createTokenService(secretOf(app), 60, () => Date.now() - 3_600_000);
      const expiredToken = await later.sign(guest.user);
      const expired = await json("/api/me", { headers: { authorization: `Bearer ${expiredToken}` } });
      assert.equal(expired.res.status, 401);
      assert.equal(expired.body.code, "TOKEN_EXPIRED");

      // the server's own secret and issuer, but no expiry: not a session this server signed
      const forever = await new SignJWT({ name: "Mallory" }).setProtectedHeader({ alg: "HS256" }).setSubject(guest.user.id)
        .setIssuer("statecraft").setIssuedAt().sign(secretOf(app));
      const noExp = await json("/api/me", { headers: { authorization: `Bearer ${forever}` } });
      assert.deepEqual([noExp.res.status, noExp.body.code], [401, "INVALID_TOKEN"]);
    });
  });

  describe("tokens of users that do not exist", () => {
    it("are refused everywhere, not only by /api/me: joins too (INVALID_TOKEN)", async () => {
      // signed with the server's own secret, for a user id the database never had
      const ghost = await createTokenService(secretOf(app), 3600).sign({ id: "00000000-0000-4000-8000-000000000000", name: "Ghost" });
      const me = await json("/api/me", { headers: { authorization: `Bearer ${ghost}` } });
      assert.deepEqual([me.res.status, me.body.code], [401, "INVALID_TOKEN"]);
      const { Client } = await import("@colyseus/sdk");
      const c = new Client(app.url);
      c.auth.token = ghost;
      await assert.rejects(c.joinOrCreate("echo"), (e: Error) => e.message.startsWith("INVALID_TOKEN"), "a join in its name is refused");
      // a real user's token still works (and keeps working: the user is remembered)
      const guest = await signIn(base, "Real");
      const c2 = new Client(app.url);
      c2.auth.token = guest.token;
      await (await c2.joinOrCreate("echo")).leave();
      await (await c2.joinOrCreate("echo")).leave();
    });

    it("calls an Authorization header of another shape an invalid token, not a missing one", async () => {
      const guest = await signIn(base, "Twice");
      const twice = await json("/api/me", { headers: { authorization: `Bearer ${guest.token} ${guest.token}` } });
      assert.deepEqual([twice.res.status, twice.body.code], [401, "INVALID_TOKEN"]);
      const basic = await json("/api/me", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
      assert.equal(basic.body.code, "INVALID_TOKEN");
    });
  });

  describe("GET /metrics", () => {
    it("is Prometheus text with rooms, clients, messages and bytes per kind", async () => {
      const res = await fetch(base + "/metrics");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      for (const name of ["statecraft_rooms", "statecraft_clients", "statecraft_messages_received_total", "statecraft_bytes_sent_total", "statecraft_bytes_received_total"]) {
        assert.match(text, new RegExp(`^# TYPE ${name} (counter|gauge)$`, "m"), name);
      }
      assert.match(text, /^statecraft_rooms\{kind="echo"\} \d+$/m);
      // every sample line is `name{labels} value`
      for (const line of text.split("\n").filter((l) => l && !l.startsWith("#"))) {
        assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? -?[0-9.e+]+$/, line);
      }
    });
  });

  describe("GET /metrics route groups", () => {
    it("counts requests in a fixed set of groups: what a client asks for cannot grow the label", async () => {
      const junk = ["/zz" + Math.random().toString(36).slice(2), "/api/x" + Math.random().toString(36).slice(2) + "/y", "/api/echo/whatever/123", "/api?x=1", "/health?probe=1"];
      for (const path of junk) await (await fetch(base + path)).arrayBuffer();
      const text = await (await fetch(base + "/metrics")).text();
      const groups = new Set([...text.matchAll(/^statecraft_http_requests_total\{group="([^"]*)"/gm)].map((m) => m[1]));
      assert.ok(groups.has("(other)") && groups.has("/api/(unknown)") && groups.has("/health"), [...groups].join(" "));
      for (const g of groups) assert.match(g!, /^(\(other\)|\/api\/\(unknown\)|\/api\/(echo|rooms|auth|me)|\/(health|metrics|matchmake|monitor))$/, `unexpected group ${g}`);
    });
  });

  describe("errors and the monitor", () => {
    it("answers unknown API routes with 404 {code: NOT_FOUND}", async () => {
      const { res, body } = await json("/api/nope");
      assert.equal(res.status, 404);
      assert.equal(body.code, "NOT_FOUND");
      assert.equal(body.message, "no route for GET /api/nope", "the path as the client wrote it");
      const inKind = await json("/api/chess/nothing/here");
      assert.equal(inKind.body.message, "no route for GET /api/chess/nothing/here");
    });

    it("refuses a path parameter that is not valid percent-encoding with 400 VALIDATION_FAILED (not 500)", async () => {
      for (const path of ["/api/chess/games/%ZZ", "/api/chess/players/%E0%A4%A", "/api/store/products/%ZZ", "/api/pit/%ZZ/trades", "/api/shooter/matches/%ZZ"]) {
        const { res, body } = await json(path);
        assert.deepEqual([res.status, body.code], [400, "VALIDATION_FAILED"], path);
        assert.match(body.message, /percent-encoding/, path);
      }
    });

    it("answers requests Node's parser refuses (headers over 16 KB, not HTTP) with the JSON error body and a request id", async () => {
      const { connect } = await import("node:net");
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const url = new URL(base);
          const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
          let out = "";
          socket.on("data", (d) => (out += d.toString()));
          socket.on("close", () => resolve(out));
          socket.on("error", reject);
        });
      const big = await raw(`GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${"a".repeat(100_000)}\r\n\r\n`);
      assert.match(big, /^HTTP\/1\.1 431 /);
      assert.match(big, /\r\nX-Request-Id: [\w-]{36}\r\n/);
      assert.deepEqual(JSON.parse(big.slice(big.indexOf("\r\n\r\n") + 4)).code, "HEADERS_TOO_LARGE");
      const garbage = await raw("HELLO THERE\r\n\r\n");
      assert.match(garbage, /^HTTP\/1\.1 400 /);
      assert.equal(JSON.parse(garbage.slice(garbage.indexOf("\r\n\r\n") + 4)).code, "BAD_REQUEST");
    });

    it("serves /monitor to this machine", async () => {
      const res = await fetch(base + "/monitor/api");
      assert.equal(res.status, 200);
      assert.ok(Array.isArray((await res.json()).rooms));
    });

    it("refuses /monitor to other addresses without a password, and checks the password when set", () => {
      const run = (password: string | undefined, remoteAddress: string, authorization?: string) => {
        const guard = monitorGuard({ config: { ...app.platform.config, monitorPassword: password } });
        let status = 0;
        let passed = false;
        const res: any = { setHeader() {}, status(s: number) { status = s; return res; }, json() { return res; } };
        guard({ ip: remoteAddress, socket: { remoteAddress }, header: (h: string) => (h === "authorization" ? authorization : undefined) } as any, res, () => { passed = true; });
        return passed ? 200 : status;
      };
      const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
      assert.equal(run(undefined, "127.0.0.1"), 200);
      assert.equal(run(undefined, "::1"), 200);
      assert.equal(run(undefined, "192.0.2.9"), 403);
      assert.equal(run("hunter22", "192.0.2.9"), 401);
      assert.equal(run("hunter22", "127.0.0.1"), 401, "with a password set, loopback needs it too");
      assert.equal(run("hunter22", "192.0.2.9", basic("admin", "wrong")), 401);
      assert.equal(run("hunter22", "192.0.2.9", basic("admin", "hunter22")), 200);
    });

    it("judges the caller behind a reverse proxy on this machine by X-Forwarded-For, as the store's limits do", async () => {
      for (const path of ["/monitor/", "/api/pit/audit?limit=1"]) {
        assert.equal((await fetch(`${base}${path}`)).status, 200, `${path} from this machine`);
        const proxied = await fetch(`${base}${path}`, { headers: { "x-forwarded-for": "203.0.113.9" } });
        assert.equal(proxied.status, 403, `${path} proxied for a remote caller`);
        const forged = await fetch(`${base}${path}`, { headers: { "x-forwarded-for": "127.0.0.1, 203.0.113.9" } });
        assert.equal(forged.status, 403, `${path}: the proxy's own hop is what counts, not what the caller wrote`);
      }
    });
  });
});

function secretOf(app: StartedApp): Uint8Array {
  // tests/ may read the generated secret file: it is what every process sharing DATA_DIR uses
  return new TextEncoder().encode(fs.readFileSync(`${app.platform.config.dataDir}/auth-secret`, "utf8").trim());
}

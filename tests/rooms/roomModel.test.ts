/** The room model through real SDK clients against the in-process server (tests' own EchoRoom). */
import assert from "node:assert/strict";
import { Client } from "@colyseus/sdk";
import type { StartedApp } from "../../server/app.js";
import { nextMessage, sdkClient, testServer, waitFor } from "../helpers/testServer.js";

describe("room model (EchoRoom through the SDK)", () => {
  let app: StartedApp;
  before(async () => {
    app = await testServer();
  });

  it("refuses a join without a token, and with a forged one", async () => {
    const anonymous = new Client(app.url);
    await assert.rejects(anonymous.joinOrCreate("echo"), (e: Error) => /^UNAUTHORIZED: /.test(e.message));
    const forged = new Client(app.url);
    forged.auth.token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwibmFtZSI6IngifQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    await assert.rejects(forged.joinOrCreate("echo"), (e: Error) => /^INVALID_TOKEN: /.test(e.message));
  });

  it("refuses bad join options with INVALID_OPTIONS naming the field", async () => {
    const { client } = await sdkClient(app.url, "Opt");
    await assert.rejects(client.joinOrCreate("echo", { color: "green" }), (e: Error) => /^INVALID_OPTIONS: color/.test(e.message));
    await assert.rejects(client.joinOrCreate("echo", { colour: "red" }), (e: Error) => /^INVALID_OPTIONS: /.test(e.message));
  });

  it("joins with the user's identity and parsed options in state", async () => {
    const { client, guest } = await sdkClient(app.url, "Alice");
    const room = await client.create("echo", { color: "blue" });
    try {
      await waitFor(() => room.state?.members?.get(room.sessionId) !== undefined, 5000, "own member in state");
      const me = room.state.members.get(room.sessionId);
      assert.equal(me.name, guest.user.name);
      assert.equal(me.color, "blue");
    } finally {
      await room.leave();
    }
  });

  it("applies a valid command, refuses a malformed one with VALIDATION_FAILED and changes nothing", async () => {
    const { client } = await sdkClient(app.url, "Bob");
    const room = await client.create("echo");
    try {
      room.send("say", { text: "hello" });
      await waitFor(() => room.state.lastText === "hello", 5000, "lastText");
      const errP = nextMessage<{ code: string; message: string; type: string; details: Array<{ path: string }> }>(room, "error");
      room.send("say", { text: 42 });
      const err = await errP;
      assert.equal(err.code, "VALIDATION_FAILED");
      assert.equal(err.type, "say", "the error names the message it refuses");
      assert.match(err.message, /text/);
      assert.deepEqual(err.details.map((d) => d.path), ["text"]);
      assert.equal(room.state.lastText, "hello");
      // still connected: a malformed payload is refused, not a disconnect
      room.send("say", { text: "again" });
      await waitFor(() => room.state.lastText === "again", 5000, "second say");
    } finally {
      await room.leave();
    }
  });

  it("answers requests: a value on success, a rejection {code, message} on refusal", async () => {
    const { client } = await sdkClient(app.url, "Carol");
    const room = await client.create("echo");
    try {
      assert.deepEqual(await room.request("add", { n: 600 }), { total: 600 });
      await assert.rejects(room.request("add", { n: 600 }), (e: any) => {
        const reason = e?.reason ?? e?.data ?? e;
        return JSON.stringify(reason).includes("TOTAL_TOO_LARGE");
      });
      await waitFor(() => room.state.total === 600, 5000, "total patched");
      const refused = nextMessage<{ code: string; type: string }>(room, "error");
      room.send("add", { n: 600 }); // the same refusal after room.send: an error message naming "add"
      assert.deepEqual(pick(await refused), { code: "TOTAL_TOO_LARGE", type: "add" });
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(room.state.total, 600, "the refused request changed nothing");
    } finally {
      await room.leave();
    }
  });

  it("refuses unknown message types with UNKNOWN_MESSAGE and an uncaught handler error with INTERNAL", async () => {
    const { client } = await sdkClient(app.url, "Dan");
    const room = await client.create("echo");
    try {
      const unknown = nextMessage<{ code: string; type: string }>(room, "error");
      room.send("teleport", { x: 1 });
      assert.deepEqual(pick(await unknown), { code: "UNKNOWN_MESSAGE", type: "teleport" });
      const internal = nextMessage<{ code: string; type: string }>(room, "error");
      room.send("boom", {});
      assert.deepEqual(pick(await internal), { code: "INTERNAL", type: "boom" });
      await assert.rejects(room.request("boom", {}), (e: any) => JSON.stringify(e?.reason ?? e?.data ?? e).includes("INTERNAL"), "a request is rejected, not resolved with undefined");
    } finally {
      await room.leave();
    }
  });

  it("closes with 4002 a connection that sends a frame that is not msgpack; a flood of them is one log line", async () => {
    const logger = app.platform.logger;
    const warn = logger.warn;
    const lines: string[] = [];
    logger.warn = function (this: typeof logger, msg: string, fields?: Record<string, unknown>) {
      if (fields?.source === "colyseus") lines.push(msg);
      return warn.call(this, msg, fields);
    } as typeof warn;
    try {
      for (let i = 0; i < 5; i++) {
        const room = await (await sdkClient(app.url, `Bad${i}`)).client.create("echo");
        room.reconnection.enabled = false;
        const closed = new Promise<number>((resolve) => room.onLeave((code: number) => resolve(code)));
        // ROOM_DATA (13), the type "say" as a msgpack fixstr, then 0xc1: a byte msgpack never uses
        (room as any).connection.transport.ws.send(new Uint8Array([13, 0xa3, 0x73, 0x61, 0x79, 0xc1, 0xff]));
        assert.equal(await closed, 4002);
      }
      assert.equal(lines.length, 1, `one log line for five bad frames, got ${lines.length}`);
    } finally {
      logger.warn = warn;
    }
  });

  it("closes the connection of a client that sends a message larger than MAX_MESSAGE_BYTES", async () => {
    const { client } = await sdkClient(app.url, "Eve");
    const room = await client.create("echo");
    room.reconnection.enabled = false;
    const dropped = new Promise<number>((resolve) => room.onLeave((code: number) => resolve(code)));
    room.send("say", { text: "x".repeat(app.platform.config.maxMessageBytes + 10) });
    const code = await dropped;
    assert.ok(code >= 1000, `closed with ${code}`);
  });

  it("disconnects with 4002 a client over its message budget (echo: 30/s), not one under it", async function () {
    this.timeout(15_000);
    const steady = await (await sdkClient(app.url, "Sam")).client.create("echo");
    const flood = await (await sdkClient(app.url, "Fay")).client.joinById(steady.roomId);
    for (const r of [steady, flood]) r.reconnection.enabled = false;
    const leaves: Record<string, number> = {};
    steady.onLeave((code: number) => (leaves.steady = code));
    const dropped = new Promise<number>((resolve) => flood.onLeave((code: number) => resolve(code)));
    const total = steady.state.total as number;
    for (let i = 0; i < 60; i++) flood.send("add", { n: 1 }); // two seconds' worth at once
    assert.equal(await dropped, 4002);
    // the steady client: 25 a second for 2 s, every one applied, never cut off
    for (let i = 0; i < 50; i++) {
      steady.send("add", { n: 1 });
      await new Promise((r) => setTimeout(r, 40));
    }
    await waitFor(() => steady.state.total >= total + 50 + 28, 5000, "the steady client's adds");
    await new Promise((r) => setTimeout(r, 200));
    const fromFlood = steady.state.total - total - 50;
    // a second's worth (30) is the budget, all of it the client's own (the join handshake is not counted)
    assert.ok(fromFlood >= 30 && fromFlood <= 31, `the flood's first 30 were applied, the rest were not (got ${fromFlood})`);
    assert.equal(leaves.steady, undefined);
    await steady.leave();
  });

  it("keeps the seat across a dropped socket: the SDK reconnects to the same session", async () => {
    const { client } = await sdkClient(app.url, "Finn");
    const room = await client.create("echo");
    room.reconnection.minUptime = 0;
    room.reconnection.minDelay = 50;
    const info = console.info; // the SDK narrates its reconnection on console.info
    console.info = () => {};
    try {
      await waitFor(() => room.state?.members?.get(room.sessionId) !== undefined, 5000, "joined");
      const sessionId = room.sessionId;
      const reconnected = new Promise<void>((resolve) => room.onReconnect(() => resolve()));
      // drop the socket without a consented leave
      (room as any).connection.transport.ws.terminate(); // like a cable pulled: close code 1006
      await reconnected;
      assert.equal(room.sessionId, sessionId);
      room.send("say", { text: "back" });
      await waitFor(() => room.state.lastText === "back" && room.state.members.get(sessionId)?.connected === true, 5000, "back");
    } finally {
      console.info = info;
      await room.leave();
    }
  });
});

function pick(e: { code: string; type: string }): { code: string; type: string } {
  return { code: e.code, type: e.type };
}

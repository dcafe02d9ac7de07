/** server/platform/cork.ts over a real ws server and client on loopback (the shooter patch, the pit reports). */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { Corked, corked } from "../../server/platform/cork.js";

describe("corked sends (server/platform/cork.ts)", () => {
  let wss: WebSocketServer;
  let server: WebSocket;
  let client: WebSocket;
  const received: string[] = [];

  beforeEach(async () => {
    received.length = 0;
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    const accepted = new Promise<WebSocket>((r) => wss.once("connection", r));
    client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    client.on("message", (m) => received.push(String(m)));
    server = await accepted;
    await new Promise((r) => client.once("open", r));
  });
  afterEach(async () => {
    client?.terminate();
    await new Promise((r) => wss.close(r));
  });

  const socketBuffered = () => (server as unknown as { _socket: { writableLength: number } })._socket.writableLength;

  it("holds a client's frames in its socket until the batch ends, then sends them all in order", async () => {
    let bufferedInside = -1;
    const result = corked([{ ref: server }], () => {
      server.send("patch");
      server.send("fx");
      server.send("kill");
      bufferedInside = socketBuffered();
      return 42;
    });
    assert.equal(result, 42);
    assert.ok(bufferedInside > 0, "inside the batch the frames wait in the corked socket");
    assert.equal(socketBuffered(), 0, "uncorked: handed to the kernel at once");
    while (received.length < 3) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(received, ["patch", "fx", "kill"]);
  });

  it("without it, each frame is written as it is sent", () => {
    server.send("patch");
    assert.equal(socketBuffered(), 0);
  });

  it("uncorks even when the batch throws, and skips clients without a TCP socket", async () => {
    assert.throws(() => corked([{ ref: server }, { ref: undefined }, {}], () => {
      server.send("before the error");
      throw new Error("boom");
    }), /boom/);
    assert.equal(socketBuffered(), 0);
    while (received.length < 1) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(received, ["before the error"]);
  });

  it("Corked: a socket is corked once however often its client is added, and written once on flush", async () => {
    const socket = (server as unknown as { _socket: { writableCorked: number } })._socket;
    const batch = new Corked();
    for (let i = 0; i < 5; i++) {
      batch.add({ ref: server });
      server.send(`report ${i}`);
    }
    batch.add({ ref: undefined }); // another transport: left alone
    assert.equal(socket.writableCorked, 1);
    assert.ok(socketBuffered() > 0);
    batch.flush();
    assert.equal(socket.writableCorked, 0);
    assert.equal(socketBuffered(), 0);
    batch.flush(); // nothing left: no unbalanced uncork
    assert.equal(socket.writableCorked, 0);
    while (received.length < 5) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(received, [0, 1, 2, 3, 4].map((i) => `report ${i}`));
  });
});

/** server/rooms/pit/corked.ts: one socket write per client for everything sent between add and flush. */
import assert from "node:assert/strict";
import type { Client } from "@colyseus/core";
import { Corked } from "../../server/rooms/pit/corked.js";

function fakeClient(withSocket = true) {
  const socket = { corks: 0, depth: 0, flushes: 0, cork() { this.corks++; this.depth++; }, uncork() { if (--this.depth === 0) this.flushes++; } };
  return { socket, client: (withSocket ? { ref: { _socket: socket } } : { ref: {} }) as unknown as Client };
}

describe("pit: corked sends", () => {
  it("corks each client's socket once however many frames, and uncorks it once on flush", () => {
    const a = fakeClient();
    const b = fakeClient();
    const c = new Corked();
    for (let i = 0; i < 5; i++) c.add(a.client);
    c.add(b.client);
    assert.deepEqual([a.socket.corks, a.socket.depth, b.socket.depth], [1, 1, 1]);
    c.flush();
    assert.deepEqual([a.socket.depth, a.socket.flushes, b.socket.flushes], [0, 1, 1]);
    c.flush(); // nothing left: no unbalanced uncork
    assert.deepEqual([a.socket.depth, a.socket.flushes], [0, 1]);
    c.add(a.client); // a new stretch corks again
    assert.equal(a.socket.corks, 2);
    c.flush();
    assert.equal(a.socket.depth, 0);
  });

  it("leaves a client without a Node socket (another transport) alone", () => {
    const x = fakeClient(false);
    const c = new Corked();
    c.add(x.client);
    c.flush();
    assert.equal(x.socket.corks, 0);
  });
});

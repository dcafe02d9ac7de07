/**
 * A server kill loses nothing that matters in the plaza: the server process is SIGKILLed; the
 * clients, who own their avatars, rejoin a restarted process re-announcing where they stood and
 * their status; the routing index is rebuilt from that (who is near whom, moves relayed again).
 * Analytics written before the kill are kept (a batch younger than the flush interval may not be).
 */
import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import { decodeUpdate, type AvatarCard, type PlazaStatus } from "../../shared/plaza/index.js";
import { PLAZA_MAP } from "../../shared/plaza/world.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { signIn, waitFor, type Guest } from "../helpers/testServer.js";

const T = PLAZA_MAP.tileSize;

/** A client that owns its avatar: it remembers where it is and re-announces it when it joins. */
class Owner {
  room!: Room<any>;
  id = 0;
  snapshot: AvatarCard[] = [];
  moved: number[][] = [];
  private snapshotted = false;
  constructor(readonly guest: Guest, public x: number, public y: number, public status: PlazaStatus) {}

  async join(url: string): Promise<void> {
    const c = new Client(url);
    c.auth.token = this.guest.token;
    this.room = await c.joinOrCreate<any>("plaza", { x: this.x, y: this.y, status: this.status });
    this.room.reconnection.enabled = false;
    this.snapshot = [];
    this.id = 0;
    this.room.onMessage("welcome", (w: { id: number }) => void (this.id = w.id));
    this.snapshotted = false;
    this.room.onMessage("snapshot", (s: AvatarCard[]) => {
      this.snapshot = s;
      this.snapshotted = true;
    });
    this.room.onMessage("update", (bytes: Uint8Array) => {
      const { moved, appear } = decodeUpdate(bytes);
      if (moved.length) this.moved.push(moved);
      // an avatar shown afresh carries its latest position in its `appear` card, not in `moved`
      for (const c of appear) this.moved.push([c.id, c.x, c.y, c.d]);
    });
    for (const t of ["chat", "error"]) this.room.onMessage(t, () => undefined);
    await waitFor(() => this.id !== 0 && this.snapshotted, 5000, "welcome and snapshot");
  }

  async walk(dx: number): Promise<void> {
    this.x += dx;
    await this.room.request("move", { x: this.x, y: this.y });
  }
}

describe("plaza: a server kill loses nothing that matters", function () {
  this.timeout(60_000);
  let server: ServerProcess | undefined;
  after(async () => server?.stop());

  it("clients rejoin a restarted server where they stood; routing and analytics carry on", async () => {
    server = await startServerProcess({ env: { PLAZA_ANALYTICS_FLUSH_MS: "200" } });
    const ann = new Owner(await signIn(server.url, "Ann"), 40 * T + 16, 28 * T + 16, "available");
    const bob = new Owner(await signIn(server.url, "Bob"), 44 * T + 16, 28 * T + 16, "busy");
    await ann.join(server.url);
    await bob.join(server.url);
    await ann.walk(T);
    await ann.walk(T); // Ann now stands at tile 42
    await new Promise((r) => setTimeout(r, 600)); // past the analytics flush interval
    const before = (await (await fetch(`${server.url}/api/plaza/stats`)).json()) as { joins: number };
    assert.equal(before.joins, 2);

    const dataDir = server.dataDir;
    await server.kill("SIGKILL");
    server = await startServerProcess({ dataDir, env: { PLAZA_ANALYTICS_FLUSH_MS: "200" } });
    await ann.join(server.url);
    await bob.join(server.url);
    assert.deepEqual(bob.snapshot.map((c) => [c.name, c.x, c.y]), [["Ann", 42 * T + 16, 28 * T + 16]], "Bob is told where Ann re-announced herself");
    ann.moved = [];
    await bob.walk(-T / 2);
    const heard = (m: number[]) => m.some((v, i) => i % 4 === 0 && v === bob.id && m[i + 1] === bob.x);
    await waitFor(() => ann.moved.some(heard), 10_000, "Bob's move reaches Ann on the new server");
    const after = (await (await fetch(`${server.url}/api/plaza/stats`)).json()) as { joins: number };
    assert.ok(after.joins >= 2, "analytics written before the kill survive");
    await ann.room.leave();
    await bob.room.leave();
  });
});

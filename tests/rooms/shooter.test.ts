/**
 * The shooter room through real SDK clients against the in-process server: bots play, inputs are
 * acknowledged, interest management in both modes, and match stats stored and served. The
 * anti-cheat cases, run against both modes, are in shooterAntiCheat.test.ts.
 */
import assert from "node:assert/strict";
import { Socket } from "node:net";
import type { StartedApp } from "../../server/app.js";
import { nextMessage, sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { skirmishPolicy, type ShooterBot } from "../helpers/shooterBot.js";
import { sleep, ShooterTable, useShooterEnv } from "../helpers/shooterRooms.js";

const ENV = { SHOOTER_PROTECTION_S: "0", SHOOTER_RESPAWN_S: "0.5", SHOOTER_SCORE_LIMIT: "50" };

describe("shooter room", function () {
  this.timeout(30_000);
  let app: StartedApp;
  let table: ShooterTable;
  useShooterEnv(ENV);
  before(async () => {
    app = await testServer();
  });
  beforeEach(() => {
    table = new ShooterTable(app.url);
  });
  afterEach(() => table.leaveAll());

  it("refuses unknown join options with INVALID_OPTIONS", async () => {
    const { client } = await sdkClient(app.url, "Nobody");
    await assert.rejects(client.create("shooter", { mode: "lockstep" }), /INVALID_OPTIONS/);
    await assert.rejects(client.create("shooter", { map: "moon" }), /INVALID_OPTIONS/);
  });

  it("quick join honours the map: a fixed map is its own match, no map means the rotation", async () => {
    const join = async (name: string, options: Record<string, unknown>) => {
      const { client } = await sdkClient(app.url, name);
      const room = await client.joinOrCreate<any>("shooter", options);
      room.reconnection.enabled = false;
      return room;
    };
    const warehouse = await join("Wa", { map: "warehouse" });
    const courtyard = await join("Co", { map: "courtyard" });
    const rotation = await join("Ro", {});
    const warehouse2 = await join("Wb", { map: "warehouse" });
    const rotation2 = await join("Rb", { mode: "authoritative" });
    try {
      assert.notEqual(courtyard.roomId, warehouse.roomId);
      assert.notEqual(rotation.roomId, warehouse.roomId);
      assert.notEqual(rotation.roomId, courtyard.roomId);
      assert.equal(warehouse2.roomId, warehouse.roomId);
      assert.equal(rotation2.roomId, rotation.roomId);
      await waitFor(() => courtyard.state.map === "courtyard", 5000, "the courtyard match plays the courtyard");
    } finally {
      await Promise.all([warehouse, courtyard, rotation, warehouse2, rotation2].map((r) => r.leave()));
    }
  });

  it("bots play: they move, shoot, and the server acknowledges their inputs", async () => {
    const all: ShooterBot[] = [];
    for (let i = 0; i < 4; i++) all.push(await table.join(`Bot${i}`));
    for (const [i, b] of all.entries()) await table.place(b, 400 + i * 60, 350); // in the open, in each other's view
    const start = all.map((b) => ({ ...b.me()! }));
    all.forEach((b, i) => b.play(skirmishPolicy(i + 1)));
    await sleep(3000);
    all.forEach((b) => b.stop());
    await waitFor(() => all.every((b) => b.ack() === b.seq), 3000, "every input acknowledged");
    assert.ok(all.some((b, i) => Math.hypot(b.me()!.x - start[i]!.x, b.me()!.y - start[i]!.y) > 50), "they moved");
    const shots = [...table.authoritative().world.players.values()].reduce((s, p) => s + p.shots, 0);
    assert.ok(shots > 0, "they fired");
    assert.ok(all.some((b) => b.ownShots > 0), "shots came back as fx (tracers)");
  });

  it("a patch and the messages sent with it leave each client's socket in one write (corked)", async () => {
    const a = await table.join("Corky");
    const room = table.room();
    const socket = (room.clients[0] as unknown as { ref: { _socket: Socket } }).ref._socket;
    assert.ok(socket instanceof Socket, "the SDK client is on a ws socket the room can cork");
    let corkedDuringPatch = -1;
    const driver = room.driver as { beforePatch?: () => void };
    const original = driver.beforePatch!.bind(driver);
    driver.beforePatch = () => {
      corkedDuringPatch = socket.writableCorked;
      original();
    };
    try {
      await waitFor(() => corkedDuringPatch >= 0, 3000, "a patch");
    } finally {
      driver.beforePatch = original;
    }
    assert.ok(corkedDuringPatch > 0, "the client's socket is corked while the patch is built and sent");
    assert.equal(socket.writableCorked, 0, "and uncorked after it");
    a.send({ mx: 1, my: 0, aim: 0, fire: false });
    await waitFor(() => a.ack() === 1, 3000, "patches still arrive");
  });

  it("acknowledges the last simulated seq (ack in the owner's private row)", async () => {
    const a = await table.join("Acker");
    for (let i = 0; i < 12; i++) a.send({ mx: 0, my: 0, aim: 0, fire: false }); // a burst within the queue bound (16)
    await waitFor(() => a.ack() === 12, 3000, "ack 12");
  });

  it("interest management: a player out of view is not in another client's state", async () => {
    const a = await table.join("Ann");
    const b = await table.join("Bob");
    await table.place(a, 80, 80);
    await table.place(b, 1200, 880);
    await waitFor(() => !a.room.state.players.has(b.id) && !b.room.state.players.has(a.id), 3000, "both out of each other's view");
    assert.ok(a.room.state.scores.has(b.id), "the scoreboard still lists b");
    assert.equal(a.room.state.selves.has(b.id), false, "nobody sees another's private row");
    await table.place(b, 300, 80);
    await waitFor(() => a.room.state.players.has(b.id), 3000, "b enters a's view");
    await table.place(b, 1200, 880);
    await waitFor(() => !a.room.state.players.has(b.id), 3000, "b leaves a's view again");
  });

  it("relay mode: reports are relayed only to players in view, and no positions are in the room state", async () => {
    const relay = new ShooterTable(app.url, "relay");
    try {
      const a = await relay.join("Ann");
      const b = await relay.join("Bob");
      await relay.place(a, 80, 80);
      await relay.place(b, 1200, 880);
      await sleep(200);
      assert.equal(a.relayed.has(b.id), false, "b is out of a's view: never sent");
      await relay.place(b, 300, 80);
      await waitFor(() => a.relayed.get(b.id)?.x === 300, 3000, "b's report relayed to a");
      await relay.place(b, 1200, 880);
      await waitFor(() => !a.relayed.has(b.id), 3000, "a is told b left its view");
      assert.equal(a.room.state.players?.size ?? 0, 0, "relay keeps positions out of the state");
      assert.equal(a.room.state.mode, "relay");
      await new Promise<void>((resolve) => {
        a.room.onMessage("error", (e: { code: string }) => e.code === "WRONG_MODE" && resolve());
        a.send({ mx: 1, my: 0, aim: 0, fire: false });
      });
    } finally {
      await relay.leaveAll();
    }
  });

  it("relay mode: a player who leaves the room is listed in `gone` for those who saw it", async () => {
    const relay = new ShooterTable(app.url, "relay");
    try {
      const a = await relay.join("Ann");
      const b = await relay.join("Bob");
      await relay.place(a, 80, 80);
      await relay.place(b, 300, 80);
      await waitFor(() => a.relayed.get(b.id)?.x === 300, 3000, "b relayed to a");
      const bId = b.id; // the session id, gone from b's room object once it has left
      const gone = new Promise<void>((resolve) => {
        a.room.onMessage("relay", (m: { gone: string[] }) => m.gone.includes(bId) && resolve());
      });
      await relay.leave(b);
      await gone;
      await waitFor(() => !a.relayed.has(bId), 3000, "a forgot b");
    } finally {
      await relay.leaveAll();
    }
  });

  it("relay mode: a shot's claimed pellets deal damage × pellets, never more than the weapon fires", async () => {
    const relay = new ShooterTable(app.url, "relay");
    try {
      const a = await relay.join("Ann", { weapon: "shotgun" }); // 6 pellets of 14
      const b = await relay.join("Bob");
      await relay.place(a, 16 * 32 + 16, 10 * 32 + 16);
      await relay.place(b, 21 * 32 + 16, 10 * 32 + 16); // 160 px: in range (360)
      let hit = nextMessage<{ damage: number; hp: number }>(a.room, "hit", 3000);
      a.shoot(0, b.id, 1);
      assert.deepEqual(await hit, { by: a.id, on: b.id, damage: 14, hp: 86 });
      await sleep(850); // the shotgun's fire interval (800 ms)
      hit = nextMessage<{ damage: number; hp: number }>(a.room, "hit", 3000);
      a.shoot(0, b.id, 9); // more than it fires: 6 count
      assert.deepEqual(await hit, { by: a.id, on: b.id, damage: 84, hp: 2 });
      const refused = nextMessage<{ code: string }>(a.room, "error", 3000);
      a.shoot(0, b.id, 17);
      assert.equal((await refused).code, "VALIDATION_FAILED");
    } finally {
      await relay.leaveAll();
    }
  });

  it("relay mode: the state carries the round clock; a kill tells respawnMs and the victim's first report after it revives it", async () => {
    const relay = new ShooterTable(app.url, "relay");
    try {
      const a = await relay.join("Ann", { weapon: "pistol" });
      const b = await relay.join("Bob");
      assert.equal(a.room.state.roundEndTick, 300 * 64, "the time limit on the room clock (ticks)");
      const tick0 = a.room.state.tick;
      await relay.place(a, 16 * 32 + 16, 10 * 32 + 16);
      await relay.place(b, 23 * 32 + 16, 10 * 32 + 16);
      await waitFor(() => a.room.state.tick >= tick0 + 32, 3000, "the room clock runs (for the round timer)");
      const kill = nextMessage<{ victim: string; respawnMs: number }>(a.room, "kill", 5000);
      for (let i = 0; i < 3; i++) (a.shoot(0, b.id), await sleep(300));
      const k = await kill;
      assert.deepEqual([k.victim, k.respawnMs], [b.id, 500]);
      assert.equal(relay.relay().players.get(b.id)!.alive, false);
      await relay.place(b, 23 * 32 + 16, 11 * 32 + 16);
      assert.equal(relay.relay().players.get(b.id)!.alive, false, "a report before respawnMs does not revive");
      await sleep(550);
      await relay.place(b, 23 * 32 + 16, 12 * 32 + 16);
      assert.deepEqual([relay.relay().players.get(b.id)!.alive, relay.relay().players.get(b.id)!.hp], [true, 100]);
    } finally {
      await relay.leaveAll();
    }
  });

  for (const mode of ["authoritative", "relay"] as const) {
    it(`a dropped connection keeps its player: the SDK reconnects to the same session [${mode}]`, async () => {
      const t = new ShooterTable(app.url, mode);
      const info = console.info; // the SDK narrates its reconnection on console.info
      console.info = () => {};
      try {
        const a = await t.join("Ann");
        const b = await t.join("Bob");
        await t.place(a, 16 * 32 + 16, 10 * 32 + 16);
        Object.assign(a.room.reconnection, { enabled: true, minUptime: 0, minDelay: 50 });
        const id = a.id;
        const back = new Promise<void>((resolve) => a.room.onReconnect(() => resolve()));
        (a.room as any).connection.transport.ws.terminate(); // like a cable pulled: close code 1006
        await waitFor(() => t.room().clients.length === 1, 3000, "the server saw the drop");
        assert.ok(b.room.state.scores.has(id), "still on the scoreboard while away");
        await back;
        assert.equal(a.room.sessionId, id, "same session");
        await waitFor(() => t.room().clients.length === 2, 3000, "back in the room");
        if (mode === "authoritative") {
          const seq = a.send({ mx: 1, my: 0, aim: 0, fire: false });
          await waitFor(() => a.ack() === seq, 3000, "inputs acknowledged again (own row in the view)");
        } else {
          const seq = a.report(16 * 32 + 20, 10 * 32 + 16);
          await waitFor(() => t.relay().players.get(id)?.seq === seq, 3000, "reports taken again");
        }
      } finally {
        console.info = info;
        await t.leaveAll();
      }
    });

    it(`stores the match at its end and serves it [${mode}]: GET /api/shooter/matches/:id and /players/:userId`, async () => {
      process.env.SHOOTER_SCORE_LIMIT = "1";
      const t = new ShooterTable(app.url, mode);
      try {
        const a = await t.join("Ann", { weapon: "pistol", map: undefined }); // no map option: maps rotate
        const firstMap = a.room.state.map;
        const b = await t.join("Bob");
        await t.place(a, 16 * 32 + 16, 10 * 32 + 16);
        await t.place(b, 23 * 32 + 16, 10 * 32 + 16);
        await sleep(250);
        const match = nextMessage<{ id: string; reason: string }>(a.room, "match", 10_000);
        if (mode === "authoritative") a.play(() => ({ mx: 0, my: 0, aim: 0, fire: true }));
        else for (let i = 0; i < 3; i++) (a.shoot(0, b.id), await sleep(300));
        const m = await match;
        a.stop();
        assert.equal(m.reason, "score");
        await waitFor(() => a.room.state.winner === a.id, 3000, "state.winner names the round's winner (sessionId)");
        if (mode === "relay") await waitFor(() => a.room.state.map !== firstMap && a.room.state.round === 2, 3000, "no map option: the next round is on the next map");
        const res = await fetch(`${app.url}/api/shooter/matches/${m.id}`);
        assert.equal(res.status, 200);
        const body = (await res.json()) as any;
        const annId = t.userIds.get(a)!;
        assert.equal(body.winnerId, annId);
        assert.equal(body.mode, mode);
        const ann = body.players.find((p: any) => p.userId === annId);
        const bob = body.players.find((p: any) => p.userId === t.userIds.get(b));
        assert.deepEqual([ann.kills, ann.rank, bob.deaths], [1, 1, 1]);
        assert.ok(ann.shots >= 3 && ann.hits >= 3 && ann.accuracy > 0 && ann.accuracy <= 1);
        const stats = (await (await fetch(`${app.url}/api/shooter/players/${annId}`)).json()) as any;
        assert.deepEqual([stats.matches, stats.wins, stats.kills], [1, 1, 1]);
        assert.equal(stats.recent[0].matchId, m.id);
        assert.equal((await fetch(`${app.url}/api/shooter/matches/nope`)).status, 404);
      } finally {
        process.env.SHOOTER_SCORE_LIMIT = ENV.SHOOTER_SCORE_LIMIT;
        await t.leaveAll();
      }
    });
  }
});

/**
 * The shooter room through real SDK clients against the in-process server: bots play, inputs are
 * acknowledged, each anti-cheat case, interest management, and match stats stored and served.
 * Tests place players through the server room (setup only); everything a client does goes
 * through the wire.
 */
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import type { StartedApp } from "../../server/app.js";
import type { ShooterRoom } from "../../server/rooms/shooter/ShooterRoom.js";
import type { AuthoritativeMode } from "../../server/rooms/shooter/authoritative.js";
import { MAPS, PLAYER_SPEED, wallDistance } from "../../shared/shooter/index.js";
import { nextMessage, sdkClient, testServer, waitFor } from "../helpers/testServer.js";
import { ShooterBot, skirmishPolicy } from "../helpers/shooterBot.js";

const ENV = { SHOOTER_PROTECTION_S: "0", SHOOTER_RESPAWN_S: "0.5", SHOOTER_SCORE_LIMIT: "50" };
const STEP = PLAYER_SPEED / 64; // px per simulated input
const warehouse = MAPS.find((m) => m.id === "warehouse")!;

function world(bot: ShooterBot) {
  const room = matchMaker.getLocalRoomById(bot.room.roomId) as unknown as ShooterRoom;
  return (room.driver as AuthoritativeMode).world;
}

/** Setup only: puts a player somewhere (as if it had walked there). */
function place(bot: ShooterBot, x: number, y: number): void {
  const p = world(bot).players.get(bot.id)!;
  p.x = x;
  p.y = y;
}

describe("shooter room (authoritative)", function () {
  this.timeout(30_000);
  let app: StartedApp;
  let bots: ShooterBot[] = [];
  const userIds = new Map<ShooterBot, string>();
  const saved: Record<string, string | undefined> = {};

  async function join(name: string, options: Record<string, unknown> = {}, roomId?: string): Promise<ShooterBot> {
    const { client, guest } = await sdkClient(app.url, name);
    const room = roomId ? await client.joinById<any>(roomId, options) : await client.create<any>("shooter", { map: "warehouse", ...options });
    room.reconnection.enabled = false;
    const bot = new ShooterBot(room);
    bots.push(bot);
    userIds.set(bot, guest.user.id);
    await waitFor(() => bot.me() !== undefined && bot.room.state.selves?.get(bot.id) !== undefined, 5000, `${name} in the state`);
    return bot;
  }
  const pair = async (a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) => {
    const first = await join("Ann", a);
    const second = await join("Bob", b, first.room.roomId);
    await waitFor(() => first.room.state.scores.has(second.id), 3000, "Ann's state lists Bob");
    return [first, second] as const;
  };

  before(async () => {
    for (const [k, v] of Object.entries(ENV)) [saved[k], process.env[k]] = [process.env[k], v];
    app = await testServer();
  });
  after(() => {
    for (const k of Object.keys(ENV)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  afterEach(async () => {
    for (const b of bots) {
      b.stop();
      await b.room.leave().catch(() => undefined);
    }
    bots = [];
  });

  it("refuses unknown join options with INVALID_OPTIONS", async () => {
    const { client } = await sdkClient(app.url, "Nobody");
    await assert.rejects(client.create("shooter", { mode: "lockstep" }), /INVALID_OPTIONS/);
    await assert.rejects(client.create("shooter", { map: "moon" }), /INVALID_OPTIONS/);
  });

  it("bots play: they move, shoot, and the server acknowledges their inputs", async () => {
    const first = await join("Bot0");
    const others = await Promise.all([1, 2, 3].map((i) => join(`Bot${i}`, {}, first.room.roomId)));
    const all = [first, ...others];
    // gather them in the open middle so they see each other
    all.forEach((b, i) => place(b, 400 + i * 60, 350));
    const start = all.map((b) => ({ ...b.me()! }));
    all.forEach((b, i) => b.play(skirmishPolicy(i + 1)));
    await new Promise((r) => setTimeout(r, 3000));
    all.forEach((b) => b.stop());
    await waitFor(() => all.every((b) => b.ack() === b.seq), 3000, "every input acknowledged");
    assert.ok(all.some((b, i) => Math.hypot(b.me()!.x - start[i]!.x, b.me()!.y - start[i]!.y) > 50), "they moved");
    const shots = [...world(first).players.values()].reduce((s, p) => s + p.shots, 0);
    assert.ok(shots > 0, "they fired");
    assert.ok(all.some((b) => b.ownShots > 0), "shots came back as fx (tracers)");
  });

  it("acknowledges the last simulated seq (ack in the owner's private row)", async () => {
    const a = await join("Acker");
    for (let i = 0; i < 12; i++) a.send({ mx: 0, my: 0, aim: 0, fire: false }); // a burst within the queue bound (16)
    await waitFor(() => a.ack() === 12, 3000, "ack 12");
  });

  describe("anti-cheat", () => {
    it("speed hack: 4 inputs per step with a stick of 10 gain nothing over the per-tick bound", async () => {
      const cheat = await join("Speedy");
      place(cheat, 80, 80); // open corridor to the right (row 2 of the warehouse)
      assert.ok(wallDistance(warehouse, 80, 80, 1, 0, 2000) > 900);
      const t0 = world(cheat).tick;
      cheat.play(() => ({ mx: 10, my: 0, aim: 0, fire: false }), { perStep: 4 });
      await new Promise((r) => setTimeout(r, 1000));
      cheat.stop();
      const t1 = world(cheat).tick;
      const x = world(cheat).players.get(cheat.id)!.x;
      const moved = x - 80;
      const bound = (t1 - t0 + 4 /* banked credits */) * STEP;
      assert.ok(moved > 0.5 * (t1 - t0) * STEP, `it moved (${moved} px)`);
      assert.ok(moved <= bound + 1e-9, `moved ${moved} px in ${t1 - t0} ticks; the bound is ${bound}`);
      assert.ok(world(cheat).players.get(cheat.id)!.queue.dropped > 0, "the surplus inputs were dropped");
    });

    it("fire rate: holding fire on every input (4 per step) fires no faster than the weapon", async () => {
      const cheat = await join("Trigger", { weapon: "pistol" });
      const t0 = world(cheat).tick;
      cheat.play(() => ({ mx: 0, my: 0, aim: 1, fire: true }), { perStep: 4 });
      await new Promise((r) => setTimeout(r, 1000));
      cheat.stop();
      const ticks = world(cheat).tick - t0;
      const shots = world(cheat).players.get(cheat.id)!.shots;
      const allowed = Math.floor((ticks * 1000) / 64 / 250) + 1; // pistol: 250 ms
      assert.ok(shots >= 2, `it fired (${shots})`);
      assert.ok(shots <= allowed, `${shots} shots in ${ticks} ticks; the pistol allows ${allowed}`);
    });

    it("shooting through a wall hits nothing; the same shot in the open hits", async () => {
      const [a, b] = await pair({ weapon: "pistol" });
      const fireFor = async (ms: number) => {
        a.play(() => ({ mx: 0, my: 0, aim: 0, fire: true }));
        await new Promise((r) => setTimeout(r, ms));
        a.stop();
      };
      // the warehouse's central block spans tiles x 18..21, y 3..8
      place(a, 16 * 32 + 16, 5 * 32 + 16);
      place(b, 23 * 32 + 16, 5 * 32 + 16);
      await fireFor(600);
      assert.ok(world(a).players.get(a.id)!.shots > 0);
      assert.equal(world(a).players.get(b.id)!.hp, 100, "no damage through the wall");
      place(a, 16 * 32 + 16, 10 * 32 + 16);
      place(b, 23 * 32 + 16, 10 * 32 + 16);
      await new Promise((r) => setTimeout(r, 250)); // let the rewind window fill with the new positions
      await fireFor(600);
      assert.ok(world(a).players.get(b.id)!.hp < 100, "the control shot in the open hits");
    });

    it("a client cannot move or damage anyone else", async () => {
      const [a, b] = await pair();
      place(a, 400, 330);
      place(b, 520, 330);
      const bBefore = { ...world(a).players.get(b.id)! };
      const err = nextMessage<{ code: string }>(a.room, "error");
      a.send({ mx: 1, my: 0, aim: 0, fire: false }, { player: b.id }); // name someone else
      assert.equal((await err).code, "VALIDATION_FAILED");
      const err2 = nextMessage<{ code: string }>(a.room, "error");
      a.room.send("shoot", { seq: 1, aim: 0, target: b.id }); // claim a hit
      assert.equal((await err2).code, "WRONG_MODE");
      for (let i = 0; i < 10; i++) a.send({ mx: 1, my: 0, aim: Math.PI, fire: false }); // my own input moves only me
      await waitFor(() => a.ack() === a.seq, 3000, "acked");
      const bNow = world(a).players.get(b.id)!;
      assert.deepEqual([bNow.x, bNow.y, bNow.hp], [bBefore.x, bBefore.y, bBefore.hp]);
      assert.ok(world(a).players.get(a.id)!.x > 400);
    });

    it("malformed inputs are refused (VALIDATION_FAILED) and change nothing", async () => {
      const a = await join("Fuzz");
      const before = { ...world(a).players.get(a.id)! };
      const bad: unknown[] = [
        { seq: 1, mx: "fast", my: 0, aim: 0, fire: false },
        { seq: 1, mx: 0, my: 0, aim: 0, fire: "yes" },
        { seq: -5, mx: 0, my: 0, aim: 0, fire: false },
        { seq: 1, mx: 0, my: 0, aim: 0, fire: false, x: 999, y: 999 },
        { seq: 1 },
        "teleport",
      ];
      for (const payload of bad) {
        const err = nextMessage<{ code: string }>(a.room, "error");
        a.room.send("input", payload);
        assert.equal((await err).code, "VALIDATION_FAILED", JSON.stringify(payload));
      }
      await new Promise((r) => setTimeout(r, 100));
      const p = world(a).players.get(a.id)!;
      assert.deepEqual([p.x, p.y, p.ack], [before.x, before.y, 0]);
      a.send({ mx: 1, my: 0, aim: 0, fire: false });
      await waitFor(() => a.ack() === 1, 3000, "still connected and playing");
    });
  });

  it("interest management: a player out of view is not in another client's state", async () => {
    const [a, b] = await pair();
    place(a, 80, 80);
    place(b, 1200, 880);
    await waitFor(() => !a.room.state.players.has(b.id) && !b.room.state.players.has(a.id), 3000, "both out of each other's view");
    assert.ok(a.room.state.scores.has(b.id), "the scoreboard still lists b");
    assert.equal(a.room.state.selves.has(b.id), false, "nobody sees another's private row");
    place(b, 300, 80);
    await waitFor(() => a.room.state.players.has(b.id), 3000, "b enters a's view");
    place(b, 1200, 880);
    await waitFor(() => !a.room.state.players.has(b.id), 3000, "b leaves a's view again");
  });

  it("stores the match at its end and serves it: GET /api/shooter/matches/:id and /players/:userId", async () => {
    process.env.SHOOTER_SCORE_LIMIT = "1";
    try {
      const [a, b] = await pair({ weapon: "pistol" });
      place(a, 16 * 32 + 16, 10 * 32 + 16);
      place(b, 23 * 32 + 16, 10 * 32 + 16);
      const match = nextMessage<{ id: string; reason: string }>(a.room, "match", 10_000);
      a.play(() => ({ mx: 0, my: 0, aim: 0, fire: true }));
      const m = await match;
      a.stop();
      assert.equal(m.reason, "score");
      const res = await fetch(`${app.url}/api/shooter/matches/${m.id}`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as any;
      const annId = userIds.get(a)!;
      assert.equal(body.winnerId, annId);
      assert.equal(body.mode, "authoritative");
      const ann = body.players.find((p: any) => p.userId === annId);
      const bob = body.players.find((p: any) => p.userId === userIds.get(b));
      assert.deepEqual([ann.kills, ann.rank, bob.deaths], [1, 1, 1]);
      assert.ok(ann.shots >= 3 && ann.hits >= 3 && ann.accuracy > 0 && ann.accuracy <= 1);
      const stats = (await (await fetch(`${app.url}/api/shooter/players/${annId}`)).json()) as any;
      assert.deepEqual([stats.matches, stats.wins, stats.kills], [1, 1, 1]);
      assert.equal(stats.recent[0].matchId, m.id);
      assert.equal((await fetch(`${app.url}/api/shooter/matches/nope`)).status, 404);
    } finally {
      process.env.SHOOTER_SCORE_LIMIT = ENV.SHOOTER_SCORE_LIMIT;
    }
  });
});

/**
 * The shooter client's relay mode, pure parts: the own player simulated with the shared rules
 * (relayPilot.ts) — movement identical to the authoritative prediction, the report cadence, shots
 * and their claimed targets, death and respawn — and the others drawn from relayed reports
 * (relayedPlayers.ts). Plus the fixed-step accumulator both modes' drivers run on.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { FixedSteps } from "../../client/scenes/shooter/driver.js";
import { Predictor } from "../../client/scenes/shooter/prediction.js";
import { FIRE_SLACK_MS, RelayPilot, type PilotMessage } from "../../client/scenes/shooter/relayPilot.js";
import { RelayedPlayers } from "../../client/scenes/shooter/relayedPlayers.js";
import { PLAYER_RADIUS, weaponById, type Target } from "../../shared/shooter/index.js";
import { OPEN, textMap } from "../shared/shooter/helpers.js";

const map = textMap(OPEN);
const WALLED = textMap(["##########", "#S...#...#", "#....#...#", "#....#..S#", "##########"]);
const STEP = 1000 / 64;
const rifle = weaponById("rifle")!;
const still = { mx: 0, my: 0, aim: 0, fire: false, reload: false };

function pilot(opts: Partial<ConstructorParameters<typeof RelayPilot>[0]> = {}): RelayPilot {
  return new RelayPilot({ id: "me", map, weapon: rifle, stepMs: STEP, reportMs: 1000 / 32, seed: 1, ...opts });
}
const reports = (msgs: PilotMessage[]) => msgs.filter((m) => m.type === "report").map((m) => m.message as { seq: number; x: number; y: number; aim: number });
const shoots = (msgs: PilotMessage[]) => msgs.filter((m) => m.type === "shoot").map((m) => m.message as { seq: number; aim: number; target?: string; pellets?: number });

/** Runs `n` steps of `c`, collecting everything sent. */
function run(p: RelayPilot, n: number, c = still, others: Target[] = []): PilotMessage[] {
  const out: PilotMessage[] = [];
  for (let i = 0; i < n; i++) out.push(...p.step(c, others).send);
  return out;
}

describe("client: shooter relay pilot (own player simulated with the shared rules)", () => {
  it("spawns on a spawn point and reports it on the first step", () => {
    const p = pilot();
    const sent = reports(run(p, 1));
    assert.equal(sent.length, 1);
    assert.ok(map.spawns.some((s) => s.x === sent[0]!.x && s.y === sent[0]!.y), JSON.stringify(sent[0]));
    assert.equal(p.alive, true);
    assert.equal(sent[0]!.seq, 1);
  });

  it("first spawns, blind to the others, go by the player's slot: two players never share a spawn point", () => {
    assert.ok(map.spawns.length >= 2, "the test map has several spawn points");
    for (let seed = 0; seed < 20; seed++) {
      // the same seed would toss the same coin for both: only the slot tells them apart
      const spawned = [0, 1].map((slot) => reports(run(pilot({ seed, spawnSlot: () => slot }), 1))[0]!);
      assert.notDeepEqual([spawned[0]!.x, spawned[0]!.y], [spawned[1]!.x, spawned[1]!.y], `seed ${seed}`);
    }
  });

  it("moves exactly as the authoritative prediction does (the same stepMove), for any inputs (property)", () => {
    const axis = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(axis, axis), { minLength: 1, maxLength: 120 }), (moves) => {
        const p = pilot();
        run(p, 1); // spawn
        const predictor = new Predictor(map, p.pos, STEP / 1000);
        moves.forEach(([mx, my], i) => {
          const len = Math.hypot(mx, my), [x, y] = len > 1 ? [mx / len, my / len] : [mx, my];
          p.step({ ...still, mx: x, my: y }, []);
          predictor.apply({ seq: i + 1, mx: x, my: y }, true);
        });
        assert.deepEqual(p.pos, predictor.predicted);
      }),
    );
  });

  it("reports at the report rate while moving, the newest position each time, seqs increasing", () => {
    const p = pilot();
    run(p, 1);
    const sent = reports(run(p, 64, { ...still, mx: 1 })); // one second of holding D
    assert.ok(sent.length >= 30 && sent.length <= 33, `about 32 reports in a second (got ${sent.length})`);
    assert.deepEqual(sent.at(-1)!.x, p.pos.x, "the last report is where I am");
    for (let i = 1; i < sent.length; i++) {
      assert.ok(sent[i]!.seq > sent[i - 1]!.seq);
      assert.ok(sent[i]!.x >= sent[i - 1]!.x, "moving right");
    }
  });

  it("standing still sends only a heartbeat a second; a small aim jitter sends nothing, a real turn does", () => {
    const p = pilot();
    run(p, 1);
    assert.equal(reports(run(p, 63)).length, 0, "nothing changed");
    assert.equal(reports(run(p, 2)).length, 1, "the heartbeat after 1 s");
    assert.equal(reports(run(p, 4, { ...still, aim: 0.005 })).length, 0, "aim jitter below the threshold");
    assert.equal(reports(run(p, 1, { ...still, aim: 0.5 })).length, 1, "a turn");
  });

  it("fires at the weapon's rate (plus slack), spends ammo, reloads when empty; reports before a shot from a new place", () => {
    const p = pilot();
    run(p, 1);
    const firing = { ...still, mx: 1, fire: true };
    const sent = run(p, 64, firing);
    const shots = shoots(sent);
    const interval = Math.ceil((rifle.fireIntervalMs + FIRE_SLACK_MS) / STEP) * STEP;
    assert.equal(shots.length, Math.floor((64 - 1) * STEP / interval) + 1, "one shot per interval");
    assert.equal(p.ammo, rifle.magazine - shots.length);
    for (const s of shots) {
      const i = sent.findIndex((m) => m.message === s);
      assert.equal(sent[i - 1]?.type, "report", "a shot from a new position follows a report of it");
    }
    const q = pilot();
    run(q, 1);
    const all = shoots(run(q, 64 * 10, { ...still, fire: true }));
    assert.ok(q.reloading || q.ammo < rifle.magazine);
    assert.ok(all.length > rifle.magazine, "reloaded after emptying the magazine and fired again");
  });

  it("claims the target its ray hits, and none behind a wall", () => {
    const p = pilot({ map: WALLED, seed: 3 });
    run(p, 1);
    p.pos = { x: 48, y: 48 };
    const inOpen: Target = { id: "b", x: 140, y: 48, r: PLAYER_RADIUS };
    const [hit] = shoots(run(p, 1, { ...still, fire: true }, [inOpen]));
    assert.deepEqual([hit!.target, hit!.pellets], ["b", 1]);
    run(p, 20);
    const behindWall: Target = { id: "c", x: 240, y: 48, r: PLAYER_RADIUS };
    const [miss] = shoots(run(p, 1, { ...still, fire: true }, [behindWall]));
    assert.ok(miss && miss.target === undefined, "the wall stops the ray: no claim");
  });

  it("claims how many of a shotgun's pellets hit the target", () => {
    const shotgun = weaponById("shotgun")!;
    const p = pilot({ weapon: shotgun, seed: 5 });
    run(p, 1);
    p.pos = { x: 48, y: 48 };
    const pointBlank: Target = { id: "b", x: 48 + 2 * PLAYER_RADIUS + 4, y: 48, r: PLAYER_RADIUS };
    const [hit] = shoots(run(p, 1, { ...still, fire: true }, [pointBlank]));
    assert.deepEqual([hit!.target, hit!.pellets], ["b", shotgun.pellets], "every pellet hits at point blank");
  });

  it("when killed: no movement, no reports, no shots until respawnMs, then respawns with full health and reports at once", () => {
    const p = pilot();
    run(p, 1);
    p.damaged(10);
    assert.equal(p.hp, 10);
    p.killed(500);
    const at = { ...p.pos };
    const dead = run(p, Math.floor(500 / STEP) - 1, { ...still, mx: 1, fire: true });
    assert.deepEqual(dead, []);
    assert.deepEqual(p.pos, at);
    const back = reports(run(p, 2));
    assert.equal(p.alive, true);
    assert.equal(p.hp, 100);
    assert.equal(back.length, 1, "the respawn is reported (the server revives me on it)");
  });

  it("a round on another map: respawns on one of its spawn points at the next step and reports it", () => {
    const p = pilot();
    run(p, 3);
    p.changeMap(WALLED);
    const sent = reports(run(p, 1));
    assert.equal(sent.length, 1);
    assert.ok(WALLED.spawns.some((s) => s.x === sent[0]!.x && s.y === sent[0]!.y), JSON.stringify(sent[0]));
    assert.equal(p.alive, true);
  });
});

describe("client: shooter relayed players (others from relay messages)", () => {
  it("draws a relayed player between the two reports around now − 100 ms; stale reports are ignored", () => {
    const r = new RelayedPlayers();
    r.apply({ players: [["b", 100, 100, 0, 100, 5]], gone: [] }, 1000);
    r.apply({ players: [["b", 110, 100, 0, 100, 7]], gone: [] }, 1031);
    r.apply({ players: [["b", 500, 500, 0, 100, 6]], gone: [] }, 1040); // older seq arriving late
    const s = r.sample(1115.5)[0]!;
    assert.ok(Math.abs(s.x - 105) < 1e-9, `halfway (x ${s.x})`);
    assert.equal(r.sample(2000)[0]!.x, 110);
    assert.equal(r.latest("b")!.x, 110);
  });

  it("holds a player who stood still (no report) instead of creeping across the silence", () => {
    const r = new RelayedPlayers();
    r.apply({ players: [["b", 100, 100, 0, 100, 1]], gone: [] }, 0);
    r.apply({ players: [["b", 104, 100, 0, 100, 2]], gone: [] }, 3000); // moved again after 3 s
    assert.equal(r.sample(2900)[0]!.x, 100, "still where it stood 100 ms before the report arrived... and before");
    assert.equal(r.sample(3100)[0]!.x, 104);
  });

  it("hp from the relay: a drop is hit feedback, 0 is dead; gone forgets", () => {
    const r = new RelayedPlayers();
    r.apply({ players: [["b", 100, 100, 0, 100, 1]], gone: [] }, 0);
    assert.deepEqual(r.apply({ players: [["b", 100, 100, 0, 82, 2]], gone: [] }, 30), ["b"]);
    r.apply({ players: [["b", 100, 100, 0, 0, 3]], gone: [] }, 60);
    assert.equal(r.sample(1000)[0]!.alive, false);
    r.apply({ players: [], gone: ["b"] }, 90);
    assert.deepEqual(r.ids(), []);
  });

  it("a kill (the server's kill message) draws the player dead at once, with no report from it, until it reports again", () => {
    const r = new RelayedPlayers();
    r.apply({ players: [["b", 100, 100, 0, 40, 7]], gone: [] }, 0);
    r.killed("b", 50); // b's last report said hp 40: only the kill says it died
    assert.equal(r.sample(50 + 100)[0]!.alive, false, "dead once the interpolation reaches the kill");
    assert.equal(r.latest("b")!.alive, false);
    assert.equal(r.sample(10_000)[0]!.alive, false, "and stays dead while it sends nothing");
    r.apply({ players: [["b", 300, 300, 0, 100, 8]], gone: [] }, 3000); // respawned: its next report
    assert.equal(r.sample(3000 + 100)[0]!.alive, true);
    assert.equal(r.sample(3000 + 100)[0]!.x, 300, "at the spawn, not sliding there");
  });
});

describe("client: shooter fixed steps", () => {
  it("runs one step per step length of elapsed time, at most 4 after a stall", () => {
    const f = new FixedSteps();
    let n = 0;
    for (let t = 0; t < 1000; t += 8) n += f.advance(8, STEP);
    assert.ok(n >= 63 && n <= 64, `64 steps a second (got ${n})`);
    assert.equal(new FixedSteps().advance(500, STEP), 4);
  });
});

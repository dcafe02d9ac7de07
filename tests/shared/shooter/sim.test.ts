import assert from "node:assert/strict";
import fc from "fast-check";
import { createRng } from "../../../shared/core/rng.js";
import { createWorld, MAPS, newPlayer, spawn, stepWorld, weaponById, type ShooterEvent, type World } from "../../../shared/shooter/index.js";
import { input, OPEN, RULES, textMap, worldWith } from "./helpers.js";

const map = textMap(OPEN);

/** Steps `ticks` ticks, feeding each player the inputs `feed` returns for that tick. */
function run(world: World, ticks: number, feed: (tick: number, id: string) => ReturnType<typeof input>[], seed = 1): ShooterEvent[] {
  const rng = createRng(seed);
  const events: ShooterEvent[] = [];
  for (let t = 0; t < ticks; t++) {
    for (const p of world.players.values()) for (const i of feed(t, p.id)) p.queue.push(i);
    events.push(...stepWorld(world, rng));
  }
  return events;
}

function fingerprint(world: World): string {
  return JSON.stringify([...world.players.values()].map((p) => [p.id, p.x, p.y, p.aim, p.hp, p.alive, p.ammo, p.kills, p.deaths, p.shots, p.hits, p.ack]).concat([[world.tick, world.round.number, world.round.phase]]));
}

describe("shooter simulation (pure, fixed step)", () => {
  it("is deterministic: same inputs + same seed ⇒ same state (property)", () => {
    const arbInput = fc.record({ mx: fc.double({ min: -1, max: 1, noNaN: true }), my: fc.double({ min: -1, max: 1, noNaN: true }), aim: fc.double({ min: -3.14, max: 3.14, noNaN: true }), fire: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(arbInput, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 120 }), fc.integer(), (script, seed) => {
        const build = () => {
          const w = createWorld(MAPS[0]!, 64, RULES, 200);
          const rng = createRng(seed);
          for (const id of ["a", "b", "c"]) {
            const p = newPlayer(w, id, id, weaponById(id === "c" ? "shotgun" : "rifle")!);
            w.players.set(id, p);
            spawn(w, p, rng);
          }
          return w;
        };
        const ids = ["a", "b", "c"];
        const feed = (t: number, id: string) => (t < script.length ? [input(t + 1, script[t]![ids.indexOf(id)]!)] : []);
        const w1 = build(), w2 = build();
        const e1 = run(w1, script.length + 2, feed, seed);
        const e2 = run(w2, script.length + 2, feed, seed);
        assert.equal(fingerprint(w1), fingerprint(w2));
        assert.deepEqual(e1, e2);
      }),
      { numRuns: 60 },
    );
  });

  it("spawns the first player on a spawn point drawn by the rng: nobody alive ties every point", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const w = createWorld(MAPS[0]!, 64, RULES, 200);
      const p = newPlayer(w, "a", "a", weaponById("rifle")!);
      w.players.set("a", p);
      spawn(w, p, createRng(seed));
      assert.ok(MAPS[0]!.spawns.some((s) => s.x === p.x && s.y === p.y));
      seen.add(`${p.x},${p.y}`);
    }
    assert.ok(seen.size > 1, `first spawns over 40 seeds: ${[...seen].join(" ")}`);
  });

  it("acknowledges the last simulated input seq", () => {
    const w = worldWith(map, [{ id: "a", x: 64, y: 64 }]);
    run(w, 10, (t) => [input(t + 1, { mx: 1 })]);
    assert.equal(w.players.get("a")!.ack, 10);
  });

  it("fires no faster than the weapon allows, however often fire is pressed", () => {
    const w = worldWith(map, [{ id: "a", x: 64, y: 64 }]);
    run(w, 64, (t) => [input(t + 1, { fire: true, aim: Math.PI / 2 })]); // 1 s of held trigger
    const rifle = weaponById("rifle")!;
    assert.ok(w.players.get("a")!.shots <= Math.ceil(1000 / rifle.fireIntervalMs) + 1, `shots ${w.players.get("a")!.shots}`);
  });

  it("a wall between shooter and target: the shot hits nothing", () => {
    const walled = textMap(["##########", "#S...#..S#", "#....#...#", "##########"]);
    const w = worldWith(walled, [{ id: "a", x: 48, y: 48, weapon: "pistol" }, { id: "b", x: 250, y: 48 }]);
    const events = run(w, 64, (t, id) => (id === "a" ? [input(t + 1, { fire: true, aim: 0 })] : []));
    assert.ok(events.some((e) => e.type === "shot"));
    assert.equal(events.filter((e) => e.type === "hit").length, 0);
    assert.equal(w.players.get("b")!.hp, 100);
  });

  it("lag compensation: a shot at where the target was (within 200 ms) hits; beyond the window it is clamped", () => {
    const w = worldWith(map, [{ id: "a", x: 48, y: 80, weapon: "pistol" }, { id: "b", x: 200, y: 48 }]);
    const rng = createRng(3);
    // b walks down 12 ticks; a saw b at its old position (tick 1)
    stepWorld(w, rng);
    for (let t = 2; t <= 13; t++) {
      w.players.get("b")!.queue.push(input(t, { my: 1 }));
      stepWorld(w, rng);
    }
    const bNow = w.players.get("b")!;
    assert.ok(bNow.y > 80, "b has moved away from the old line of fire");
    const aimAtOld = Math.atan2(48 - 80, 200 - 48);
    w.players.get("a")!.queue.push(input(1, { fire: true, aim: aimAtOld, view: 1 }));
    const events = stepWorld(w, rng);
    assert.ok(events.some((e) => e.type === "hit" && e.victim === "b"), "hit where the shooter saw b, 12 ticks (187 ms) ago");

    // the same shot claiming a view 40 ticks old is resolved at the oldest kept tick instead
    const w2 = worldWith(map, [{ id: "a", x: 48, y: 80, weapon: "pistol" }, { id: "b", x: 200, y: 48 }]);
    const rng2 = createRng(3);
    for (let t = 1; t <= 40; t++) {
      w2.players.get("b")!.queue.push(input(t, { my: 1 }));
      stepWorld(w2, rng2);
    }
    w2.players.get("a")!.queue.push(input(1, { fire: true, aim: aimAtOld, view: 1 }));
    const late = stepWorld(w2, rng2);
    assert.equal(late.filter((e) => e.type === "hit").length, 0, "no rewinding beyond 200 ms");
  });

  it("kills score, the dead respawn after the delay, the round ends at the score limit", () => {
    const w = worldWith(map, [{ id: "a", x: 48, y: 48, weapon: "pistol" }, { id: "b", x: 200, y: 48 }], { ...RULES, scoreLimit: 1, respawnTicks: 10 });
    const events = run(w, 64, (t, id) => (id === "a" ? [input(t + 1, { fire: true, aim: Math.atan2(w.players.get("b")!.y - 48, w.players.get("b")!.x - w.players.get("a")!.x) })] : []));
    const kill = events.find((e) => e.type === "kill");
    assert.ok(kill && kill.type === "kill" && kill.killer === "a" && kill.victim === "b");
    assert.equal(w.players.get("a")!.kills, 1);
    assert.equal(w.players.get("b")!.deaths, 1);
    const end = events.find((e) => e.type === "roundEnd");
    assert.ok(end && end.type === "roundEnd" && end.reason === "score" && end.winner === "a");
    assert.ok(events.some((e) => e.type === "spawn" && e.player === "b"), "b respawned");
    assert.equal(w.players.get("a")!.shots >= 3 && w.players.get("a")!.hits >= 3, true, "3 pistol hits to kill");
  });

  it("spawn protection: damage is ignored inside the window", () => {
    const w = worldWith(map, [{ id: "a", x: 48, y: 48, weapon: "pistol" }, { id: "b", x: 200, y: 48 }]);
    w.players.get("b")!.protectedUntil = 1_000;
    run(w, 32, (t, id) => (id === "a" ? [input(t + 1, { fire: true, aim: 0 })] : []));
    assert.equal(w.players.get("b")!.hp, 100);
  });

  it("the round ends at the time limit and the next one starts after the intermission", () => {
    const w = worldWith(map, [{ id: "a", x: 48, y: 48 }], { ...RULES, timeLimitTicks: 20, intermissionTicks: 5 });
    w.round.endTick = 20;
    const events = run(w, 30, () => []);
    const end = events.find((e) => e.type === "roundEnd");
    assert.ok(end && end.type === "roundEnd" && end.reason === "time" && end.winner === null);
    assert.equal(w.round.number, 2);
    assert.equal(w.round.phase, "playing");
  });

  it("map rotation: the next round starts on world.nextMap, scores reset, everyone respawned there", () => {
    const w = worldWith(map, [{ id: "a", x: 48, y: 48 }, { id: "b", x: 200, y: 48 }], { ...RULES, timeLimitTicks: 10, intermissionTicks: 3 });
    w.round.endTick = 10;
    w.players.get("a")!.kills = 2;
    const next = MAPS[1]!;
    const events: ShooterEvent[] = [];
    const rng = createRng(9);
    for (let t = 0; t < 20; t++) {
      events.push(...stepWorld(w, rng));
      if (events.some((e) => e.type === "roundEnd") && !w.nextMap && w.round.number === 1) w.nextMap = next;
    }
    assert.equal(w.round.number, 2);
    assert.equal(w.map, next);
    assert.equal(w.nextMap, undefined);
    for (const p of w.players.values()) {
      assert.equal(p.kills, 0);
      assert.ok(p.alive && next.spawns.some((s) => s.x === p.x && s.y === p.y), `${p.id} respawned on a spawn of ${next.id}`);
    }
  });

  it("inputs of a dead player are acknowledged but move nothing", () => {
    const w = worldWith(map, [{ id: "a", x: 64, y: 64 }], { ...RULES, respawnTicks: 1000 });
    const a = w.players.get("a")!;
    a.alive = false;
    a.respawnTick = 1000;
    run(w, 5, (t) => [input(t + 1, { mx: 1, fire: true })]);
    assert.deepEqual([a.x, a.y, a.ack, a.shots], [64, 64, 5, 0]);
  });
});

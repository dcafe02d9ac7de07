/**
 * One fixed simulation step of the authoritative mode: a pure function of (world, the inputs
 * queued since the last tick, rng). Order per tick: each player (join order) simulates the
 * inputs its queue grants (movement, aim, reload, fire resolved against the rewound world);
 * respawns and reloads complete; the positions are recorded for lag compensation; the round ends
 * if its score or time limit is reached. Same world + same inputs + same seed ⇒ same world.
 */
import type { Rng } from "../core/rng.js";
import type { ShooterEvent } from "./events.js";
import { castRay, type Target } from "./hitscan.js";
import type { ShooterInput } from "./input.js";
import { PLAYER_RADIUS, stepMove } from "./movement.js";
import { checkRoundEnd, damage, isProtected, spawn, startRound } from "./rules.js";
import { msPerTick, type SimPlayer, type World } from "./world.js";

export function stepWorld(world: World, rng: Rng): ShooterEvent[] {
  const events: ShooterEvent[] = [];
  world.tick++;
  if (world.round.phase === "ended" && world.tick >= world.round.endTick) startRound(world, rng);
  const dt = 1 / world.tickHz;
  for (const p of world.players.values()) {
    for (const input of p.queue.take()) applyInput(world, p, input, dt, rng, events);
  }
  for (const p of world.players.values()) {
    if (!p.alive && world.tick >= p.respawnTick) {
      spawn(world, p, rng);
      events.push({ type: "spawn", tick: world.tick, player: p.id });
    }
    if (p.reloadUntil !== 0 && world.tick >= p.reloadUntil) {
      p.reloadUntil = 0;
      p.ammo = p.weapon.magazine;
    }
  }
  world.rewind.record(world.tick, targetsOf(world));
  checkRoundEnd(world, events);
  return events;
}

/** Simulates one input of one player: the rule the server runs per accepted input. */
export function applyInput(world: World, p: SimPlayer, input: ShooterInput, dt: number, rng: Rng, events: ShooterEvent[]): void {
  p.ack = input.seq;
  if (!p.alive) return;
  const moved = stepMove(p, input, world.map, dt);
  p.x = moved.x;
  p.y = moved.y;
  p.aim = input.aim;
  const w = p.weapon;
  if (input.reload && p.reloadUntil === 0 && p.ammo < w.magazine) startReload(world, p);
  if (input.fire) fire(world, p, input, rng, events);
}

function fire(world: World, p: SimPlayer, input: ShooterInput, rng: Rng, events: ShooterEvent[]): void {
  const nowMs = world.tick * msPerTick(world);
  const w = p.weapon;
  if (nowMs < p.nextFireMs || p.ammo <= 0 || p.reloadUntil !== 0) return; // too fast, empty, reloading: nothing happens
  p.nextFireMs = nowMs + w.fireIntervalMs;
  p.ammo--;
  p.shots++;
  p.protectedUntil = 0; // firing ends spawn protection
  // lag compensation: the others where this shooter saw them (clamped to the rewind window)
  const frame = world.rewind.at(input.view);
  const targets = (frame?.targets ?? targetsOf(world)).filter((t) => {
    const o = world.players.get(t.id);
    return o !== undefined && o.alive && !isProtected(world, o);
  });
  const ends = [];
  let hitAny = false;
  for (let i = 0; i < w.pellets; i++) {
    const angle = p.aim + (rng.next() - 0.5) * w.spread;
    const ray = castRay(world.map, p, angle, w.range, targets, p.id);
    ends.push(ray.end);
    const victim = ray.target ? world.players.get(ray.target) : undefined;
    if (victim) {
      hitAny = true;
      damage(world, p, victim, w.damage, events);
    }
  }
  if (hitAny) p.hits++;
  events.push({ type: "shot", tick: world.tick, shooter: p.id, from: { x: p.x, y: p.y }, to: ends, weapon: w.id });
  if (p.ammo === 0) startReload(world, p);
}

function startReload(world: World, p: SimPlayer): void {
  p.reloadUntil = world.tick + Math.max(1, Math.ceil(p.weapon.reloadMs / msPerTick(world)));
}

export function targetsOf(world: World): Target[] {
  const out: Target[] = [];
  for (const p of world.players.values()) if (p.alive) out.push({ id: p.id, x: p.x, y: p.y, r: PLAYER_RADIUS });
  return out;
}

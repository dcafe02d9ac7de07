/**
 * Round and score rules: spawning (the spawn point farthest from living enemies, ties broken by
 * the seeded rng), respawn with a protection window, damage and kills, and the end of a round by
 * score limit or time limit. Pure: every function takes the world and returns events.
 */
import type { Rng } from "../core/rng.js";
import { MAX_HP, type SimPlayer, type World } from "./world.js";
import type { ShooterEvent } from "./events.js";

export function spawn(world: World, p: SimPlayer, rng: Rng): void {
  let best: { x: number; y: number }[] = [];
  let bestScore = -1;
  for (const s of world.map.spawns) {
    let nearest = Infinity;
    for (const o of world.players.values()) {
      if (o === p || !o.alive) continue;
      nearest = Math.min(nearest, Math.hypot(o.x - s.x, o.y - s.y));
    }
    if (nearest > bestScore + 1e-9) {
      best = [s];
      bestScore = nearest;
    } else if (nearest === bestScore || Math.abs(nearest - bestScore) <= 1e-9) best.push(s); // Infinity (nobody alive) ties too
  }
  const at = best[best.length === 1 ? 0 : rng.int(0, best.length - 1)]!;
  p.x = at.x;
  p.y = at.y;
  p.hp = MAX_HP;
  p.alive = true;
  p.ammo = p.weapon.magazine;
  p.reloadUntil = 0;
  p.protectedUntil = world.tick + world.rules.protectionTicks;
}

export function isProtected(world: World, p: SimPlayer): boolean {
  return world.tick < p.protectedUntil;
}

/** Applies damage from `shooter` to `victim`; emits hit and kill events. */
export function damage(world: World, shooter: SimPlayer, victim: SimPlayer, amount: number, events: ShooterEvent[]): void {
  if (!victim.alive || isProtected(world, victim) || world.round.phase !== "playing") return;
  const dealt = Math.min(victim.hp, amount);
  victim.hp -= dealt;
  shooter.damage += dealt;
  events.push({ type: "hit", tick: world.tick, shooter: shooter.id, victim: victim.id, damage: dealt, hp: victim.hp });
  if (victim.hp > 0) return;
  victim.alive = false;
  victim.deaths++;
  victim.respawnTick = world.tick + world.rules.respawnTicks;
  shooter.kills++;
  events.push({ type: "kill", tick: world.tick, killer: shooter.id, victim: victim.id, weapon: shooter.weapon.id });
}

/** Ends the round when someone reached the score limit or time ran out. */
export function checkRoundEnd(world: World, events: ShooterEvent[]): void {
  const r = world.round;
  if (r.phase !== "playing") return;
  const leader = standings(world)[0];
  const byScore = leader !== undefined && leader.kills >= world.rules.scoreLimit;
  const byTime = world.tick >= r.endTick;
  if (!byScore && !byTime) return;
  r.phase = "ended";
  r.winner = leader && leader.kills > 0 ? leader.id : null;
  r.endTick = world.tick + world.rules.intermissionTicks;
  events.push({ type: "roundEnd", tick: world.tick, round: r.number, reason: byScore ? "score" : "time", winner: r.winner });
}

/** Starts the next round (on `world.nextMap` when set): scores reset, everyone respawns. */
export function startRound(world: World, rng: Rng): void {
  if (world.nextMap) world.map = world.nextMap;
  delete world.nextMap;
  world.round = { number: world.round.number + 1, phase: "playing", startTick: world.tick, endTick: world.tick + world.rules.timeLimitTicks, winner: null };
  for (const p of world.players.values()) {
    p.kills = p.deaths = p.shots = p.hits = p.damage = 0;
    p.alive = false;
  }
  for (const p of world.players.values()) spawn(world, p, rng);
}

/** Players best first: kills desc, deaths asc, then join order. */
export function standings(world: World): SimPlayer[] {
  const order = [...world.players.values()];
  return order.map((p, i) => ({ p, i })).sort((a, b) => b.p.kills - a.p.kills || a.p.deaths - b.p.deaths || a.i - b.i).map((e) => e.p);
}

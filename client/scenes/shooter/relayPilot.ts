/**
 * The own player in the relay mode, simulated by the client (no Phaser, no network: it returns
 * the messages to send). The same shared rules as the server's simulation: `stepMove` for
 * movement (what the authoritative prediction replays), `castRay` for hitscan, the weapon's data
 * for fire interval, pellets, spread, range, magazine and reload. Time is its own step clock
 * (`stepMs` per step), so a run is a pure function of its controls, the others and the seed.
 *
 * What it sends (docs/protocol.md "shooter", relay):
 * - `report {seq, x, y, aim}` at most once per `reportMs` (the server relays at its patch rate,
 *   so more is wasted) when the position or aim changed, at least every `heartbeatMs` while alive, at once on
 *   (re)spawn, and right before a shot — the server checks line of sight from the last report;
 * - `shoot {seq, aim, target?, pellets?}` for each shot: the target hit by most pellets, if any, and how many.
 * The server owns health: `damaged(hp)` and `killed(respawnMs)` come from its `hit` and `kill`;
 * after `respawnMs` the pilot respawns at the spawn point farthest from the others it knows of.
 */
import { createRng, type Rng } from "../../../shared/core/rng.js";
import { castRay, MAX_HP, PLAYER_RADIUS, stepMove, type Point, type ShooterMap, type Target, type Weapon } from "../../../shared/shooter/index.js";
import type { ShooterReportMessage, ShooterShootMessage } from "../../../shared/shooter/spec.js";

export type PilotMessage = { type: "report"; message: ShooterReportMessage } | { type: "shoot"; message: ShooterShootMessage };

/** A shot as the shooter saw it: one ray per pellet. */
export interface PilotShot {
  from: Point;
  ends: Point[];
  target: string | null;
}

export interface PilotOptions {
  id: string; // my sessionId (never my own target)
  map: ShooterMap;
  weapon: Weapon;
  stepMs: number; // 1000 / tickHz: the movement step, as the server's
  reportMs: number; // 1000 / patchHz
  seed: number | string;
  heartbeatMs?: number;
  /**
   * My place among the room's players (0, 1, …: the scoreboard's order). A relay client knows no
   * positions before its first report, so its first spawn cannot be "farthest from the others":
   * the slot spreads those blind spawns over the spawn points instead of a coin toss that puts two
   * players on the same point.
   */
  spawnSlot?: () => number;
}

/** Aim changes smaller than this (radians) are not worth a report on their own. */
export const AIM_EPSILON = 0.01;
/** The server times shots on arrival: a little slack keeps network jitter from getting shots refused (FIRE_RATE). */
export const FIRE_SLACK_MS = 12;
/** When the server's kill message does not say (an older server). */
export const DEFAULT_RESPAWN_MS = 2000;

export class RelayPilot {
  map: ShooterMap;
  pos: Point = { x: 0, y: 0 };
  aim = 0;
  alive = false;
  hp = MAX_HP;
  weapon: Weapon;
  ammo: number;
  /** Step-clock time (ms) a reload completes; 0 = not reloading. */
  reloadUntil = 0;
  /** Step-clock time (ms). */
  t = 0;
  seq = 0;
  reports = 0;
  shots = 0;
  /** The last position reported (what the server holds), null before the first report. */
  reported: (Point & { aim: number; at: number }) | null = null;
  private nextFireAt = 0;
  private respawnAt = 0;
  private readonly rng: Rng;
  private readonly heartbeatMs: number;

  constructor(private readonly o: PilotOptions) {
    this.map = o.map;
    this.weapon = o.weapon;
    this.ammo = o.weapon.magazine;
    this.rng = createRng(o.seed);
    this.heartbeatMs = o.heartbeatMs ?? 1000;
  }

  get reloading(): boolean {
    return this.reloadUntil !== 0;
  }

  /** One fixed step: respawn if due, move, aim, reload, fire; returns what to send and the shot fired, if any. */
  step(c: { mx: number; my: number; aim: number; fire: boolean; reload: boolean }, others: readonly Target[]): { send: PilotMessage[]; shot: PilotShot | null } {
    this.t += this.o.stepMs;
    const send: PilotMessage[] = [];
    let shot: PilotShot | null = null;
    if (!this.alive && this.t >= this.respawnAt) this.spawn(others, send);
    if (this.alive) {
      this.pos = stepMove(this.pos, c, this.map, this.o.stepMs / 1000);
      this.aim = c.aim;
      if (this.reloadUntil !== 0 && this.t >= this.reloadUntil) [this.reloadUntil, this.ammo] = [0, this.weapon.magazine];
      if (c.reload && this.reloadUntil === 0 && this.ammo < this.weapon.magazine) this.startReload();
      if (c.fire) shot = this.fire(others, send);
    }
    const r = this.reported;
    const changed = !r || r.x !== this.pos.x || r.y !== this.pos.y || Math.abs(r.aim - this.aim) > AIM_EPSILON;
    const since = r ? this.t - r.at : Infinity;
    if (this.alive && ((changed && since >= this.o.reportMs) || since >= this.heartbeatMs)) this.report(send); // dead: silent (a report revives)
    return { send, shot };
  }

  /** The server's word on my health (its `hit` on me). */
  damaged(hp: number): void {
    this.hp = hp;
  }

  /** I was killed: dead until `respawnMs` from now (the server revives me on my first report after that). */
  killed(respawnMs = DEFAULT_RESPAWN_MS): void {
    this.alive = false;
    this.hp = 0;
    this.respawnAt = this.t + respawnMs;
  }

  /** A round on another map: respawn there at the next step (a spawn point away from the others). */
  changeMap(map: ShooterMap): void {
    this.map = map;
    this.alive = false;
    this.respawnAt = this.t;
  }

  /** Switching costs a full reload, as in the authoritative mode. */
  setWeapon(w: Weapon): void {
    this.weapon = w;
    this.ammo = 0;
    this.startReload();
  }

  private startReload(): void {
    this.reloadUntil = this.t + Math.max(this.o.stepMs, this.weapon.reloadMs);
  }

  private spawn(others: readonly Target[], send: PilotMessage[]): void {
    this.pos = { ...farthestSpawn(this.map, others, this.rng, others.length === 0 ? this.o.spawnSlot?.() : undefined) };
    this.alive = true;
    this.hp = MAX_HP;
    this.ammo = this.weapon.magazine;
    this.reloadUntil = 0;
    this.report(send);
  }

  private report(send: PilotMessage[]): void {
    const message = { seq: ++this.seq, x: this.pos.x, y: this.pos.y, aim: this.aim };
    this.reported = { x: message.x, y: message.y, aim: message.aim, at: this.t };
    this.reports++;
    send.push({ type: "report", message });
  }

  private fire(others: readonly Target[], send: PilotMessage[]): PilotShot | null {
    const w = this.weapon;
    if (this.t < this.nextFireAt || this.ammo <= 0 || this.reloadUntil !== 0) return null;
    this.nextFireAt = this.t + w.fireIntervalMs + FIRE_SLACK_MS;
    this.ammo--;
    this.shots++;
    const r = this.reported;
    if (!r || r.x !== this.pos.x || r.y !== this.pos.y) this.report(send); // the server checks sight from my last report
    const hits = new Map<string, number>();
    const ends: Point[] = [];
    const targets = others.filter((o) => o.id !== this.o.id);
    for (let i = 0; i < w.pellets; i++) {
      const ray = castRay(this.map, this.pos, this.aim + (this.rng.next() - 0.5) * w.spread, w.range, targets, this.o.id);
      ends.push(ray.end);
      if (ray.target) hits.set(ray.target, (hits.get(ray.target) ?? 0) + 1);
    }
    let target: string | null = null;
    for (const [id, n] of hits) if (target === null || n > hits.get(target)!) target = id;
    send.push({ type: "shoot", message: { seq: ++this.seq, aim: this.aim, ...(target ? { target, pellets: hits.get(target)! } : {}) } });
    if (this.ammo === 0) this.startReload();
    return { from: { ...this.pos }, ends, target };
  }
}

/**
 * The spawn point farthest from the others (ties broken by `rng`), as the server's rule picks them;
 * with a `slot` (and nobody known), the slot-th spawn point, so blind spawns do not share a point.
 */
export function farthestSpawn(map: ShooterMap, others: readonly Point[], rng: Rng, slot?: number): Point {
  let best: Point[] = [];
  let bestDistance = -1;
  for (const s of map.spawns) {
    const nearest = others.reduce((d, o) => Math.min(d, Math.hypot(o.x - s.x, o.y - s.y)), Infinity);
    if (nearest > bestDistance + 1e-9) [best, bestDistance] = [[s], nearest];
    else if (nearest === bestDistance || Math.abs(nearest - bestDistance) <= 1e-9) best.push(s); // Infinity (nobody known) ties too
  }
  if (best.length === 1) return best[0]!;
  if (slot !== undefined && slot >= 0) return best[slot % best.length]!;
  return best[rng.int(0, best.length - 1)]!;
}

/** The others as hitscan targets (living ones only). */
export function targetsOf(players: readonly (Point & { id: string; alive: boolean })[]): Target[] {
  return players.filter((p) => p.alive).map((p) => ({ id: p.id, x: p.x, y: p.y, r: PLAYER_RADIUS }));
}

/**
 * The authoritative mode: the server simulates, clients send inputs only.
 *
 * Netcode, and what of Colyseus 0.18's built-in netcode is used:
 * - The simulation runs at `tickHz` (64 by default) on ./fixedLoop.ts, NOT `setFixedTimestep`:
 *   at 64 Hz its setInterval is truncated to 15 ms and every 25th frame runs no step (a 15 ms
 *   hiccup by construction; fixedLoop.ts says more). The same loop sends the patch right after
 *   the step whenever one is due at `patchHz` (32 by default), instead of Colyseus's `patchRate`
 *   interval: every room's patch interval has the same period, Node's timer list runs intervals
 *   that once fired together together forever after, and 8 rooms' patches back to back held
 *   everyone's next step ≈ 2 ms late (drift p99 2.3 ms at 8 matches vs 1.5 ms for one). Rooms
 *   take spread phases instead (PhasePlan). Both rates are configurable (config.ts).
 * - Inputs arrive as a zod-validated `input` message, not through `defineInput`: the issue asks
 *   for malformed inputs to be REFUSED with a stable code (defineInput's sanitizers only modify,
 *   never reject), for an explicit client sequence number in the payload, and for a per-tick
 *   credit bound (shared/shooter/inputQueue.ts) that is pure and tested on its own; the relay mode
 *   needs plain messages anyway. The ack is the last simulated seq, in the owner's `selves` entry.
 * - Lag compensation uses shared/shooter/rewind.ts, not `allowRewindState`: that records on each
 *   broadcast (32 Hz) and resolves render times through defineInput's stamps; ours records every
 *   tick, is clamped by tick to the 200 ms window, and is the same pure code the tests exercise.
 * - Interest management is StateView: each tick, every client's view holds the players inside
 *   its camera rectangle plus a margin (shared/shooter/interest.ts); its own `selves` row only.
 */
import { performance } from "node:perf_hooks";
import { createRng, hashString, type Rng } from "../../../shared/core/rng.js";
import {
  createWorld, inView, newPlayer, sanitizeInput, spawn, stepWorld, weaponById,
  type ShooterEvent, type ShooterMap, type SimPlayer, type World,
} from "../../../shared/shooter/index.js";
import type { ShooterInputMessage } from "../../../shared/shooter/input.js";
import { ShooterPlayer, ShooterScore, ShooterSelf } from "../../../shared/shooter/schema.js";
import { reject } from "../../../shared/core/errors.js";
import type { ModeDriver, RoundStats, ShooterClient, ShooterRoom } from "./ShooterRoom.js";
import { TickTimer } from "./tickTimer.js";
import { FixedLoop, PhasePlan, patchDue } from "./fixedLoop.js";

/** One phase plan per (tick, patch) rate pair: the rooms of this process that share a period. */
const phasePlans = new Map<string, PhasePlan>();

export class AuthoritativeMode implements ModeDriver {
  readonly world: World;
  readonly timer: TickTimer;
  private readonly rng: Rng;
  private readonly visible = new Map<string, Set<string>>(); // viewer → players in its view
  private departed: RoundStats[] = [];
  private fx = new Map<string, { shots: unknown[]; hits: unknown[] }>(); // per viewer, sent with the next patch
  private kills: unknown[] = []; // kill feed, sent with the next patch
  private readonly loop: FixedLoop;
  private readonly phases: PhasePlan;
  private readonly slot: number;
  private steps = 0;

  constructor(private readonly room: ShooterRoom, map: ShooterMap) {
    const s = room.settings;
    this.world = createWorld(map, s.tickHz, s.rules, s.maxRewindMs);
    this.rng = createRng(hashString(room.roomId));
    this.timer = new TickTimer();
    room.state.roundEndTick = this.world.round.endTick;
    room.patchRate = null; // patches are sent by the loop (see the header)
    const key = `${s.tickHz}/${s.patchHz}`;
    let plan = phasePlans.get(key);
    if (!plan) phasePlans.set(key, (plan = new PhasePlan(s.tickHz, s.patchHz, performance.now())));
    this.phases = plan;
    this.slot = plan.take();
    this.loop = new FixedLoop(s.tickHz, (late) => this.frame(late), (e) => room.log.error("shooter tick failed", { error: e instanceof Error ? e.stack : String(e) }));
    this.loop.start(plan.nextStart(this.slot, performance.now()));
  }

  join(client: ShooterClient): void {
    const id = client.sessionId;
    const member = this.room.members.get(id)!;
    const p = newPlayer(this.world, id, member.name, weaponById(member.weapon)!);
    this.world.players.set(id, p);
    if (this.world.round.phase === "playing") spawn(this.world, p, this.rng);
    else p.respawnTick = this.world.round.endTick;
    const sp = new ShooterPlayer();
    sp.id = id;
    this.room.state.players.set(id, sp);
    const score = new ShooterScore();
    score.name = member.name;
    this.room.state.scores.set(id, score);
    const self = new ShooterSelf();
    this.room.state.selves.set(id, self);
    this.syncPlayer(p);
    client.view!.add(self);
    this.visible.set(id, new Set());
    this.updateViews();
  }

  leave(id: string): void {
    const p = this.world.players.get(id);
    const m = this.room.members.get(id);
    if (p && m && (p.kills || p.deaths || p.shots)) {
      this.departed.push({ userId: m.userId, name: m.name, kills: p.kills, deaths: p.deaths, shots: p.shots, hits: p.hits, damage: p.damage });
    }
    this.world.players.delete(id);
    this.visible.delete(id);
    for (const set of this.visible.values()) set.delete(id);
    this.fx.delete(id);
    this.room.state.players.delete(id);
    this.room.state.scores.delete(id);
    this.room.state.selves.delete(id);
  }

  input(client: ShooterClient, m: ShooterInputMessage): unknown {
    const p = this.world.players.get(client.sessionId);
    if (!p) return undefined;
    p.queue.push(sanitizeInput(m)); // over the bound or a replayed seq: dropped, never simulated
    return undefined;
  }

  report(): unknown {
    return reject("WRONG_MODE", "report is a relay-mode message: this room is authoritative; send inputs");
  }

  shoot(): unknown {
    return reject("WRONG_MODE", "shoot is a relay-mode message: this room is authoritative; send inputs with fire");
  }

  weapon(client: ShooterClient, id: string): unknown {
    const p = this.world.players.get(client.sessionId);
    const w = weaponById(id);
    if (!p || !w) return undefined;
    p.weapon = w;
    p.ammo = 0; // switching costs a full reload
    p.reloadUntil = this.world.tick + Math.max(1, Math.ceil((w.reloadMs * this.world.tickHz) / 1000));
    this.room.members.get(client.sessionId)!.weapon = id;
    this.syncPlayer(p);
    return undefined;
  }

  dispose(): void {
    this.loop.stop();
    this.phases.release(this.slot);
  }

  /** One loop frame: the step, then the patch when one is due. */
  private frame(lateMs: number): void {
    this.step(lateMs);
    const s = this.room.settings;
    if (patchDue(++this.steps, s.tickHz, s.patchHz)) this.room.broadcastPatch();
  }

  private step(lateMs: number): void {
    const started = this.timer.begin(lateMs);
    const w = this.world;
    const roundBefore = w.round.number;
    const events = stepWorld(w, this.rng);
    if (w.round.number !== roundBefore) this.newRound();
    this.handle(events);
    for (const p of w.players.values()) this.syncPlayer(p);
    this.updateViews();
    const st = this.room.state;
    st.tick = w.tick;
    this.timer.end(started);
  }

  /** stepWorld started the next round (on world.nextMap): mirror it. */
  private newRound(): void {
    this.departed = [];
    const st = this.room.state;
    if (st.map !== this.world.map.id) this.room.publishMap(this.world.map);
    st.map = this.world.map.id;
    st.round = this.world.round.number;
    st.phase = "playing";
    st.winner = "";
    st.roundEndTick = this.world.round.endTick;
  }

  private handle(events: ShooterEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case "shot": {
          const shot: (string | number)[] = [e.shooter, r(e.from.x), r(e.from.y)];
          for (const t of e.to) shot.push(r(t.x), r(t.y));
          for (const [viewer, set] of this.visible) if (viewer === e.shooter || set.has(e.shooter)) this.fxOf(viewer).shots.push(shot);
          break;
        }
        case "hit":
          for (const viewer of [e.shooter, e.victim]) this.fxOf(viewer).hits.push([e.shooter, e.victim, e.damage, e.hp]);
          break;
        case "kill": {
          const name = (id: string) => this.room.members.get(id)?.name ?? "?";
          this.kills.push({ killer: e.killer, victim: e.victim, killerName: name(e.killer), victimName: name(e.victim), weapon: e.weapon });
          break;
        }
        case "roundEnd": {
          const st = this.room.state;
          st.phase = "ended";
          st.winner = e.winner ?? "";
          st.roundEndTick = this.world.round.endTick;
          this.world.nextMap = this.room.nextMap(this.world.map);
          this.room.finishMatch(this.world, this.room.statsOf(this.world, this.departed), e.reason, e.winner);
          break;
        }
        case "spawn":
          break;
      }
    }
  }

  private fxOf(viewer: string) {
    let f = this.fx.get(viewer);
    if (!f) this.fx.set(viewer, (f = { shots: [], hits: [] }));
    return f;
  }

  /** Messages go out with the patch (ShooterRoom.broadcastPatch): the tick itself sends nothing. */
  beforePatch(): void {
    for (const k of this.kills) this.room.broadcast("kill", k);
    this.kills = [];
    for (const [viewer, f] of this.fx) {
      if (f.shots.length === 0 && f.hits.length === 0) continue;
      this.room.clients.getById(viewer)?.send("fx", { tick: this.world.tick, shots: f.shots, hits: f.hits });
      f.shots = [];
      f.hits = [];
    }
  }

  private syncPlayer(p: SimPlayer): void {
    const st = this.room.state;
    const s = st.players.get(p.id);
    if (s) {
      const x8 = Math.round(p.x * 8), y8 = Math.round(p.y * 8), aim = Math.round(p.aim * 1000);
      const shielded = this.world.tick < p.protectedUntil;
      if (s.x8 !== x8) s.x8 = x8;
      if (s.y8 !== y8) s.y8 = y8;
      if (s.aim !== aim) s.aim = aim;
      if (s.hp !== p.hp) s.hp = p.hp;
      if (s.alive !== p.alive) s.alive = p.alive;
      if (s.shielded !== shielded) s.shielded = shielded;
      if (s.weapon !== p.weapon.id) s.weapon = p.weapon.id;
    }
    const score = st.scores.get(p.id);
    if (score) {
      if (score.kills !== p.kills) score.kills = p.kills;
      if (score.deaths !== p.deaths) score.deaths = p.deaths;
    }
    const self = st.selves.get(p.id);
    if (self) {
      if (self.ack !== p.ack) self.ack = p.ack;
      if (self.ammo !== p.ammo) self.ammo = p.ammo;
      const reloading = p.reloadUntil !== 0;
      if (self.reloading !== reloading) self.reloading = reloading;
    }
  }

  /** StateView interest: each client sees itself and the players inside its view rectangle. */
  private updateViews(): void {
    const st = this.room.state;
    for (const client of this.room.clients) {
      const set = this.visible.get(client.sessionId);
      const me = this.world.players.get(client.sessionId);
      if (!set || !me || !client.view) continue;
      for (const p of this.world.players.values()) {
        const want = p === me || inView(me, p);
        if (want === set.has(p.id)) continue;
        const s = st.players.get(p.id);
        if (!s) continue;
        if (want) {
          client.view.add(s);
          set.add(p.id);
        } else {
          client.view.remove(s);
          set.delete(p.id);
        }
      }
    }
  }
}

const r = Math.round;

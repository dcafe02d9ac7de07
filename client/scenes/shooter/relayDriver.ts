/**
 * The relay mode's driver (`{mode: "relay"}`): the client simulates its own player (relayPilot.ts,
 * the shared rules) on the same 64 Hz step as the authoritative prediction and reports it; the
 * others come from the server's `relay` messages, interpolated (relayedPlayers.ts). Shots are
 * resolved here against the others as drawn; the server checks fire rate, range and sight and
 * answers with `hit` (to shooter and victim) or a refusal, which is counted (network overlay), not
 * toasted: a refused claim is part of this mode's play. See docs/protocol.md "shooter".
 */
import type { Room } from "@colyseus/sdk";
import { castRay, mapById, MAPS, PLAYER_RADIUS, weaponById, WEAPONS, type Point, type ShooterMap, type Target } from "../../../shared/shooter/index.js";
import { FixedSteps, type Controls, type DrawnPlayer, type DriverDebug, type OwnPlayer, type ShooterDriver, type ShooterEffects } from "./driver.js";
import { RelayPilot, targetsOf, type PilotShot } from "./relayPilot.js";
import { RelayedPlayers, type RelayMessage } from "./relayedPlayers.js";

/** Refusals of the relay mode's claims (shots): counted, not toasted. */
const SHOT_REFUSALS = new Set(["FIRE_RATE", "NO_LINE_OF_SIGHT", "OUT_OF_RANGE", "BAD_TARGET", "DEAD"]);

export class RelayDriver implements ShooterDriver {
  readonly mode = "relay";
  map: ShooterMap;
  readonly pilot: RelayPilot;
  private readonly relayed = new RelayedPlayers();
  private readonly steps = new FixedSteps();
  private readonly stepMs: number;
  private shotsSeen = 0;
  private hitsGiven = 0;
  private refused = 0;
  private lastRefusal = "";
  private reportsPerSecond = 0;
  private reportWindow = { at: 0, reports: 0 };

  constructor(private readonly room: Room<any>, private readonly fx: ShooterEffects) {
    const st = room.state;
    this.map = mapById(st.map) ?? MAPS[0]!;
    this.stepMs = 1000 / (st.tickHz || 64);
    const weapon = WEAPONS[0]!; // the server's default: the lobby joins without a weapon option
    this.pilot = new RelayPilot({ id: room.sessionId, map: this.map, weapon, stepMs: this.stepMs, reportMs: 1000 / (st.patchHz || 32), seed: room.sessionId,
      spawnSlot: () => [...(this.room.state.scores?.keys() ?? [])].indexOf(room.sessionId) });
  }

  /** A player who left the room comes in `gone`; its scoreboard row going is the same sign, kept as a fallback. */
  onPatch(): void {
    const map = mapById(this.room.state.map);
    if (map && map !== this.map) {
      // a new round on another map: respawn there; the others are sent again from their first report on it
      this.map = map;
      this.pilot.changeMap(map);
      for (const id of this.relayed.ids()) this.relayed.forget(id);
    }
    const scores = this.room.state.scores;
    if (!scores) return;
    for (const id of this.relayed.ids()) if (!scores.has(id)) this.relayed.forget(id);
  }

  onMessage(type: string, message: unknown): void {
    const now = performance.now();
    const me = this.room.sessionId;
    if (type === "relay") {
      const m = message as RelayMessage;
      for (const id of this.relayed.apply(m, now)) this.fx.hurt(id);
      for (const [by, x, y, aim, range] of m.shots) {
        this.shotsSeen++;
        if (by === me) continue; // drawn when fired
        const ray = castRay(this.map, { x, y }, aim / 1000, range, this.targets(now, true), by);
        this.fx.tracer(x, y, ray.end.x, ray.end.y, "other");
      }
    } else if (type === "hit") {
      const h = message as { by: string; on: string; damage: number; hp: number };
      if (h.on === me) this.pilot.damaged(h.hp);
      if (h.by === me) this.hitsGiven++;
      this.fx.hurt(h.on);
    } else if (type === "kill") {
      const k = message as { victim: string; respawnMs?: number };
      if (k.victim === me) this.pilot.killed(k.respawnMs);
      else this.relayed.killed(k.victim, now);
    }
  }

  onError(e: { code: string }): boolean {
    if (!SHOT_REFUSALS.has(e.code)) return false;
    this.refused++;
    this.lastRefusal = e.code;
    return true;
  }

  step(delta: number, now: number, read: (me: Point) => Controls): void {
    const n = this.steps.advance(delta, this.stepMs);
    if (n === 0) return;
    const c = read(this.pilot.pos);
    const others = this.targets(now, false);
    for (let i = 0; i < n; i++) {
      const { send, shot } = this.pilot.step(c, others);
      for (const s of send) this.room.send(s.type, s.message);
      if (shot) this.drawShot(shot);
    }
    if (now - this.reportWindow.at >= 1000) {
      this.reportsPerSecond = ((this.pilot.reports - this.reportWindow.reports) * 1000) / (now - this.reportWindow.at);
      this.reportWindow = { at: now, reports: this.pilot.reports };
    }
  }

  private drawShot(shot: PilotShot): void {
    for (const end of shot.ends) this.fx.tracer(shot.from.x, shot.from.y, end.x, end.y, "predicted");
  }

  /** Hitscan targets: the others as drawn (and me, for tracers of the others' shots). */
  private targets(now: number, withMe: boolean): Target[] {
    const t = targetsOf(this.relayed.sample(now));
    if (withMe && this.pilot.alive) t.push({ id: this.room.sessionId, x: this.pilot.pos.x, y: this.pilot.pos.y, r: PLAYER_RADIUS });
    return t;
  }

  me(): OwnPlayer | null {
    const p = this.pilot;
    if (!p.reported) return null;
    return { id: this.room.sessionId, x: p.pos.x, y: p.pos.y, aim: p.aim, alive: p.alive, shielded: false, hp: p.hp, weapon: p.weapon.id, ammo: p.ammo, reloading: p.reloading };
  }

  others(now: number): DrawnPlayer[] {
    return this.relayed.sample(now).map((s) => ({ ...s, shielded: false }));
  }

  switchWeapon(id: string): void {
    const w = weaponById(id);
    if (!w || w === this.pilot.weapon) return;
    this.pilot.setWeapon(w);
    this.room.send("weapon", { id });
  }

  net(pingMs: number): string[] {
    return [
      `relay · ping ${pingMs} ms`,
      `reports ${this.reportsPerSecond.toFixed(0)}/s (seq ${this.pilot.seq})`,
      `hits accepted ${this.hitsGiven} · refused ${this.refused}${this.lastRefusal ? ` (${this.lastRefusal})` : ""}`,
      `players in view ${this.relayed.ids().length}`,
    ];
  }

  debug(): DriverDebug {
    const r = this.pilot.reported;
    return {
      seq: this.pilot.seq, ack: 0, me: r ? { x: r.x, y: r.y } : null, predicted: r ? { ...this.pilot.pos } : null,
      shotsSeen: this.shotsSeen, reports: this.pilot.reports, hitsGiven: this.hitsGiven, refused: this.refused,
    };
  }
}

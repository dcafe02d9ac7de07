/**
 * The authoritative mode's driver: inputs go out at the server's tick rate (64 Hz), each carrying
 * the tick the others are being drawn at (lag compensation); the own player is predicted with the
 * server's rule and reconciled on every patch (prediction.ts); the others are interpolated from the
 * state ~100 ms in the past (interpolation.ts); tracers come from the server's `fx` (own shots are
 * predicted at once, walls only). See docs/protocol.md "shooter".
 */
import type { Room } from "@colyseus/sdk";
import { castRay, mapById, MAPS, weaponById, type Point, type ShooterMap } from "../../../shared/shooter/index.js";
import { FixedSteps, type Controls, type DrawnPlayer, type DriverDebug, type OwnPlayer, type ShooterDriver, type ShooterEffects } from "./driver.js";
import { Interpolator } from "./interpolation.js";
import { Predictor } from "./prediction.js";

type FxMessage = { shots: (string | number)[][]; hits: (string | number)[][] };

export class AuthoritativeDriver implements ShooterDriver {
  readonly mode = "authoritative";
  map: ShooterMap = MAPS[0]!;
  private predictor?: Predictor;
  private readonly remotes = new Interpolator();
  private readonly steps = new FixedSteps();
  private seq = 0;
  private aim = 0;
  private localNextFire = 0;
  private shotsSeen = 0;

  constructor(private readonly room: Room<any>, private readonly fx: ShooterEffects) {}

  private get state(): any {
    return this.room.state;
  }

  onPatch(): void {
    const st = this.state;
    if (!st?.players) return;
    const map = mapById(st.map) ?? this.map;
    const mapChanged = map !== this.map || !this.predictor;
    this.map = map;
    const now = performance.now();
    const seen = new Set<string>();
    st.players.forEach((p: any, id: string) => {
      seen.add(id);
      const snap = { at: now, tick: st.tick, x: p.x8 / 8, y: p.y8 / 8, aim: p.aim / 1000, alive: p.alive };
      if (id !== this.room.sessionId) return this.remotes.push(id, snap);
      const self = st.selves?.get(id);
      const server = { x: snap.x, y: snap.y };
      if (!this.predictor || mapChanged) this.predictor = new Predictor(map, server, 1 / (st.tickHz || 64));
      else this.predictor.reconcile(server, self?.ack ?? 0, p.alive, map);
    });
    for (const id of this.remotes.ids()) if (!seen.has(id)) this.remotes.forget(id); // left my view (interest management)
  }

  onMessage(type: string, message: unknown): void {
    if (type !== "fx") return;
    const m = message as FxMessage;
    for (const [by, x, y, ...ends] of m.shots) {
      this.shotsSeen++;
      for (let i = 0; i + 1 < ends.length; i += 2) this.fx.tracer(Number(x), Number(y), Number(ends[i]), Number(ends[i + 1]), by === this.room.sessionId ? "mine" : "other");
    }
    for (const [, victim] of m.hits) this.fx.hurt(String(victim));
  }

  onError(): boolean {
    return false;
  }

  /** One input per server tick (at most 4 to catch up after a stall). */
  step(delta: number, now: number, read: (me: Point) => Controls): void {
    const st = this.state;
    if (!st?.players || !this.predictor) return;
    const n = this.steps.advance(delta, 1000 / (st.tickHz || 64));
    if (n === 0) return;
    const c = read(this.predictor.predicted);
    this.aim = c.aim;
    const mine = st.players.get(this.room.sessionId);
    const view = this.renderTick(now);
    for (let i = 0; i < n; i++) {
      const seq = ++this.seq;
      this.room.send("input", { seq, mx: c.mx, my: c.my, aim: c.aim, fire: c.fire, reload: c.reload, view });
      const alive = !!mine?.alive;
      const at = this.predictor.apply({ seq, mx: c.mx, my: c.my }, alive);
      if (c.fire && alive) this.predictShot(at, mine, now);
    }
  }

  /** The simulation tick the others are drawn at (what the server rewinds to for my shots). */
  private renderTick(now: number): number {
    for (const id of this.remotes.ids()) {
      const s = this.remotes.sample(id, now);
      if (s) return Math.max(0, Math.floor(s.tick));
    }
    return Math.max(0, (this.state.tick ?? 0) - 6);
  }

  /** A predicted tracer at once (walls only; the server confirms with its own tracer and hits). */
  private predictShot(at: Point, mine: any, now: number): void {
    const w = weaponById(mine.weapon);
    const self = this.state.selves?.get(this.room.sessionId);
    if (!w || now < this.localNextFire || !self || self.ammo <= 0 || self.reloading) return;
    this.localNextFire = now + w.fireIntervalMs;
    const ray = castRay(this.map, at, this.aim, w.range, [], this.room.sessionId);
    this.fx.tracer(at.x, at.y, ray.end.x, ray.end.y, "predicted");
  }

  me(): OwnPlayer | null {
    const mine = this.state?.players?.get(this.room.sessionId);
    const self = this.state?.selves?.get(this.room.sessionId);
    if (!this.predictor || !mine) return null;
    const at = this.predictor.predicted;
    return { id: this.room.sessionId, x: at.x, y: at.y, aim: this.aim, alive: mine.alive, shielded: mine.shielded, hp: mine.hp, weapon: mine.weapon, ammo: self?.ammo ?? 0, reloading: !!self?.reloading };
  }

  others(now: number): DrawnPlayer[] {
    const out: DrawnPlayer[] = [];
    for (const id of this.remotes.ids()) {
      const s = this.remotes.sample(id, now);
      const p = this.state.players.get(id);
      if (s && p) out.push({ id, x: s.x, y: s.y, aim: s.aim, alive: s.alive, shielded: p.shielded });
    }
    return out;
  }

  switchWeapon(id: string): void {
    this.room.send("weapon", { id });
  }

  net(pingMs: number): string[] {
    const st = this.state;
    const tickHz = st.tickHz || 64;
    const lag = this.seq - (st.selves?.get(this.room.sessionId)?.ack ?? 0);
    return [
      `authoritative · ping ${pingMs} ms`,
      `tick ${st.tick} @ ${tickHz} Hz`,
      `ack lag ${lag} inputs (${((lag * 1000) / tickHz).toFixed(0)} ms)`,
      `correction ${(this.predictor?.lastCorrection ?? 0).toFixed(2)} px`,
      `players in view ${this.remotes.ids().length}`,
    ];
  }

  debug(): DriverDebug {
    const p = this.state?.players?.get(this.room.sessionId);
    const pred = this.predictor?.predicted;
    return {
      seq: this.seq, ack: this.state?.selves?.get(this.room.sessionId)?.ack ?? 0, me: p ? { x: p.x8 / 8, y: p.y8 / 8 } : null,
      predicted: pred ? { x: pred.x, y: pred.y } : null, shotsSeen: this.shotsSeen, reports: 0, hitsGiven: 0, refused: 0,
    };
  }
}

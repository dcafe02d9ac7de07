/**
 * The shooter's scene (issue #4): the arena from the room's map, the own player predicted and
 * reconciled (prediction.ts), the others interpolated ~100 ms in the past (interpolation.ts),
 * tracers (own shots predicted at once, then confirmed by the server's `fx`), hit feedback, and a
 * DOM HUD (hud.ts). Keyboard + mouse. Inputs go out at the server's tick rate (64 Hz) from a
 * fixed-step accumulator on a timer of its own (a slow frame rate must not slow the inputs);
 * each carries the tick the others are being drawn at, for lag compensation. Authoritative mode
 * only. See docs/protocol.md "shooter". Debug hook: `window.__statecraftShooter` (shooterDebug.ts).
 */
import Phaser from "phaser";
import { castRay, mapById, MAPS, PLAYER_RADIUS, weaponById, WEAPONS, type ShooterMap } from "../../../shared/shooter/index.js";
import { servicesOf } from "../../services.js";
import { RoomScene } from "../RoomScene.js";
import { COLORS, drawArena, drawPlayer, drawTracers, type Tracer } from "./arena.js";
import { Hud, type HudView } from "./hud.js";
import { Interpolator } from "./interpolation.js";
import { Predictor } from "./prediction.js";
import { installShooterDebug, type ShooterDebugView } from "./shooterDebug.js";
import "./shooter.css";

type Keys = Record<"W" | "A" | "S" | "D" | "UP" | "DOWN" | "LEFT" | "RIGHT" | "R" | "ONE" | "TWO" | "THREE" | "N" | "TAB", Phaser.Input.Keyboard.Key>;

const VIEW_W = 960;
const VIEW_H = 640;

export class ShooterScene extends RoomScene {
  private map: ShooterMap = MAPS[0]!;
  private drawnMap?: ShooterMap;
  private predictor?: Predictor;
  private readonly remotes = new Interpolator();
  private arena!: Phaser.GameObjects.Graphics;
  private actors!: Phaser.GameObjects.Graphics;
  private labels = new Map<string, Phaser.GameObjects.Text>();
  private keys!: Keys;
  private hud!: Hud;
  private tracers: Tracer[] = [];
  private hurtUntil = new Map<string, number>();
  private seq = 0;
  private acc = 0;
  private aim = 0;
  private localNextFire = 0;
  private shotsSeen = 0;
  private pingMs = 0;
  private uninstallDebug?: () => void;

  constructor() {
    super({ key: "shooter" });
  }

  create(): void {
    this.arena = this.add.graphics();
    this.actors = this.add.graphics();
    this.keys = this.input.keyboard!.addKeys("W,A,S,D,UP,DOWN,LEFT,RIGHT,R,ONE,TWO,THREE,N,TAB") as Keys;
    this.input.keyboard!.addCapture("TAB");
    this.input.mouse?.disableContextMenu();
    this.hud = new Hud(() => void this.backToLobby());
    this.mountPanel(this.hud.root);
    this.keys.N.on("down", () => (this.hud.showNet = !this.hud.showNet));
    for (const [key, i] of [["ONE", 0], ["TWO", 1], ["THREE", 2]] as const) {
      this.keys[key].on("down", () => WEAPONS[i] && this.room.send("weapon", { id: WEAPONS[i]!.id }));
    }
    this.room.onStateChange(() => this.onPatch());
    this.room.onMessage("fx", (m: { shots: (string | number)[][]; hits: (string | number)[][] }) => this.onFx(m));
    this.room.onMessage("kill", (m: { killerName: string; victimName: string; weapon: string }) => this.hud.kill(`${m.killerName} ⟶ ${m.victimName} (${m.weapon})`, performance.now()));
    this.room.onMessage("match", () => {});
    this.room.onMessage("error", (e: { code: string; message: string }) => servicesOf(this).toaster.error(e));
    const ping = setInterval(() => this.room.ping((ms) => (this.pingMs = ms)), 1000);
    // inputs go out from a timer of their own: a slow frame rate must not slow the input rate
    let last = performance.now();
    const inputs = setInterval(() => {
      const now = performance.now();
      this.stepInputs(now - last, now);
      last = now;
    }, 8);
    this.events.once("shutdown", () => (clearInterval(ping), clearInterval(inputs)));
    this.uninstallDebug = installShooterDebug(window, () => this.debugView());
    this.events.once("shutdown", () => this.uninstallDebug?.());
    this.onPatch();
  }

  private get state(): any {
    return this.room.state;
  }

  private onPatch(): void {
    const st = this.state;
    if (!st?.players) return;
    const map = mapById(st.map) ?? this.map;
    const mapChanged = map !== this.drawnMap;
    if (mapChanged) {
      this.drawnMap = this.map = map;
      drawArena(this.arena, map);
      this.cameras.main.setBounds(0, 0, map.width * map.tile, map.height * map.tile);
    }
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

  private onFx(m: { shots: (string | number)[][]; hits: (string | number)[][] }): void {
    const now = performance.now();
    for (const [by, x, y, ...ends] of m.shots) {
      this.shotsSeen++;
      const mine = by === this.room.sessionId;
      for (let i = 0; i + 1 < ends.length; i += 2) {
        this.tracers.push({ x1: Number(x), y1: Number(y), x2: Number(ends[i]), y2: Number(ends[i + 1]), born: now, color: mine ? COLORS.me : COLORS.tracer });
      }
    }
    for (const [, victim] of m.hits) this.hurtUntil.set(String(victim), now + 120);
  }

  /** The fixed-step input loop: one input per server tick (at most 4 to catch up after a stall). */
  private stepInputs(delta: number, now: number): void {
    const st = this.state;
    if (!st?.players || !this.predictor) return;
    const stepMs = 1000 / (st.tickHz || 64);
    this.acc = Math.min(this.acc + delta, stepMs * 4);
    if (this.acc < stepMs) return;
    const me = this.predictor.predicted;
    const world = this.input.activePointer.positionToCamera(this.cameras.main) as Phaser.Math.Vector2;
    this.aim = Math.atan2(world.y - me.y, world.x - me.x);
    const mine = st.players.get(this.room.sessionId);
    const renderTick = this.renderTick(now);
    while (this.acc >= stepMs) {
      this.acc -= stepMs;
      this.sendInput(mine, renderTick, now);
    }
  }

  override update(): void {
    const st = this.state;
    if (!st?.players || !this.predictor) return;
    const now = performance.now();
    this.hud.showBoard = this.keys.TAB.isDown;
    const mine = st.players.get(this.room.sessionId);
    this.draw(now, mine);
    this.hud.render(this.hudView(mine), now);
  }

  /** The simulation tick the others are drawn at (what the server rewinds to for my shots). */
  private renderTick(now: number): number {
    const tick = this.state.tick ?? 0;
    for (const id of this.remotes.ids()) {
      const s = this.remotes.sample(id, now);
      if (s) return Math.max(0, Math.floor(s.tick));
    }
    return Math.max(0, tick - 6);
  }

  private sendInput(mine: any, view: number, now: number): void {
    const k = this.keys;
    let mx = (k.D.isDown || k.RIGHT.isDown ? 1 : 0) - (k.A.isDown || k.LEFT.isDown ? 1 : 0);
    let my = (k.S.isDown || k.DOWN.isDown ? 1 : 0) - (k.W.isDown || k.UP.isDown ? 1 : 0);
    const len = Math.hypot(mx, my);
    if (len > 1) [mx, my] = [mx / len, my / len];
    const fire = this.input.activePointer.isDown && this.input.activePointer.leftButtonDown();
    const seq = ++this.seq;
    this.room.send("input", { seq, mx, my, aim: this.aim, fire, reload: k.R.isDown, view });
    const alive = !!mine?.alive;
    const at = this.predictor!.apply({ seq, mx, my }, alive);
    if (fire && alive) this.predictShot(at, mine, now);
  }

  /** A predicted tracer at once (walls only; the server confirms with its own tracer and hits). */
  private predictShot(at: { x: number; y: number }, mine: any, now: number): void {
    const w = weaponById(mine.weapon);
    const self = this.state.selves?.get(this.room.sessionId);
    if (!w || now < this.localNextFire || !self || self.ammo <= 0 || self.reloading) return;
    this.localNextFire = now + w.fireIntervalMs;
    const ray = castRay(this.map, at, this.aim, w.range, [], this.room.sessionId);
    this.tracers.push({ x1: at.x, y1: at.y, x2: ray.end.x, y2: ray.end.y, born: now, color: COLORS.predicted });
  }

  private draw(now: number, mine: any): void {
    const g = this.actors;
    g.clear();
    const cam = this.cameras.main;
    cam.setZoom(Math.min(this.scale.width / VIEW_W, this.scale.height / VIEW_H));
    const me = this.predictor!.predicted;
    cam.centerOn(me.x, me.y);
    const seen = new Set<string>();
    for (const id of this.remotes.ids()) {
      const s = this.remotes.sample(id, now);
      const p = this.state.players.get(id);
      if (!s || !p) continue;
      seen.add(id);
      drawPlayer(g, s.x, s.y, s.aim, COLORS.other, { alive: s.alive, shielded: p.shielded, hurt: (this.hurtUntil.get(id) ?? 0) > now ? 1 : 0 });
      this.label(id, this.state.scores?.get(id)?.name ?? "?", s.x, s.y);
    }
    if (mine) {
      drawPlayer(g, me.x, me.y, this.aim, COLORS.me, { alive: mine.alive, shielded: mine.shielded, hurt: (this.hurtUntil.get(this.room.sessionId) ?? 0) > now ? 1 : 0 });
    }
    for (const [id, text] of this.labels) if (!seen.has(id)) (text.destroy(), this.labels.delete(id));
    this.tracers = drawTracers(g, this.tracers, now);
  }

  private label(id: string, name: string, x: number, y: number): void {
    let t = this.labels.get(id);
    if (!t) this.labels.set(id, (t = this.add.text(0, 0, name, { fontFamily: "monospace", fontSize: "12px", color: "#e8eef6" }).setOrigin(0.5, 1)));
    t.setPosition(x, y - PLAYER_RADIUS - 4);
  }

  private hudView(mine: any): HudView {
    const st = this.state;
    const self = st.selves?.get(this.room.sessionId);
    const w = weaponById(mine?.weapon ?? "") ?? WEAPONS[0]!;
    const scores: HudView["scores"] = [];
    st.scores?.forEach((s: any, id: string) => scores.push({ id, name: s.name, kills: s.kills, deaths: s.deaths, me: id === this.room.sessionId }));
    scores.sort((a, b) => b.kills - a.kills || a.deaths - b.deaths);
    const tickHz = st.tickHz || 64;
    const lag = this.seq - (self?.ack ?? 0);
    return {
      hp: mine?.hp ?? 0, alive: !!mine?.alive, shielded: !!mine?.shielded, ammo: self?.ammo ?? 0, magazine: w.magazine, reloading: !!self?.reloading,
      weapon: w.name, secondsLeft: ((st.roundEndTick ?? 0) - (st.tick ?? 0)) / tickHz, phase: st.phase, round: st.round, map: this.map.title, scoreLimit: st.scoreLimit, scores,
      net: { pingMs: this.pingMs, tick: st.tick, tickHz, ackLagInputs: lag, ackLagMs: (lag * 1000) / tickHz, correctionPx: this.predictor?.lastCorrection ?? 0, visible: this.remotes.ids().length },
    };
  }

  private debugView(): ShooterDebugView {
    const st = this.state;
    const p = st?.players?.get(this.room.sessionId);
    const self = st?.selves?.get(this.room.sessionId);
    const pred = this.predictor?.predicted;
    return {
      active: true, map: st?.map ?? "", tick: st?.tick ?? 0, seq: this.seq, ack: self?.ack ?? 0,
      me: p ? { x: p.x8 / 8, y: p.y8 / 8 } : null, predicted: pred ? { x: pred.x, y: pred.y } : null,
      hp: p?.hp ?? 0, ammo: self?.ammo ?? 0, visible: this.remotes.ids().length, shotsSeen: this.shotsSeen, pingMs: this.pingMs,
    };
  }
}

/**
 * The shooter's scene (issue #4), for both modes of the room: the arena from the room's map, the
 * own player, the others (interpolated ~100 ms in the past, interpolation.ts), tracers, hit
 * feedback, and a DOM HUD (hud.ts: health, ammo, round timer, kill feed, scoreboard, network
 * overlay). Keyboard + mouse. What differs by mode is a driver (driver.ts), chosen from the
 * room's state once it arrives:
 * - authoritative (authoritativeDriver.ts): inputs at the server's tick, prediction + reconciliation;
 * - relay (relayDriver.ts): the client simulates itself with the same shared rules and reports.
 * The fixed steps run on a timer of their own (a slow frame rate must not slow the inputs or the
 * own simulation). See docs/protocol.md "shooter". Debug hook: `window.__statecraftShooter`.
 */
import Phaser from "phaser";
import { mapById, PLAYER_RADIUS, weaponById, WEAPONS, type Point, type ShooterMap } from "../../../shared/shooter/index.js";
import { servicesOf } from "../../services.js";
import { RoomScene } from "../RoomScene.js";
import { COLORS, drawArena, drawPlayer, drawTracers, type Tracer } from "./arena.js";
import { AuthoritativeDriver } from "./authoritativeDriver.js";
import type { Controls, ShooterDriver, ShooterEffects } from "./driver.js";
import { Hud, type HudView } from "./hud.js";
import { RelayDriver } from "./relayDriver.js";
import { installShooterDebug, type ShooterDebugView } from "./shooterDebug.js";
import { TwinSticks } from "./touchSticks.js";
import "./shooter.css";

type Keys = Record<"W" | "A" | "S" | "D" | "UP" | "DOWN" | "LEFT" | "RIGHT" | "R" | "ONE" | "TWO" | "THREE" | "N" | "TAB", Phaser.Input.Keyboard.Key>;

const VIEW_W = 960;
const VIEW_H = 640;
/** Messages a driver handles (registered once, before any driver exists, so none is dropped). */
const MODE_MESSAGES = ["fx", "relay", "hit"] as const;

export class ShooterScene extends RoomScene {
  private driver?: ShooterDriver;
  private drawnMap?: ShooterMap;
  private arena!: Phaser.GameObjects.Graphics;
  private actors!: Phaser.GameObjects.Graphics;
  private labels = new Map<string, Phaser.GameObjects.Text>();
  private keys!: Keys;
  private hud!: Hud;
  private tracers: Tracer[] = [];
  private hurtUntil = new Map<string, number>();
  private pingMs = 0;
  private firePressed = false; // a left press not yet carried by an input (see create)
  private readonly sticks = new TwinSticks();
  private touchMode = false; // a finger touched the arena: touch controls from now on (hud.setTouch)
  private reloadPressed = false; // the touch Reload button, until an input carries it
  private boardShown = false; // the touch Scores button (Tab's job on a keyboard)
  private lastAim = 0;
  private boundsKey = "";

  constructor() {
    super({ key: "shooter" });
  }

  create(): void {
    this.driver = undefined;
    this.drawnMap = undefined;
    this.tracers = [];
    this.arena = this.add.graphics();
    this.actors = this.add.graphics();
    this.keys = this.input.keyboard!.addKeys("W,A,S,D,UP,DOWN,LEFT,RIGHT,R,ONE,TWO,THREE,N,TAB") as Keys;
    this.input.keyboard!.addCapture("TAB");
    this.input.mouse?.disableContextMenu();
    this.hud = new Hud(() => void this.backToLobby(), {
      reload: () => (this.reloadPressed = true),
      weapon: () => this.nextWeapon(),
      scores: () => (this.boardShown = !this.boardShown),
    });
    this.mountPanel(this.hud.root);
    this.keys.N.on("down", () => (this.hud.showNet = !this.hud.showNet));
    for (const [key, i] of [["ONE", 0], ["TWO", 1], ["THREE", 2]] as const) {
      this.keys[key].on("down", () => WEAPONS[i] && this.driver?.switchWeapon(WEAPONS[i]!.id));
    }
    this.room.onStateChange(() => this.onPatch());
    for (const type of MODE_MESSAGES) this.room.onMessage(type, (m: unknown) => this.driver?.onMessage(type, m));
    this.room.onMessage("kill", (m: { killerName: string; victimName: string; weapon: string }) => {
      this.hud.kill(`${m.killerName} ⟶ ${m.victimName} (${m.weapon})`, performance.now());
      this.driver?.onMessage("kill", m);
    });
    this.room.onMessage("match", () => {});
    // shot refusals are expected in the relay mode (counted, not toasted); the rest are toasted by the connection
    servicesOf(this).connection.handleErrors(this.room, (e) => this.driver?.onError(e) ?? false);
    // a click shorter than an input tick (a trackpad tap) is still a shot: the press is latched
    // from the DOM event until an input has carried it
    const onPress = (e: PointerEvent) => {
      if (e.pointerType === "touch") return this.touched(e);
      if (e.button === 0) this.firePressed = true;
    };
    const onTouch = (e: PointerEvent) => {
      if (e.pointerType === "touch") this.touched(e);
    };
    const canvas = this.game.canvas;
    canvas.addEventListener("pointerdown", onPress);
    for (const type of ["pointermove", "pointerup", "pointercancel"] as const) canvas.addEventListener(type, onTouch);
    const unlisten = () => {
      canvas.removeEventListener("pointerdown", onPress);
      for (const type of ["pointermove", "pointerup", "pointercancel"] as const) canvas.removeEventListener(type, onTouch);
    };
    const ping = setInterval(() => this.room.ping((ms) => (this.pingMs = ms)), 1000);
    let last = performance.now();
    const steps = setInterval(() => {
      const now = performance.now();
      this.driver?.step(now - last, now, (me) => this.controls(me));
      last = now;
    }, 8);
    const uninstallDebug = installShooterDebug(window, () => this.debugView());
    this.events.once("shutdown", () => (clearInterval(ping), clearInterval(steps), uninstallDebug(), this.labels.clear(), unlisten()));
    this.onPatch();
  }

  private get state(): any {
    return this.room.state;
  }

  /** The first state picks the driver (the room's mode); every patch redraws the arena if the map changed. */
  private onPatch(): void {
    const st = this.state;
    if (!st?.map) return;
    if (!this.driver) {
      const fx = this.effects();
      this.driver = st.mode === "relay" ? new RelayDriver(this.room, fx) : new AuthoritativeDriver(this.room, fx);
    }
    this.driver.onPatch();
    const map = this.driver.map;
    if (map !== this.drawnMap) {
      this.drawnMap = map;
      drawArena(this.arena, map);
      this.boundsKey = ""; // fitted to the new map at the next frame (fitBounds)
    }
  }

  private effects(): ShooterEffects {
    const color = { mine: COLORS.me, predicted: COLORS.predicted, other: COLORS.tracer };
    return {
      tracer: (x1, y1, x2, y2, kind) => this.tracers.push({ x1, y1, x2, y2, born: performance.now(), color: color[kind] }),
      hurt: (id) => this.hurtUntil.set(id, performance.now() + 120),
    };
  }

  /** Keyboard + mouse, or keyboard + touch sticks, aimed from the own player `me` (world px). */
  private controls(me: Point): Controls {
    const k = this.keys;
    let mx = (k.D.isDown || k.RIGHT.isDown ? 1 : 0) - (k.A.isDown || k.LEFT.isDown ? 1 : 0);
    let my = (k.S.isDown || k.DOWN.isDown ? 1 : 0) - (k.W.isDown || k.UP.isDown ? 1 : 0);
    const reload = k.R.isDown || this.reloadPressed;
    this.reloadPressed = false;
    if (this.touchMode) {
      const m = this.sticks.movement();
      [mx, my] = [mx + m.mx, my + m.my];
    }
    const len = Math.hypot(mx, my);
    if (len > 1) [mx, my] = [mx / len, my / len];
    if (this.touchMode) {
      // aim at the right thumb; without one, where the player walks (or where it last aimed)
      const at = this.sticks.aimAt();
      if (at) {
        const world = this.toWorld(at.x, at.y);
        this.lastAim = Math.atan2(world.y - me.y, world.x - me.x);
      } else if (mx !== 0 || my !== 0) this.lastAim = Math.atan2(my, mx);
      return { mx, my, aim: this.lastAim, fire: this.sticks.consumeFire(), reload };
    }
    const pointer = this.input.activePointer;
    const world = pointer.positionToCamera(this.cameras.main) as Phaser.Math.Vector2;
    const fire = (pointer.isDown && pointer.leftButtonDown()) || this.firePressed;
    this.firePressed = false;
    return { mx, my, aim: Math.atan2(world.y - me.y, world.x - me.x), fire, reload };
  }

  /** A touch pointer event on the canvas: feeds the sticks (canvas CSS px). */
  private touched(e: PointerEvent): void {
    const rect = this.game.canvas.getBoundingClientRect();
    const t = { id: e.pointerId, x: e.clientX - rect.left, y: e.clientY - rect.top };
    if (e.type === "pointerdown") {
      this.touchMode = true;
      this.hud.setTouch(true);
      this.sticks.down(t, rect.width);
    } else if (e.type === "pointermove") this.sticks.moved(t);
    else this.sticks.up(e.pointerId);
  }

  /** Canvas CSS px → world px. */
  private toWorld(x: number, y: number): Point {
    const rect = this.game.canvas.getBoundingClientRect();
    const p = this.cameras.main.getWorldPoint((x * this.scale.width) / rect.width, (y * this.scale.height) / rect.height);
    return { x: p.x, y: p.y };
  }

  private nextWeapon(): void {
    const current = this.driver?.me()?.weapon;
    const i = WEAPONS.findIndex((w) => w.id === current);
    const next = WEAPONS[(i + 1) % WEAPONS.length];
    if (next) this.driver?.switchWeapon(next.id);
  }

  /**
   * The camera's bounds: the map, grown to the view where the view is larger (a tall phone screen
   * shows the whole height of the map with room to spare), so the arena sits in the middle of the
   * screen instead of at its top.
   */
  private fitBounds(cam: Phaser.Cameras.Scene2D.Camera, map: ShooterMap): void {
    const w = map.width * map.tile, h = map.height * map.tile;
    const bw = Math.max(w, this.scale.width / cam.zoom), bh = Math.max(h, this.scale.height / cam.zoom);
    const key = `${map.id}:${bw}x${bh}`;
    if (key === this.boundsKey) return;
    this.boundsKey = key;
    cam.setBounds((w - bw) / 2, (h - bh) / 2, bw, bh);
  }

  override update(): void {
    const me = this.driver?.me();
    if (!this.driver || !me) return;
    const now = performance.now();
    this.hud.showBoard = this.keys.TAB.isDown || this.boardShown;
    this.hud.stick(this.touchMode ? this.sticks.stick() : null);
    this.draw(now, this.driver, me);
    this.hud.render(this.hudView(this.driver, me), now);
  }

  private draw(now: number, driver: ShooterDriver, me: ReturnType<ShooterDriver["me"]> & {}): void {
    const g = this.actors;
    g.clear();
    const cam = this.cameras.main;
    cam.setZoom(Math.min(this.scale.width / VIEW_W, this.scale.height / VIEW_H));
    this.fitBounds(cam, driver.map);
    cam.centerOn(me.x, me.y);
    const hurt = (id: string) => ((this.hurtUntil.get(id) ?? 0) > now ? 1 : 0);
    const seen = new Set<string>();
    for (const o of driver.others(now)) {
      seen.add(o.id);
      drawPlayer(g, o.x, o.y, o.aim, COLORS.other, { alive: o.alive, shielded: o.shielded, hurt: hurt(o.id) });
      this.label(o.id, this.state.scores?.get(o.id)?.name ?? "?", o.x, o.y);
    }
    drawPlayer(g, me.x, me.y, me.aim, COLORS.me, { alive: me.alive, shielded: me.shielded, hurt: hurt(me.id) });
    for (const [id, text] of this.labels) if (!seen.has(id)) (text.destroy(), this.labels.delete(id));
    this.tracers = drawTracers(g, this.tracers, now);
  }

  private label(id: string, name: string, x: number, y: number): void {
    let t = this.labels.get(id);
    if (!t) this.labels.set(id, (t = this.add.text(0, 0, name, { fontFamily: "monospace", fontSize: "12px", color: "#e8eef6" }).setOrigin(0.5, 1)));
    t.setPosition(x, y - PLAYER_RADIUS - 4);
  }

  private hudView(driver: ShooterDriver, me: ReturnType<ShooterDriver["me"]> & {}): HudView {
    const st = this.state;
    const w = weaponById(me.weapon) ?? WEAPONS[0]!;
    const scores: HudView["scores"] = [];
    st.scores?.forEach((s: any, id: string) => scores.push({ id, name: s.name, kills: s.kills, deaths: s.deaths, me: id === this.room.sessionId }));
    scores.sort((a, b) => b.kills - a.kills || a.deaths - b.deaths);
    return {
      hp: me.hp, alive: me.alive, shielded: me.shielded, ammo: me.ammo, magazine: w.magazine, reloading: me.reloading, weapon: w.name,
      secondsLeft: ((st.roundEndTick ?? 0) - (st.tick ?? 0)) / (st.tickHz || 64), phase: st.phase, round: st.round,
      map: (mapById(st.map) ?? driver.map).title, scoreLimit: st.scoreLimit, scores, net: driver.net(this.pingMs),
    };
  }

  private debugView(): ShooterDebugView {
    const st = this.state;
    const d = this.driver?.debug();
    const me = this.driver?.me();
    const cam = this.cameras?.main;
    return {
      active: true, mode: this.driver?.mode ?? "", map: st?.map ?? "", tick: st?.tick ?? 0, seq: d?.seq ?? 0, ack: d?.ack ?? 0,
      me: d?.me ?? null, predicted: d?.predicted ?? null, hp: me?.hp ?? 0, ammo: me?.ammo ?? 0, visible: this.driver?.others(performance.now()).length ?? 0,
      shotsSeen: d?.shotsSeen ?? 0, pingMs: this.pingMs, reports: d?.reports ?? 0, hitsGiven: d?.hitsGiven ?? 0, refused: d?.refused ?? 0,
      camera: cam ? { x: cam.midPoint.x, y: cam.midPoint.y, zoom: cam.zoom } : { x: 0, y: 0, zoom: 1 },
    };
  }
}

/**
 * The plaza's scene (issue #5): a tile map drawn from assets/plaza/plaza.json, my avatar moved
 * locally (this client owns it: arrows / WASD, click to walk) and announced to the room at 10 Hz,
 * the avatars the relay shows me interpolated, name tags with status, chat bubbles, a minimap,
 * and video tiles for my bubble (WebRTC, calls.ts) with volume fading by distance.
 * If the room is lost (server restart), the scene rejoins with where I stood and my status: the
 * room keeps nothing, so re-announcing rebuilds it. See docs/protocol.md "plaza".
 * Debug hook: `window.__statecraftPlaza` (plazaDebug.ts).
 */
import Phaser from "phaser";
import { bubbleOf, readUpdate, privateAreaAt, PLAZA_BUBBLE_CAP, type UpdateHandlers, type AvatarCard, type PlazaStatus, type Presence } from "../../../shared/plaza/index.js";
import { PLAZA_MAP } from "../../../shared/plaza/world.js";
import { servicesOf, type Services } from "../../services.js";
import type { RoomSceneData } from "../registry.js";
import { RoomScene } from "../RoomScene.js";
import { AvatarSprite } from "./avatars.js";
import { CallManager } from "./calls.js";
import { PlazaHud } from "./hud.js";
import { plazaZoom } from "./camera.js";
import { Minimap } from "./minimap.js";
import { installPlazaDebug, type PlazaDebugView } from "./plazaDebug.js";
import { Walker } from "./walker.js";
import { drawWorld } from "./worldView.js";
import { saveRejoin } from "../../net/rejoin.js";
import "./plaza.css";

const SEND_EVERY_MS = 100; // 10 Hz
const CONSENTED = 4000;
const REFUSED_MOVE = new Set(["TOO_FAST", "BLOCKED", "OUT_OF_MAP"]);

interface Welcome { id: number; x: number; y: number; d: number; status: PlazaStatus; name: string; owner: boolean }
const RIGHT = ["arrowright", "d"], LEFT = ["arrowleft", "a"], DOWN = ["arrowdown", "s"], UP = ["arrowup", "w"];

export class PlazaScene extends RoomScene {
  private readonly map = PLAZA_MAP;
  private services!: Services;
  private hud!: PlazaHud;
  private minimap!: Minimap;
  private calls!: CallManager;
  private walker: Walker | null = null;
  private me: AvatarSprite | null = null;
  private welcome: Welcome | null = null;
  private status: PlazaStatus = "available";
  private lastSaved = 0;
  private readonly others = new Map<number, AvatarSprite>();
  private readonly held = new Set<string>(); // keys down (lower case), tracked from window events
  private lastUpdate = 0;
  private lastSent = { x: -1, y: -1, d: -1, at: 0 };
  private lastMinimap = 0;
  private bubble: number[] = [];
  private chatLines: PlazaDebugView["chat"] = [];
  private rejoining = false;

  constructor() {
    super({ key: "plaza" });
  }

  override init(data: RoomSceneData): void {
    super.init(data);
    this.others.clear();
    this.walker = null;
    this.me = null;
    this.welcome = null;
    this.bubble = [];
    this.rejoining = false;
  }

  create(): void {
    this.services = servicesOf(this);
    drawWorld(this, this.map);
    const cam = this.cameras.main;
    cam.setBounds(0, 0, this.map.width * this.map.tileSize, this.map.height * this.map.tileSize);
    cam.setBackgroundColor("#1c2a1c");
    const fitZoom = (): void => {
      const zoom = plazaZoom(this.scale.width, this.scale.height, this.map.viewRadius);
      cam.setZoom(zoom);
      this.me?.setZoom(zoom);
      for (const o of this.others.values()) o.setZoom(zoom);
    };
    fitZoom();
    this.scale.on(Phaser.Scale.Events.RESIZE, fitZoom);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.scale.off(Phaser.Scale.Events.RESIZE, fitZoom));

    this.minimap = new Minimap(this.map);
    this.hud = new PlazaHud({
      status: (s) => this.setStatus(s),
      chat: (text) => this.say(text),
      announce: (text) => void this.room.request("announce", { text }).catch((e) => this.refused(e)),
      leave: () => void this.backToLobby(),
    }, this.minimap.canvas);
    this.mountPanel(this.hud.root);
    this.calls = new CallManager(
      this.hud.videos,
      (to, data) => this.room.request("signal", { to, data }).then(() => undefined),
      (id) => this.others.get(id)?.name ?? `#${id}`,
      () => Date.now(),
    );

    const room = this.room;
    room.onMessage("welcome", (w: Welcome) => this.onWelcome(w));
    room.onMessage("snapshot", (cards: AvatarCard[]) => cards.forEach((c) => this.appear(c)));
    // `update` is one bytes message per flush: left, appear, status, moved sections (shared/plaza/wire.ts, docs/protocol.md)
    const onUpdate: UpdateHandlers = {
      left: (id) => this.vanish(id),
      appear: (c) => this.appear(c),
      status: (id, status) => this.others.get(id)?.setStatus(status),
      moved: (id, x, y, d) => this.others.get(id)?.moveTo(x, y, d),
    };
    room.onMessage("update", (bytes: Uint8Array) => {
      if (!readUpdate(bytes, onUpdate)) console.warn(`plaza: a malformed update of ${bytes.length} bytes was cut short`);
    });
    room.onMessage("chat", (m: { from: number; name: string; text: string; area?: string }) => {
      this.others.get(m.from)?.say(m.text, this.time.now);
      this.hud.line("chat", m.area ? `${m.name} (${m.area})` : m.name, m.text);
      this.chatLines = [...this.chatLines.slice(-19), { from: m.from, name: m.name, text: m.text }];
    });
    room.onMessage("announce", (m: { name: string; text: string }) => {
      this.hud.line("announce", `📣 ${m.name}`, m.text);
      this.services.toaster.show(`📣 ${m.name}: ${m.text}`, { kind: "info" });
    });
    room.onMessage("signal", (m: { from: number; data: never }) => void this.calls.onSignal(m.from, m.data).catch(() => this.calls.hangUp(m.from, false)));
    room.onMessage("error", (e: { code: string; details?: { x: number; y: number } }) => {
      if (REFUSED_MOVE.has(e.code) && e.details && this.walker) this.walker.snapTo(e.details.x, e.details.y, e.code === "TOO_FAST");
    });
    // welcome and snapshot sent at the join are held for this scene and delivered once create() returns (Connection.release)

    const down = (e: KeyboardEvent) => {
      if (!(e.target instanceof HTMLInputElement) && !(e.target instanceof HTMLSelectElement)) this.held.add(e.key.toLowerCase());
    };
    const up = (e: KeyboardEvent) => this.held.delete(e.key.toLowerCase());
    const clear = () => this.held.clear();
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    window.addEventListener("blur", clear);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
      window.removeEventListener("blur", clear);
    });
    this.input.on("pointerdown", (p: Phaser.Input.Pointer) => {
      if (this.walker) this.walker.target = { x: p.worldX, y: p.worldY };
    });
    this.time.addEvent({ delay: 300, loop: true, callback: () => this.syncCalls() });

    const uninstall = installPlazaDebug(window, () => this.debugView());
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      uninstall();
      this.calls.close();
    });
  }

  private onWelcome(w: Welcome): void {
    this.welcome = w;
    this.status = w.status;
    this.hud.setOwner(w.owner);
    this.hud.setStatus(w.status);
    this.calls.setMyId(w.id);
    if (!this.me) {
      this.walker = new Walker(this.map, w.x, w.y);
      this.walker.d = w.d;
      this.me = new AvatarSprite(this, w.id, w.name, w.x, w.y, w.d, w.status, true);
      this.me.setZoom(this.cameras.main.zoom);
      this.cameras.main.centerOn(w.x, w.y).startFollow(this.me.anchor, true, 0.15, 0.15);
      this.hud.line("system", "", `Welcome, ${w.name}. Walk up to someone to talk.`);
    }
    this.lastSent = { x: w.x, y: w.y, d: w.d, at: 0 };
  }

  /** Updates sent while the connection was down are lost: start over from a fresh snapshot. */
  protected override onReconnected(): void {
    for (const id of [...this.others.keys()]) this.vanish(id);
    this.room.send("hello", {});
  }

  private appear(c: AvatarCard): void {
    if (c.id === this.welcome?.id) return;
    const o = this.others.get(c.id);
    if (o) {
      o.moveTo(c.x, c.y, c.d);
      o.setStatus(c.status);
      return;
    }
    const avatar = new AvatarSprite(this, c.id, c.name, c.x, c.y, c.d, c.status);
    avatar.setZoom(this.cameras.main.zoom);
    this.others.set(c.id, avatar);
  }

  private vanish(id: number): void {
    this.others.get(id)?.destroy();
    this.others.delete(id);
  }

  private setStatus(s: PlazaStatus): void {
    this.status = s;
    this.me?.setStatus(s);
    this.room.send("status", { status: s });
  }

  private say(text: string): void {
    void this.room.request("chat", { text }).then(
      (r: { delivered: number }) => {
        this.me?.say(text, this.time.now);
        this.hud.line("mine", "you", r.delivered === 0 ? `${text}  (nobody heard it: walk within ${Math.round(this.map.nearRadius / this.map.tileSize)} tiles of someone)` : text);
      },
      (e) => this.refused(e),
    );
  }

  private refused(e: unknown): void {
    const r = (e as { reason?: { code?: string; message?: string } })?.reason ?? (e as { code?: string; message?: string });
    this.hud.line("system", "", `${r?.code ?? "ERROR"}: ${r?.message ?? String(e)}`);
  }

  private presence(id: number, x: number, y: number, status: PlazaStatus): Presence {
    return { id, x, y, status, area: privateAreaAt(this.map, x, y)?.id ?? 0 };
  }

  /** Calls whoever is in my bubble (the rule the server checks on signaling), volume by distance. */
  private syncCalls(): void {
    if (!this.me || !this.welcome) return;
    const mine = this.presence(this.welcome.id, this.me.x, this.me.y, this.status);
    const others = [...this.others.values()].map((o) => this.presence(o.id, o.targetX, o.targetY, o.status));
    this.bubble = bubbleOf(mine, others, this.map.nearRadius, PLAZA_BUBBLE_CAP);
    this.calls.sync(this.bubble);
    for (const id of this.bubble) {
      const o = this.others.get(id)!;
      const far = Math.hypot(o.x - this.me.x, o.y - this.me.y) / this.map.nearRadius;
      this.calls.setVolume(id, mine.area !== 0 ? 1 : 1 - far * far);
    }
    const near = others.filter((o) => o.area === mine.area && (mine.area !== 0 || Math.hypot(o.x - mine.x, o.y - mine.y) <= this.map.nearRadius)).length;
    this.hud.setInfo(`${this.others.size} in view · ${near} near · ${this.bubble.length} in call`);
  }

  override update(time: number, delta: number): void {
    if (!this.walker || !this.me) return;
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLSelectElement;
    const any = (keys: string[]) => keys.some((key) => this.held.has(key));
    const heading = typing ? { dx: 0, dy: 0 } : { dx: (any(RIGHT) ? 1 : 0) - (any(LEFT) ? 1 : 0), dy: (any(DOWN) ? 1 : 0) - (any(UP) ? 1 : 0) };
    // by wall-clock time, not the frame's delta: a slow software renderer must not slow the walk
    const now = performance.now();
    // a long frame (a hitch, a background tab) is walked as at most 250 ms: no leap the server would call TOO_FAST
    this.walker.update(Math.min(now - (this.lastUpdate || now), 250), heading);
    this.lastUpdate = now;
    this.me.moveTo(this.walker.x, this.walker.y, this.walker.d);
    const x = Math.round(this.walker.x), y = Math.round(this.walker.y), d = this.walker.d;
    if (time - this.lastSent.at >= SEND_EVERY_MS && (x !== this.lastSent.x || y !== this.lastSent.y || d !== this.lastSent.d)) {
      this.room.send("move", { x, y, d });
      this.lastSent = { x, y, d, at: time };
    }
    if (time - this.lastSaved >= 1000) {
      // what a reload of this tab re-announces (net/rejoin.ts): the avatar comes back where it stood
      this.lastSaved = time;
      saveRejoin(this.room.roomId, { x, y, d, status: this.status });
    }
    this.me.update(time, delta);
    for (const o of this.others.values()) o.update(time, delta);
    if (time - this.lastMinimap > 200) {
      this.lastMinimap = time;
      const v = this.cameras.main.worldView;
      this.minimap.draw(this.me, this.others.values(), { x: v.x, y: v.y, w: v.width, h: v.height });
    }
  }

  /** The room is gone (server restart): rejoin where I stood; the room rebuilds from what clients re-announce. */
  protected override onRoomLost(code: number): boolean {
    if (code === CONSENTED || this.rejoining) return false;
    this.rejoining = true;
    const w = this.walker;
    const options = { ...(w ? { x: Math.round(w.x), y: Math.round(w.y), d: w.d } : {}), status: this.status };
    this.services.toaster.showBanner("The plaza restarted — rejoining…");
    void (async () => {
      for (let attempt = 0; attempt < 10; attempt++) {
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
        const joined = await this.connection.joinOrCreate("plaza", options);
        if (joined.ok) {
          this.services.toaster.hideBanner();
          this.scene.restart({ room: joined.value, kind: this.kind, connection: this.connection } satisfies RoomSceneData);
          return;
        }
      }
      this.services.toaster.hideBanner();
      this.scene.start("lobby");
    })();
    return true;
  }

  private debugView(): PlazaDebugView {
    const w = this.welcome;
    return {
      active: true,
      me: w && this.me ? { id: w.id, name: w.name, x: Math.round(this.me.x), y: Math.round(this.me.y), status: this.status, owner: w.owner } : null,
      others: [...this.others.values()].map((o) => ({ id: o.id, name: o.name, x: Math.round(o.targetX), y: Math.round(o.targetY), status: o.status })),
      bubble: [...this.bubble],
      calls: this.calls.view(),
      chat: [...this.chatLines],
      mediaError: this.calls.mediaError,
      view: (({ x, y, width, height }) => ({ x, y, width, height }))(this.cameras.main.worldView),
    };
  }
}

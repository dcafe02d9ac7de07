/**
 * The plaza room: a relay for avatars that their clients own (issue #5).
 *
 * Owns: nothing that matters. It keeps, per connected client, the latest position it announced
 * (only to route: the spatial grid and who is shown whom, shared/plaza/relay.ts), a speed budget
 * and rate-limit buckets. It has no synchronized state and runs no simulation: it checks what it
 * relays (inside the map, no impassable tile, no faster than the map's max speed, per-client rate
 * limits) and forwards positions every PLAZA_FLUSH_MS to the clients whose area of interest
 * contains them; chat and WebRTC signaling go only to those near (or in the same private area).
 *
 * Survives a restart: nothing, by design — each client keeps its own avatar and rejoins with it
 * (join options x, y, d, status), which rebuilds the index. Analytics (joins, leaves, distance
 * walked, conversations) are recorded to the database in batches, asynchronously, never read here.
 * The owner (who may announce to everyone) is the first person to join the room.
 */
import { ServerError, type Client } from "@colyseus/core";
import {
  InterestRelay, encodeUpdate, checkMove, newWalker, isWalkable, privateAreaAt, take, fullBucket, canTalk, takesChat, mayCall, ConversationTracker,
  PlazaCodes, PLAZA_BUBBLE_CAP, type Bucket, type PlazaJoinOptions, type PlazaMoveMessage, type PlazaSignalMessage, type PlazaStatus, type Presence, type AvatarCard, type Walker, type MoveRules,
} from "../../../shared/plaza/index.js";
import { PLAZA_MAP } from "../../../shared/plaza/world.js";
import { StatecraftRoom, type AuthData } from "../StatecraftRoom.js";
import { plazaSettings, type PlazaSettings } from "./config.js";
import { plazaAnalytics } from "./analytics.js";
import type { PlazaEvent } from "./analyticsRepository.js";

type PlazaClient = Client<{ auth: AuthData<PlazaJoinOptions> }>;

interface Person {
  id: number; // avatar id in this room (small integer: compact on the wire)
  client: PlazaClient;
  userId: string;
  name: string;
  status: PlazaStatus;
  walker: Walker;
  moves: Bucket;
  chats: Bucket;
  signals: Bucket;
  walkedPx: number;
  joinedAt: number;
}

export class PlazaRoom extends StatecraftRoom {
  private readonly map = PLAZA_MAP;
  private settings!: PlazaSettings;
  private rules!: MoveRules;
  private relay!: InterestRelay;
  private mode: "aoi" | "broadcast" = "aoi";
  private readonly people = new Map<number, Person>();
  private readonly bySession = new Map<string, Person>();
  private readonly conversations = new ConversationTracker();
  private nextId = 1;
  private ownerUserId: string | undefined;
  private flushTimer?: NodeJS.Timeout;
  private flushTurn = 0; // which part of the clients the next flush serves

  override onCreate(raw: Record<string, unknown>): void {
    this.settings = plazaSettings();
    this.mode = raw.mode === "broadcast" ? "broadcast" : "aoi";
    if (this.mode === "broadcast" && !this.settings.allowBroadcast) {
      throw new ServerError(526, "INVALID_OPTIONS: mode broadcast is for the benchmark (PLAZA_ALLOW_BROADCAST=1)");
    }
    this.rules = { maxSpeed: this.map.maxSpeed, burstSeconds: 1 };
    this.relay = new InterestRelay({
      viewRadius: this.map.viewRadius,
      leaveRadius: this.map.viewRadius + 2 * this.map.tileSize,
      mode: this.mode,
      areaAt: (x, y) => privateAreaAt(this.map, x, y)?.id ?? 0,
      parts: this.settings.flushParts,
    });
    void this.setMetadata({ mode: this.mode });
    this.bindCommands({
      hello: (c) => this.hello(c),
      move: (c, m: PlazaMoveMessage) => this.move(c, m),
      status: (c, m: { status: PlazaStatus }) => this.setStatus(c, m.status),
      chat: (c, m: { text: string }) => this.chat(c, m.text),
      announce: (c, m: { text: string }) => this.announce(c, m.text),
      signal: (c, m: PlazaSignalMessage) => this.signal(c, m),
    });
    // a plain timer: the room clock only ticks with the patch interval (50 ms), too coarse for this.
    // Staggered: every flushMs / parts, one part of the clients is sent its update, so each client
    // still gets one frame per flushMs but no tick sends to everybody at once (at 1,000 clients that
    // burst held incoming moves and the receivers up for milliseconds)
    const parts = this.settings.flushParts;
    this.flushTimer = setInterval(() => {
      this.flush(this.flushTurn);
      this.flushTurn = (this.flushTurn + 1) % parts;
    }, this.settings.flushMs / parts);
  }

  override onJoin(client: PlazaClient): void {
    const auth = client.auth!;
    const opts = auth.options ?? {};
    if ((opts.mode ?? "aoi") !== this.mode) throw new ServerError(526, `INVALID_OPTIONS: this room relays in mode ${this.mode}`);
    this.takeOverSeat(client, auth.id); // a second tab moves the avatar there: one avatar per person
    const now = this.platform.now();
    const id = this.nextId++;
    // a rejoining client re-announces where it stood; anything not walkable falls back to a spawn
    const spawn = this.map.spawns[(id - 1) % this.map.spawns.length]!;
    const at = opts.x !== undefined && opts.y !== undefined && isWalkable(this.map, opts.x, opts.y) ? { x: opts.x, y: opts.y } : spawn;
    const status = opts.status ?? "available";
    this.ownerUserId ??= auth.id;
    const p: Person = {
      id, client, userId: auth.id, name: auth.name, status,
      walker: newWalker(at.x, at.y, now, this.rules),
      moves: fullBucket(this.settings.moves, now),
      chats: fullBucket(this.settings.chats, now),
      signals: fullBucket(this.settings.signals, now),
      walkedPx: 0,
      joinedAt: now,
    };
    this.people.set(id, p);
    this.bySession.set(client.sessionId, p);
    const snapshot = this.relay.join({ id, name: auth.name, status, x: at.x, y: at.y, d: opts.d ?? 0 });
    this.sendWelcome(p, snapshot);
    this.record({ kind: "join", roomId: this.roomId, userId: auth.id, at: now });
  }

  private sendWelcome(p: Person, snapshot: AvatarCard[]): void {
    const me = this.relay.presence(p.id)!;
    p.client.send("welcome", {
      id: p.id, x: me.x, y: me.y, d: me.d, status: p.status, name: p.name,
      owner: this.ownerUserId === p.userId, mode: this.mode, flushMs: this.settings.flushMs,
    });
    p.client.send("snapshot", snapshot);
  }

  /**
   * Back within the reconnection window: the SDK's new connection is a new Client object, and
   * Colyseus keeps messages sent through the old one queued forever. Everything the room sends
   * goes through `Person.client`, so point it at the new one.
   */
  override onReconnect(client: PlazaClient): void {
    const p = this.bySession.get(client.sessionId);
    if (p) p.client = client;
  }

  override onLeave(client: PlazaClient): void {
    const p = this.bySession.get(client.sessionId);
    if (!p) return;
    this.bySession.delete(client.sessionId);
    this.people.delete(p.id);
    this.relay.leave(p.id);
    const now = this.platform.now();
    this.record({ kind: "leave", roomId: this.roomId, userId: p.userId, at: now, walkedPx: p.walkedPx, durationMs: now - p.joinedAt });
  }

  override onDispose(): void {
    clearInterval(this.flushTimer);
  }

  // ---- commands --------------------------------------------------------------------------------

  private person(c: Client): Person {
    const p = this.bySession.get(c.sessionId);
    if (!p) throw new Error("message from a client that has not joined"); // a bug: onJoin ran first
    return p;
  }

  /** Spends one token of a bucket, or returns the RATE_LIMITED rejection. */
  private spend(p: Person, which: "moves" | "chats" | "signals") {
    const rule = this.settings[which];
    const next = take(p[which], rule, this.platform.now());
    if (!next) return { code: "RATE_LIMITED", message: `at most ${rule.perSecond} ${which} per second` };
    p[which] = next;
    return null;
  }

  /** A client that registered its handlers late (a browser scene) asks for its welcome again. */
  private hello(c: Client) {
    const p = this.person(c);
    const limited = this.spend(p, "signals");
    if (limited) return limited;
    this.sendWelcome(p, this.relay.cardsSeenBy(p.id));
    return undefined;
  }

  private move(c: Client, m: PlazaMoveMessage) {
    const p = this.person(c);
    const limited = this.spend(p, "moves");
    if (limited) return limited;
    const checked = checkMove(this.map, p.walker, m.x, m.y, this.platform.now(), this.rules);
    if (!checked.ok) return checked.error; // details: where the avatar still is, to snap back
    p.walkedPx += Math.hypot(m.x - p.walker.x, m.y - p.walker.y);
    p.walker = checked.value;
    this.relay.move(p.id, m.x, m.y, m.d ?? this.relay.presence(p.id)!.d);
    return undefined;
  }

  private setStatus(c: Client, status: PlazaStatus) {
    const p = this.person(c);
    p.status = status;
    this.relay.setStatus(p.id, status);
    return undefined;
  }

  /** Who `p` can talk to right now: the same private area, or near and outside private areas. */
  private partners(p: Presence): Presence[] {
    const around = p.area !== 0 ? this.relay.inArea(p.area) : this.relay.within(p.x, p.y, this.map.nearRadius);
    return around.filter((o) => canTalk(p, o, this.map.nearRadius));
  }

  private chat(c: Client, text: string) {
    const p = this.person(c);
    const limited = this.spend(p, "chats");
    if (limited) return limited;
    const me = this.relay.presence(p.id)!;
    if (me.status === "ghost") return { code: PlazaCodes.GHOST_MODE, message: "ghosts cannot chat; change your status first" };
    const area = me.area !== 0 ? this.map.areas.find((a) => a.id === me.area)?.name : undefined;
    const listeners = this.partners(me).filter((o) => takesChat(o.status));
    const msg = { from: p.id, name: p.name, text, ...(area ? { area } : {}) };
    const now = this.platform.now();
    let fresh = false;
    for (const o of listeners) {
      this.people.get(o.id)?.client.send("chat", msg);
      if (this.conversations.touch("chat", p.id, o.id, now)) fresh = true;
    }
    if (fresh) this.record({ kind: "conversation", roomId: this.roomId, userId: p.userId, at: now, channel: "chat", size: listeners.length + 1 });
    return { delivered: listeners.length };
  }

  private announce(c: Client, text: string) {
    const p = this.person(c);
    if (p.userId !== this.ownerUserId) return { code: PlazaCodes.NOT_OWNER, message: "only the room's owner (who opened it) can announce" };
    const limited = this.spend(p, "chats");
    if (limited) return limited;
    this.broadcast("announce", { from: p.id, name: p.name, text });
    return { delivered: this.people.size };
  }

  private signal(c: Client, m: PlazaSignalMessage) {
    const p = this.person(c);
    const limited = this.spend(p, "signals");
    if (limited) return limited;
    const me = this.relay.presence(p.id)!;
    const them = this.relay.presence(m.to);
    const target = this.people.get(m.to);
    if (!them || !target) return { code: "NOT_FOUND", message: `nobody with id ${m.to} is here` };
    if (!mayCall(me, them, this.partners(me), this.partners(them), this.map.nearRadius, PLAZA_BUBBLE_CAP)) {
      return { code: PlazaCodes.NOT_NEAR, message: `${target.name} is not in your bubble (near, callable, at most ${PLAZA_BUBBLE_CAP} people)` };
    }
    target.client.send("signal", { from: p.id, data: m.data });
    const now = this.platform.now();
    if (this.conversations.touch("call", p.id, m.to, now)) this.record({ kind: "conversation", roomId: this.roomId, userId: p.userId, at: now, channel: "call", size: 2 });
    return undefined;
  }

  // ---- fan-out ---------------------------------------------------------------------------------

  private flush(part: number): void {
    for (const [id, d] of this.relay.flush(part)) {
      const client = this.people.get(id)?.client;
      if (!client) continue;
      // one frame per client per flush: left, appear, status, moved as sections (shared/plaza/wire.ts)
      client.sendBytes("update", encodeUpdate(d));
    }
  }

  private record(e: PlazaEvent): void {
    plazaAnalytics()?.record(e);
  }
}

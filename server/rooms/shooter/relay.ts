/**
 * The relay mode (`{mode: "relay"}`): PUBG-style "stateless-like" play. Each client simulates its
 * own player with the same shared rules and reports its position (`report`) and the shots it
 * resolved (`shoot`, with the target it claims to hit). The room keeps NO simulation — no tick,
 * no movement, no physics: only each player's last reported position (a routing index), a health
 * tally and the scores. At the patch rate it relays to every client the reports of the players in
 * its view (shared/shooter/interest.ts) and the shots they fired.
 *
 * What it checks without a simulation, and so which cheats it catches:
 * - malformed messages: refused by the spec's zod schemas (VALIDATION_FAILED), as in the
 *   authoritative mode;
 * - a client cannot move or damage anyone else: a report moves only its sender, and a hit is only
 *   what passes the checks below;
 * - fire rate: a shot sooner than the weapon's interval after the last accepted one is refused
 *   (FIRE_RATE);
 * - through walls: a claimed hit without line of sight between the two last reported positions,
 *   or out of range, is refused (NO_LINE_OF_SIGHT, OUT_OF_RANGE).
 * What it does NOT catch: positions are the client's word, so a speed hack (or a teleport) goes
 * straight through — the anti-cheat tests show it (tests/rooms/shooterAntiCheat.test.ts).
 * Analytics (reports, accepted and refused shots by code) are logged at the end of each round.
 * The state carries a room clock for the round timer (`tick`: ms since creation in ticks, updated
 * every 250 ms; `roundEndTick`), and `kill` carries `respawnMs`: clients respawn themselves.
 */
import { reject } from "../../../shared/core/errors.js";
import { inView, lineOfSight, MAX_HP, weaponById, wrapAngle, type ShooterMap, type Weapon } from "../../../shared/shooter/index.js";
import type { ShooterReportMessage, ShooterShootMessage } from "../../../shared/shooter/spec.js";
import { ShooterScore } from "../../../shared/shooter/schema.js";
import type { ModeDriver, ShooterClient, ShooterRoom } from "./ShooterRoom.js";

export interface RelayPlayer {
  id: string;
  x: number;
  y: number;
  aim: number;
  seq: number;
  reported: boolean;
  hp: number;
  alive: boolean;
  respawnAt: number;
  weapon: Weapon;
  lastShotAt: number;
  kills: number;
  deaths: number;
  shots: number;
  hits: number;
  damage: number;
}

type Outbox = { players: (string | number)[][]; shots: (string | number)[][]; gone: string[] };

export class RelayMode implements ModeDriver {
  readonly players = new Map<string, RelayPlayer>();
  private readonly moved = new Set<string>(); // reported since the last flush
  private readonly shots: { by: string; x: number; y: number; aim: number; range: number }[] = [];
  private readonly seen = new Map<string, Set<string>>(); // viewer → players it was last sent
  private readonly departed = new Set<string>(); // left the room since the last flush
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private roundEndsAt: number;
  private readonly startedAt = this.now();
  private round = 1;
  private readonly analytics = { reports: 0, shotsAccepted: 0, refused: {} as Record<string, number> };

  constructor(private readonly room: ShooterRoom, private map: ShooterMap) {
    const s = room.settings;
    room.patchRate = 1000 / s.patchHz;
    this.roundEndsAt = this.now() + (s.rules.timeLimitTicks * 1000) / s.tickHz;
    room.state.roundEndTick = this.ticksAt(this.roundEndsAt);
    this.timers.push(setInterval(() => this.flush(), 1000 / s.patchHz));
    this.timers.push(setInterval(() => this.clock(), 250));
  }

  private now(): number {
    return performance.now();
  }

  /** A time as the room clock's tick (no simulation runs: the clock only gives clients the round timer). */
  private ticksAt(ms: number): number {
    return Math.floor(((ms - this.startedAt) * this.room.settings.tickHz) / 1000);
  }

  private clock(): void {
    const now = this.now();
    this.room.state.tick = this.ticksAt(now);
    if (now >= this.roundEndsAt) this.endRound("time", null);
  }

  join(client: ShooterClient): void {
    const m = this.room.members.get(client.sessionId)!;
    this.players.set(client.sessionId, {
      id: client.sessionId, x: 0, y: 0, aim: 0, seq: 0, reported: false, hp: MAX_HP, alive: true, respawnAt: 0,
      weapon: weaponById(m.weapon)!, lastShotAt: -Infinity, kills: 0, deaths: 0, shots: 0, hits: 0, damage: 0,
    });
    const score = new ShooterScore();
    score.name = m.name;
    this.room.state.scores.set(client.sessionId, score);
    this.seen.set(client.sessionId, new Set());
  }

  leave(id: string): void {
    this.players.delete(id);
    this.seen.delete(id);
    this.moved.delete(id);
    this.departed.add(id); // viewers that had it are told at the next flush (`gone`)
    this.room.state.scores.delete(id);
  }

  input(): unknown {
    return reject("WRONG_MODE", "input is an authoritative-mode message: in relay mode report your position and shots");
  }

  /** The client's own position: trusted (no simulation here), kept only to route and to check shots. */
  report(client: ShooterClient, m: ShooterReportMessage): unknown {
    const p = this.players.get(client.sessionId);
    if (!p || m.seq <= p.seq) return undefined; // stale or replayed
    const w = this.map.width * this.map.tile, h = this.map.height * this.map.tile;
    p.seq = m.seq;
    p.x = Math.min(w, Math.max(0, m.x));
    p.y = Math.min(h, Math.max(0, m.y));
    p.aim = wrapAngle(m.aim);
    p.reported = true;
    if (!p.alive && this.now() >= p.respawnAt) {
      p.alive = true;
      p.hp = MAX_HP;
    }
    this.moved.add(p.id);
    this.analytics.reports++;
    return undefined;
  }

  shoot(client: ShooterClient, m: ShooterShootMessage): unknown {
    const p = this.players.get(client.sessionId);
    // `seq` is shared with `report`: a duplicated or replayed shot must not deal its damage twice
    if (!p || m.seq <= p.seq) return undefined;
    const now = this.now();
    const refuse = (code: string, message: string) => {
      this.analytics.refused[code] = (this.analytics.refused[code] ?? 0) + 1;
      return reject(code, message);
    };
    // refused before it is fired: nothing happened, the seq is not used (the same shot may be resent)
    if (!p.alive) return refuse("DEAD", "dead players do not shoot");
    if (now - p.lastShotAt < p.weapon.fireIntervalMs) return refuse("FIRE_RATE", `the ${p.weapon.name} fires at most every ${p.weapon.fireIntervalMs} ms`);
    // fired (everyone sees the tracer): the seq is used even if the claimed hit is refused below
    p.seq = m.seq;
    p.lastShotAt = now;
    p.shots++;
    this.shots.push({ by: p.id, x: p.x, y: p.y, aim: wrapAngle(m.aim), range: p.weapon.range });
    if (m.target === undefined) return undefined;
    const v = this.players.get(m.target);
    if (!v || v === p || !v.alive || !v.reported) return refuse("BAD_TARGET", "no such living player");
    if (Math.hypot(v.x - p.x, v.y - p.y) > p.weapon.range) return refuse("OUT_OF_RANGE", "the target is out of the weapon's range");
    if (!lineOfSight(this.map, p, v)) return refuse("NO_LINE_OF_SIGHT", "a wall is between shooter and target");
    this.analytics.shotsAccepted++;
    p.hits++;
    // pellets that hit (the client's word, like the rest of the shot), never more than the weapon fires
    const pellets = Math.min(m.pellets ?? 1, p.weapon.pellets);
    const dealt = Math.min(v.hp, p.weapon.damage * pellets);
    v.hp -= dealt;
    p.damage += dealt;
    for (const id of [p.id, v.id]) this.room.clients.getById(id)?.send("hit", { by: p.id, on: v.id, damage: dealt, hp: v.hp });
    if (v.hp <= 0) this.kill(p, v);
    return undefined;
  }

  weapon(client: ShooterClient, id: string): unknown {
    const p = this.players.get(client.sessionId);
    const w = weaponById(id);
    if (p && w) p.weapon = w;
    return undefined;
  }

  dispose(): void {
    for (const t of this.timers) clearInterval(t);
  }

  private kill(killer: RelayPlayer, victim: RelayPlayer): void {
    victim.alive = false;
    victim.deaths++;
    const respawnMs = (this.room.settings.rules.respawnTicks * 1000) / this.room.settings.tickHz;
    victim.respawnAt = this.now() + respawnMs;
    killer.kills++;
    const name = (id: string) => this.room.members.get(id)?.name ?? "?";
    this.room.broadcast("kill", { killer: killer.id, victim: victim.id, killerName: name(killer.id), victimName: name(victim.id), weapon: killer.weapon.id, respawnMs });
    for (const x of [killer, victim]) {
      const s = this.room.state.scores.get(x.id);
      if (s) [s.kills, s.deaths] = [x.kills, x.deaths];
    }
    if (killer.kills >= this.room.settings.rules.scoreLimit) this.endRound("score", killer.id);
  }

  private endRound(reason: "score" | "time", winner: string | null): void {
    const rows = [...this.players.values()].flatMap((p) => {
      const m = this.room.members.get(p.id);
      return m ? [{ userId: m.userId, name: m.name, kills: p.kills, deaths: p.deaths, shots: p.shots, hits: p.hits, damage: p.damage }] : [];
    });
    this.room.finishMatch({ map: this.map, round: { number: this.round, phase: "ended", startTick: 0, endTick: 0, winner } }, rows, reason, winner);
    this.room.log.info("relay round analytics", { round: this.round, reason, ...this.analytics });
    this.round++;
    const st = this.room.state;
    st.round = this.round;
    st.winner = winner ?? "";
    const next = this.room.nextMap(this.map);
    if (next !== this.map) {
      // positions on the old map mean nothing: everyone respawns on the new one (clients see state.map
      // change) and is routed again from its first report there
      this.map = next;
      st.map = next.id;
      this.room.publishMap(next);
      for (const p of this.players.values()) [p.reported, p.alive, p.hp] = [false, true, MAX_HP];
      for (const seen of this.seen.values()) seen.clear(); // clients forget the old map's players too
      this.moved.clear();
    }
    this.roundEndsAt = this.now() + (this.room.settings.rules.timeLimitTicks * 1000) / this.room.settings.tickHz;
    this.room.state.roundEndTick = this.ticksAt(this.roundEndsAt);
    for (const p of this.players.values()) {
      p.kills = p.deaths = p.shots = p.hits = p.damage = 0;
      const s = this.room.state.scores.get(p.id);
      if (s) [s.kills, s.deaths] = [0, 0];
    }
  }

  /** Sends each client the reports and shots of the players in its view since the last flush. */
  private flush(): void {
    if (this.moved.size === 0 && this.shots.length === 0 && this.departed.size === 0) return;
    for (const viewer of this.players.values()) {
      const seen = this.seen.get(viewer.id)!;
      const out: Outbox = { players: [], shots: [], gone: [] };
      for (const p of this.players.values()) {
        if (p === viewer || !p.reported) continue;
        const visible = viewer.reported && inView(viewer, p);
        if (visible && (this.moved.has(p.id) || !seen.has(p.id))) out.players.push([p.id, r(p.x), r(p.y), Math.round(p.aim * 1000), p.hp, p.seq]);
        if (visible) seen.add(p.id);
        else if (seen.delete(p.id)) out.gone.push(p.id);
      }
      for (const id of this.departed) if (seen.delete(id)) out.gone.push(id);
      for (const s of this.shots) if (s.by === viewer.id || (viewer.reported && inView(viewer, s))) out.shots.push([s.by, r(s.x), r(s.y), Math.round(s.aim * 1000), s.range]);
      if (out.players.length || out.shots.length || out.gone.length) this.room.clients.getById(viewer.id)?.send("relay", out);
    }
    this.moved.clear();
    this.shots.length = 0;
    this.departed.clear();
  }
}

const r = (v: number) => Math.round(v * 8) / 8;

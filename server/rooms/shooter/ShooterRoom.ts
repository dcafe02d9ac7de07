/**
 * The shooter room (issue #4): a top-down free-for-all arena in one of two modes, chosen by the
 * join option `mode` when the room is created (matchmaking filters by it).
 *
 * - authoritative (default, ./authoritative.ts): the server owns the match — positions, health,
 *   ammo, scores — in room memory, simulated by the pure rules of shared/shooter at a fixed tick.
 *   Clients send inputs only.
 * - relay (./relay.ts): each client simulates its own player; the room keeps no simulation, only
 *   the last reported position per player to route messages to those in view.
 *
 * What survives a restart: finished matches and their per-player stats (written at match end,
 * ./matchRepository.ts). The match in progress is deliberately lost on a server kill: the spec's
 * placement says so, and clients simply join a fresh match.
 */
import { randomUUID } from "node:crypto";
import type { Client } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { MAPS, mapById, standings, weaponById, WEAPONS, type ShooterMap, type World } from "../../../shared/shooter/index.js";
import { ShooterState } from "../../../shared/shooter/schema.js";
import type { ShooterJoinOptions, ShooterMode, ShooterReportMessage, ShooterShootMessage } from "../../../shared/shooter/spec.js";
import type { ShooterInputMessage } from "../../../shared/shooter/input.js";
import { StatecraftRoom, type AuthData } from "../StatecraftRoom.js";
import { shooterSettings, type ShooterSettings } from "./config.js";
import { MatchRepository, type MatchPlayerStats } from "./matchRepository.js";
import { AuthoritativeMode } from "./authoritative.js";
import { RelayMode } from "./relay.js";
import { TickTimer } from "./tickTimer.js";
import { corked } from "../../platform/cork.js";

export type ShooterClient = Client<{ auth: AuthData<ShooterJoinOptions> }>;

/** What a mode does with the room's events. */
export interface ModeDriver {
  join(client: ShooterClient): void;
  leave(sessionId: string): void;
  input(client: ShooterClient, m: ShooterInputMessage): unknown;
  report(client: ShooterClient, m: ShooterReportMessage): unknown;
  shoot(client: ShooterClient, m: ShooterShootMessage): unknown;
  weapon(client: ShooterClient, id: string): unknown;
  /** Just before each state patch: send what the mode batched for it. */
  beforePatch?(): void;
  dispose(): void;
}

/** A finished round's stats row for a player who is (or was) in it. */
export interface RoundStats extends Omit<MatchPlayerStats, "rank"> {}

export class ShooterRoom extends StatecraftRoom<{ state: ShooterState }> {
  settings!: ShooterSettings;
  mode!: ShooterMode;
  driver!: ModeDriver;
  repo!: MatchRepository;
  /** sessionId → who plays it (user id and name from the token). */
  readonly members = new Map<string, { userId: string; name: string; weapon: string }>();
  /** CPU time of each state patch (encoding for every client's view), for the benchmark. */
  readonly patchTimer = new TickTimer(2048);
  private mapFixed = false;
  private roundStartedAt = 0;

  override onCreate(raw: Record<string, unknown>): void {
    const options = raw as Partial<ShooterJoinOptions>;
    this.settings = shooterSettings();
    this.mode = options.mode === "relay" ? "relay" : "authoritative";
    this.mapFixed = typeof options.map === "string";
    const map = (options.map && mapById(options.map)) || MAPS[0]!;
    this.repo = new MatchRepository(this.platform.db.kysely);
    this.setState(new ShooterState());
    this.state.mode = this.mode;
    this.state.map = map.id;
    this.state.tickHz = this.settings.tickHz;
    this.state.patchHz = this.settings.patchHz;
    this.state.scoreLimit = this.settings.rules.scoreLimit;
    this.roundStartedAt = this.platform.now();
    this.publishMap(map);
    this.driver = this.mode === "relay" ? new RelayMode(this, map) : new AuthoritativeMode(this, map);
    this.bindCommands({
      input: (c, m: ShooterInputMessage) => this.driver.input(c as ShooterClient, m),
      report: (c, m: ShooterReportMessage) => this.driver.report(c as ShooterClient, m),
      shoot: (c, m: ShooterShootMessage) => this.driver.shoot(c as ShooterClient, m),
      weapon: (c, m: { id: string }) => this.driver.weapon(c as ShooterClient, m.id),
    });
    this.log.info("shooter room ready", { mode: this.mode, map: map.id, tickHz: this.settings.tickHz, patchHz: this.settings.patchHz });
  }

  override onJoin(client: ShooterClient): void {
    const auth = client.auth!;
    const weapon = auth.options?.weapon && weaponById(auth.options.weapon) ? auth.options.weapon : WEAPONS[0]!.id;
    this.takeOverSeat(client, auth.id); // a second tab is the same player, not a second one
    this.members.set(client.sessionId, { userId: auth.id, name: auth.name, weapon });
    client.view = new StateView();
    this.driver.join(client);
  }

  override onLeave(client: ShooterClient): void {
    this.driver.leave(client.sessionId);
    this.members.delete(client.sessionId);
  }

  /** The batched fx/kill messages, then the state: each client's frames leave in one socket write. */
  override broadcastPatch(): boolean {
    const started = this.patchTimer.begin();
    const sent = corked(this.clients, () => {
      this.driver?.beforePatch?.();
      return super.broadcastPatch();
    });
    this.patchTimer.end(started);
    return sent;
  }

  override onDispose(): void {
    this.driver?.dispose();
  }

  /**
   * The lobby listing: `map` is the matchmaking filter (the fixed map, or "" for the rotation, as
   * the joiners' options are normalized: server/rooms/shooter/index.ts) and `currentMap` what is
   * being played now.
   */
  publishMap(current: ShooterMap): void {
    void this.setMetadata({ mode: this.mode, map: this.mapFixed ? current.id : "", currentMap: current.id });
  }

  /** The map of the next round: the same if fixed by join option, else the next in rotation. */
  nextMap(current: ShooterMap): ShooterMap {
    if (this.mapFixed) return current;
    return MAPS[(MAPS.indexOf(current) + 1) % MAPS.length]!;
  }

  /** Writes a finished round (the match) and tells everybody. Never blocks the tick. */
  finishMatch(world: Pick<World, "map" | "round">, rows: RoundStats[], reason: "score" | "time", winnerSession: string | null): string {
    const id = randomUUID();
    const ranked = [...mergeByUser(rows)].sort((a, b) => b.kills - a.kills || a.deaths - b.deaths);
    const winner = winnerSession ? this.members.get(winnerSession)?.userId ?? null : null;
    const endedAt = this.platform.now();
    const record = {
      id, roomId: this.roomId, mode: this.mode, map: world.map.id, round: world.round.number, reason, winnerId: winner,
      startedAt: this.roundStartedAt, endedAt, players: ranked.map((r, i) => ({ ...r, rank: i + 1 })),
    };
    this.roundStartedAt = endedAt;
    this.repo.save(record).then(
      () => this.broadcast("match", { id, round: record.round, reason, winnerId: winner, map: record.map }),
      (error) => this.log.error("could not store a finished match", { matchId: id, error: String(error) }),
    );
    return id;
  }

  /** Stats rows from live sim players plus those who left during the round. */
  statsOf(world: World, departed: RoundStats[]): RoundStats[] {
    const rows: RoundStats[] = [...departed];
    for (const p of standings(world)) {
      const m = this.members.get(p.id);
      if (m) rows.push({ userId: m.userId, name: m.name, kills: p.kills, deaths: p.deaths, shots: p.shots, hits: p.hits, damage: p.damage });
    }
    return rows;
  }
}

/** A player who left and rejoined during a round has one row: the sum of both. */
function mergeByUser(rows: RoundStats[]): RoundStats[] {
  const by = new Map<string, RoundStats>();
  for (const r of rows) {
    const had = by.get(r.userId);
    if (!had) by.set(r.userId, { ...r });
    else for (const k of ["kills", "deaths", "shots", "hits", "damage"] as const) had[k] += r[k];
  }
  return [...by.values()];
}

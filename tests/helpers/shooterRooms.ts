/**
 * Shooter rooms for the room tests: players joined through real SDK clients (ShooterBot), and
 * setup-only access to the in-process server room (to place players in the authoritative mode,
 * and to read what the server holds in either mode).
 */
import { matchMaker } from "@colyseus/core";
import type { ShooterRoom } from "../../server/rooms/shooter/ShooterRoom.js";
import type { AuthoritativeMode } from "../../server/rooms/shooter/authoritative.js";
import type { RelayMode } from "../../server/rooms/shooter/relay.js";
import type { ShooterMode } from "../../shared/shooter/spec.js";
import { sdkClient, waitFor } from "./testServer.js";
import { ShooterBot } from "./shooterBot.js";

export class ShooterTable {
  readonly bots: ShooterBot[] = [];
  readonly userIds = new Map<ShooterBot, string>();

  constructor(private readonly url: string, readonly mode: ShooterMode = "authoritative") {}

  /** Joins a new player: the first creates a room (warehouse map), the rest join it. */
  async join(name: string, options: Record<string, unknown> = {}): Promise<ShooterBot> {
    const { client, guest } = await sdkClient(this.url, name);
    const first = this.bots[0];
    const room = first
      ? await client.joinById<any>(first.room.roomId, options)
      : await client.create<any>("shooter", { map: "warehouse", mode: this.mode, ...options });
    room.reconnection.enabled = false;
    const bot = new ShooterBot(room);
    this.bots.push(bot);
    this.userIds.set(bot, guest.user.id);
    await waitFor(() => this.bots.every((b) => b.room.state.scores?.has(bot.id)), 5000, `${name} on everyone's scoreboard`);
    if (this.mode === "authoritative") await waitFor(() => bot.me() !== undefined && bot.room.state.selves?.get(bot.id) !== undefined, 5000, `${name} in the state`);
    return bot;
  }

  room(): ShooterRoom {
    return matchMaker.getLocalRoomById(this.bots[0]!.room.roomId) as unknown as ShooterRoom;
  }

  authoritative(): AuthoritativeMode {
    return this.room().driver as AuthoritativeMode;
  }

  relay(): RelayMode {
    return this.room().driver as RelayMode;
  }

  /** Where the server holds `bot` (authoritative: the simulation; relay: its last report). */
  serverPlayer(bot: ShooterBot): { x: number; y: number; hp: number; shots: number } {
    const p = this.mode === "authoritative" ? this.authoritative().world.players.get(bot.id) : this.relay().players.get(bot.id);
    if (!p) throw new Error(`no player ${bot.id}`);
    return p;
  }

  /**
   * Puts a player somewhere. Authoritative: setup through the server (as if it had walked there).
   * Relay: the client reports it — positions are the client's to say in that mode.
   */
  async place(bot: ShooterBot, x: number, y: number): Promise<void> {
    if (this.mode === "authoritative") {
      const p = this.authoritative().world.players.get(bot.id)!;
      p.x = x;
      p.y = y;
      return;
    }
    const seq = bot.report(x, y);
    await waitFor(() => this.relay().players.get(bot.id)?.seq === seq, 3000, "the report reached the room");
  }

  /** One bot leaves the room (consented) and the table forgets it. */
  async leave(bot: ShooterBot): Promise<void> {
    bot.stop();
    this.bots.splice(this.bots.indexOf(bot), 1);
    await bot.room.leave();
  }

  async leaveAll(): Promise<void> {
    for (const b of this.bots) {
      b.stop();
      await b.room.leave().catch(() => undefined);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** For a mocha suite: sets shooter settings in the environment (rooms read them at creation), restored after. */
export function useShooterEnv(env: Record<string, string>): void {
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const [k, v] of Object.entries(env)) [saved[k], process.env[k]] = [process.env[k], v];
  });
  after(() => {
    for (const k of Object.keys(env)) saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]);
  });
}

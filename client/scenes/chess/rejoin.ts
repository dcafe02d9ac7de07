/**
 * Getting back into a game whose room went away (the server restarted): the restarted server
 * rebuilds every unfinished game in a room with the same id and gives its players 60 s, answering
 * `room "…" not found` until it is back. So: `joinById(gameId)` again with back-off until it
 * works, a refusal says it never will, or the time is up.
 */
import type { Room } from "@colyseus/sdk";
import type { Rejection } from "../../../shared/core/errors.js";
import type { Connection, JoinResult } from "../../net/connection.js";
import type { SessionStore } from "../../net/session.js";
import type { Toaster } from "../../ui/toast.js";

export interface RejoinPolicy {
  giveUpAfterMs: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const REJOIN_POLICY: RejoinPolicy = { giveUpAfterMs: 60_000, minDelayMs: 500, maxDelayMs: 4000 };

/** Refusals that will not change by retrying. */
const FINAL = new Set(["GAME_FULL", "NOT_A_PLAYER", "INVALID_OPTIONS", "UNKNOWN_ROOM_KIND", "FORBIDDEN"]);
const TOKEN_PROBLEMS = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "UNAUTHORIZED"]);

export interface RejoinHooks {
  join(): Promise<JoinResult>;
  /** Signs in again when the token was refused; true when there is a new one. */
  refreshToken(): Promise<boolean>;
  /** Called before each attempt (1-based) with the last failure. */
  onAttempt?(attempt: number, last: Rejection | null): void;
  /** Checked between attempts: true stops trying (the scene went away). */
  cancelled(): boolean;
  now?(): number;
  sleep?(ms: number): Promise<void>;
}

export async function rejoinWithBackoff(hooks: RejoinHooks, policy: RejoinPolicy = REJOIN_POLICY): Promise<JoinResult | null> {
  const now = hooks.now ?? (() => Date.now());
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = now();
  let last: Rejection | null = null;
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    if (hooks.cancelled()) return null;
    hooks.onAttempt?.(attempt, last);
    const result = await hooks.join();
    if (result.ok || hooks.cancelled()) return result;
    last = result.error;
    if (TOKEN_PROBLEMS.has(last.code) && !refreshed) {
      refreshed = true;
      if (await hooks.refreshToken()) continue;
    }
    if (FINAL.has(last.code)) return result;
    const delay = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.min(attempt - 1, 8));
    if (now() - started + delay > policy.giveUpAfterMs) return result;
    await sleep(delay);
  }
}

export interface RejoinGameDeps {
  gameId: string;
  joinOptions: Record<string, unknown>; // {spectate: true} for watchers
  connection: Connection;
  session: SessionStore;
  toaster: Toaster;
  alive(): boolean; // false once the scene went away: stop
}

/**
 * Re-joins `gameId` with back-off, saying so in the page banner. Resolves the joined room, or null
 * (after telling the player why) when it did not work out.
 */
export async function rejoinGame(d: RejoinGameDeps): Promise<Room | null> {
  // RoomScene hides the banner in its own leave handler, which runs right after ours: show ours after it
  const banner = (text: string): void => queueMicrotask(() => d.alive() && d.toaster.showBanner(text));
  const result = await rejoinWithBackoff({
    join: () => d.connection.joinById(d.gameId, d.joinOptions),
    refreshToken: async () => {
      const restored = await d.session.restore();
      if (restored?.ok) d.connection.setToken(restored.value.token);
      return restored?.ok === true;
    },
    onAttempt: (n) => banner(n === 1 ? "The game server went away — reconnecting to your game…" : `Reconnecting to your game… (attempt ${n})`),
    cancelled: () => !d.alive(),
  });
  queueMicrotask(() => d.toaster.hideBanner());
  if (!d.alive()) {
    if (result?.ok) void result.value.leave(true).catch(() => undefined);
    return null;
  }
  if (result?.ok) {
    d.toaster.show("Back in the game.", { kind: "success" });
    return result.value;
  }
  const why = result ? `${result.error.message} (${result.error.code})` : "no answer";
  d.toaster.show(`Could not get back into game ${d.gameId}: ${why}. Its moves are saved.`, { kind: "error", durationMs: 10_000 });
  return null;
}

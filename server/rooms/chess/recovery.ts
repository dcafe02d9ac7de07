/**
 * Crash recovery for chess. Each process writes a heartbeat every few seconds; at start it rebuilds
 * every unfinished game whose host is not alive (no heartbeat for HOST_DEAD_MS), in a room whose id
 * is the game id. Taking a game over is a compare-and-set on its recovery epoch, so when several
 * processes share the database exactly one rebuilds each game.
 */
import os from "node:os";
import { randomUUID } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import type { Platform } from "../../platform/context.js";
import { GameRepository } from "./gameRepository.js";

const HEARTBEAT_MS = 2000;
const HOST_DEAD_MS = 5 * HEARTBEAT_MS;
const HOST = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** This process's identity in chess_games.host and chess_heartbeats. */
export function processHost(): string {
  return HOST;
}

let heartbeat: NodeJS.Timeout | undefined;
let scan: NodeJS.Timeout | undefined;

export async function startHeartbeat(platform: Platform): Promise<void> {
  const repo = new GameRepository(platform.db.kysely);
  await repo.heartbeat(HOST, platform.now());
  heartbeat = setInterval(() => {
    repo.heartbeat(HOST, platform.now()).catch((e) => platform.logger.warn("chess heartbeat failed", { error: e }));
  }, HEARTBEAT_MS);
  heartbeat.unref();
}

/**
 * Recovers now, then keeps scanning: with several processes (REDIS_URL), a game whose host stops
 * beating is taken over by one of the others within HOST_DEAD_MS + a scan period.
 */
export async function startRecovery(platform: Platform): Promise<void> {
  await recoverGames(platform);
  if (!platform.config.redisUrl) return;
  scan = setInterval(() => {
    recoverGames(platform).catch((e) => platform.logger.warn("chess recovery scan failed", { error: e }));
  }, HEARTBEAT_MS);
  scan.unref();
}

export function stopHeartbeat(): void {
  if (heartbeat) clearInterval(heartbeat);
  if (scan) clearInterval(scan);
  heartbeat = scan = undefined;
}

/**
 * Rebuilds the unfinished games of dead hosts. Without Redis this process is the only one serving
 * chess, so every other host is dead (it is the process that was killed). With Redis, a host is dead
 * when its heartbeat is older than HOST_DEAD_MS. Returns the ids of the games this process took.
 */
export async function recoverGames(platform: Platform): Promise<string[]> {
  const repo = new GameRepository(platform.db.kysely);
  const recovered: string[] = [];
  const shared = Boolean(platform.config.redisUrl);
  for (const game of await repo.unfinishedGames()) {
    if (game.host === HOST) continue;
    const seen = await repo.lastSeen(game.host);
    if (shared && seen !== undefined && platform.now() - seen < HOST_DEAD_MS) continue; // its host is alive
    if (!(await repo.claimForRecovery(game.id, game.recovery_epoch, HOST))) continue; // another process took it
    try {
      // the running clock is charged until the dead host was last seen alive, not for the downtime
      await matchMaker.createRoom("chess", { __recover: game.id, __chargedUntil: seen ?? null });
      recovered.push(game.id);
    } catch (e) {
      platform.logger.error("could not recover a chess game", { gameId: game.id, error: e });
    }
  }
  if (recovered.length) platform.logger.info("chess games recovered", { count: recovered.length });
  return recovered;
}

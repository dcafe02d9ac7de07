/** Plaza settings read from the environment (README "Environment"), at room creation. */
import type { RateRule } from "../../../shared/plaza/index.js";
import { boolFromEnv, numberFromEnv } from "../../platform/env.js";

export interface PlazaSettings {
  flushMs: number; // PLAZA_FLUSH_MS: each client is sent what changed this often (default 25 ms)
  flushParts: number; // PLAZA_FLUSH_PARTS: clients are flushed in this many staggered turns per flushMs (default 5)
  moves: RateRule; // PLAZA_MOVES_PER_SECOND (default 20, burst 20): a client sending 10 Hz has room for jitter
  chats: RateRule; // chat + announce: 2/s, burst 5
  signals: RateRule; // WebRTC signaling: 30/s, burst 60 (ICE candidates come in bursts)
  analyticsFlushMs: number; // PLAZA_ANALYTICS_FLUSH_MS (default 2000)
  allowBroadcast: boolean; // PLAZA_ALLOW_BROADCAST=1: the benchmark's naive broadcast-to-all mode may be joined
}

export function plazaSettings(): PlazaSettings {
  const moves = numberFromEnv("PLAZA_MOVES_PER_SECOND", 20, { min: 1 });
  return {
    flushMs: numberFromEnv("PLAZA_FLUSH_MS", 25, { min: 1 }),
    flushParts: Math.floor(numberFromEnv("PLAZA_FLUSH_PARTS", 5, { min: 1 })),
    moves: { perSecond: moves, burst: moves },
    chats: { perSecond: 2, burst: 5 },
    signals: { perSecond: 30, burst: 60 },
    analyticsFlushMs: numberFromEnv("PLAZA_ANALYTICS_FLUSH_MS", 2000, { min: 10 }),
    allowBroadcast: boolFromEnv("PLAZA_ALLOW_BROADCAST", false),
  };
}

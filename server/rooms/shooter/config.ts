/** Shooter settings read from the environment when a room is created (README lists them). */
import type { RoundRules } from "../../../shared/shooter/index.js";
import { numberFromEnv } from "../../platform/env.js";

export interface ShooterSettings {
  tickHz: number; // SHOOTER_TICK_HZ (default 64)
  patchHz: number; // SHOOTER_PATCH_HZ (default 32)
  maxRewindMs: number; // SHOOTER_MAX_REWIND_MS (default 200)
  rules: RoundRules; // SHOOTER_SCORE_LIMIT (20), SHOOTER_TIME_LIMIT_S (300), SHOOTER_RESPAWN_S (2), SHOOTER_PROTECTION_S (1.5), SHOOTER_INTERMISSION_S (5)
}

export function shooterSettings(): ShooterSettings {
  const tickHz = numberFromEnv("SHOOTER_TICK_HZ", 64, { min: 1, max: 128 });
  const ticks = (s: number) => Math.round(s * tickHz);
  return {
    tickHz,
    patchHz: numberFromEnv("SHOOTER_PATCH_HZ", 32, { min: 1, max: tickHz }),
    maxRewindMs: numberFromEnv("SHOOTER_MAX_REWIND_MS", 200, { min: 0, max: 1000 }),
    rules: {
      scoreLimit: Math.round(numberFromEnv("SHOOTER_SCORE_LIMIT", 20, { min: 1, max: 1000 })),
      timeLimitTicks: ticks(numberFromEnv("SHOOTER_TIME_LIMIT_S", 300, { min: 1, max: 86_400 })),
      respawnTicks: ticks(numberFromEnv("SHOOTER_RESPAWN_S", 2, { min: 0, max: 60 })),
      protectionTicks: ticks(numberFromEnv("SHOOTER_PROTECTION_S", 1.5, { min: 0, max: 60 })),
      intermissionTicks: Math.max(1, ticks(numberFromEnv("SHOOTER_INTERMISSION_S", 5, { min: 0, max: 600 }))),
    },
  };
}

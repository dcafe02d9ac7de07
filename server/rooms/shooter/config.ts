/** Shooter settings read from the environment when a room is created (README lists them). */
import type { RoundRules } from "../../../shared/shooter/index.js";

function numEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number in ${min}..${max} (got ${JSON.stringify(raw)})`);
  return n;
}

export interface ShooterSettings {
  tickHz: number; // SHOOTER_TICK_HZ (default 64)
  patchHz: number; // SHOOTER_PATCH_HZ (default 32)
  maxRewindMs: number; // SHOOTER_MAX_REWIND_MS (default 200)
  rules: RoundRules; // SHOOTER_SCORE_LIMIT (20), SHOOTER_TIME_LIMIT_S (300), SHOOTER_RESPAWN_S (2), SHOOTER_PROTECTION_S (1.5), SHOOTER_INTERMISSION_S (5)
}

export function shooterSettings(): ShooterSettings {
  const tickHz = numEnv("SHOOTER_TICK_HZ", 64, 1, 128);
  const ticks = (s: number) => Math.round(s * tickHz);
  return {
    tickHz,
    patchHz: numEnv("SHOOTER_PATCH_HZ", 32, 1, tickHz),
    maxRewindMs: numEnv("SHOOTER_MAX_REWIND_MS", 200, 0, 1000),
    rules: {
      scoreLimit: Math.round(numEnv("SHOOTER_SCORE_LIMIT", 20, 1, 1000)),
      timeLimitTicks: ticks(numEnv("SHOOTER_TIME_LIMIT_S", 300, 1, 86_400)),
      respawnTicks: ticks(numEnv("SHOOTER_RESPAWN_S", 2, 0, 60)),
      protectionTicks: ticks(numEnv("SHOOTER_PROTECTION_S", 1.5, 0, 60)),
      intermissionTicks: Math.max(1, ticks(numEnv("SHOOTER_INTERMISSION_S", 5, 0, 600))),
    },
  };
}

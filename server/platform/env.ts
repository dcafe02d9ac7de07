/**
 * Settings of the room kinds from the environment: unset or empty → the default; anything else
 * must be valid, or a ConfigError names the variable (a typo in a deployment should not become a
 * silent default). Each kind also reads its settings once as it starts, so a bad value stops the
 * server at startup (exit 2) instead of failing the first room of that kind.
 */
import { ConfigError } from "../config.js";

export function numberFromEnv(name: string, fallback: number, range: { min: number; max?: number; integer?: boolean }): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  const { min, max = Infinity, integer = false } = range;
  const ok = (integer ? Number.isSafeInteger(n) : Number.isFinite(n)) && n >= min && n <= max;
  if (!ok) {
    const what = integer ? "an integer" : "a number";
    throw new ConfigError([`${name} must be ${what} ${max === Infinity ? `≥ ${min}` : `in ${min}..${max}`} (got ${JSON.stringify(raw)})`]);
  }
  return n;
}

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

/** A switch: 1/true/yes/on or 0/false/no/off (any case); unset or empty → the default. */
export function boolFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const v = raw.trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new ConfigError([`${name} must be one of ${[...TRUE, ...FALSE].join(", ")} (got ${JSON.stringify(raw)})`]);
}

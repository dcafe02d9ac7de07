/**
 * Weapons are data (assets/shooter/weapons.json): fire interval, damage per pellet, pellets per
 * shot, spread (radians, full cone), range (px), magazine and reload time. `parseWeapons` checks
 * the list and returns every problem as a value.
 */
import { ok, reject, type Result } from "../core/errors.js";

export interface Weapon {
  id: string;
  name: string;
  fireIntervalMs: number;
  damage: number;
  pellets: number;
  spread: number;
  range: number;
  magazine: number;
  reloadMs: number;
}

const RULES: Record<keyof Omit<Weapon, "id" | "name">, [number, number, boolean]> = {
  fireIntervalMs: [16, 10_000, true],
  damage: [1, 100, true],
  pellets: [1, 16, true],
  spread: [0, 1, false],
  range: [32, 4_000, false],
  magazine: [1, 200, true],
  reloadMs: [0, 10_000, true],
};

export function parseWeapons(json: unknown): Result<Weapon[]> {
  if (!Array.isArray(json) || json.length < 1) return reject("INVALID_WEAPONS", "weapons must be a non-empty array");
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const [i, raw] of json.entries()) {
    const w = raw as Record<string, unknown>;
    const label = typeof w?.id === "string" ? w.id : `#${i}`;
    if (typeof w?.id !== "string" || !/^[a-z][a-z0-9-]{0,23}$/.test(w.id)) problems.push(`${label}: id must be lower-case [a-z0-9-]`);
    else if (ids.has(w.id)) problems.push(`${label}: duplicate id`);
    else ids.add(w.id);
    if (typeof w?.name !== "string" || w.name.length === 0 || w.name.length > 24) problems.push(`${label}: name must be 1-24 characters`);
    for (const [field, [min, max, integer]] of Object.entries(RULES)) {
      const v = w?.[field];
      const good = typeof v === "number" && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
      if (!good) problems.push(`${label}.${field}: ${integer ? "an integer" : "a number"} in ${min}..${max}`);
    }
  }
  if (problems.length > 0) return reject("INVALID_WEAPONS", problems.join("; "), problems);
  return ok(json as Weapon[]);
}

/**
 * Movement sanity: the server runs no simulation, it only refuses what a walking avatar cannot do.
 * A move must stay inside the map, end on a passable tile without crossing an impassable one, and
 * fit a distance budget that refills at the map's max speed: budget += maxSpeed × elapsed, capped
 * at `burstSeconds` worth, and a move spends its length. The budget absorbs network jitter (two
 * moves arriving together) while a teleport — a jump longer than the budget — is refused.
 * Pure: the caller passes `now` (ms).
 */
import { ok, reject, type Result } from "../core/errors.js";
import { isWalkable, type PlazaMap } from "./map.js";
import { PlazaCodes } from "./spec.js";

export interface Walker {
  x: number;
  y: number;
  budget: number; // px the avatar may still walk right now
  at: number; // ms, when budget was last refilled
}

export interface MoveRules {
  maxSpeed: number; // px/s
  burstSeconds: number; // how much unused walking time may be saved up (default 1 s)
}

export function newWalker(x: number, y: number, now: number, rules: MoveRules): Walker {
  return { x, y, budget: rules.maxSpeed * rules.burstSeconds, at: now };
}

/** The walker after moving to (x, y), or why it cannot. The input walker is not changed. */
export function checkMove(map: PlazaMap, w: Walker, x: number, y: number, now: number, rules: MoveRules): Result<Walker> {
  if (!(x >= 0 && y >= 0 && x < map.width * map.tileSize && y < map.height * map.tileSize)) {
    return reject(PlazaCodes.OUT_OF_MAP, `(${x}, ${y}) is outside the map`, { x: w.x, y: w.y });
  }
  const cap = rules.maxSpeed * rules.burstSeconds;
  const budget = Math.min(cap, w.budget + (rules.maxSpeed * Math.max(0, now - w.at)) / 1000);
  const dist = Math.hypot(x - w.x, y - w.y);
  if (dist > budget + 1e-6) {
    return reject(PlazaCodes.TOO_FAST, `a move of ${Math.round(dist)} px is faster than ${rules.maxSpeed} px/s allows`, { x: w.x, y: w.y });
  }
  if (!pathIsClear(map, w.x, w.y, x, y)) {
    return reject(PlazaCodes.BLOCKED, `(${x}, ${y}) cannot be reached: an impassable tile is in the way`, { x: w.x, y: w.y });
  }
  return ok({ x, y, budget: budget - dist, at: now });
}

/** Samples the segment every quarter tile: no sample may be on an impassable tile. */
export function pathIsClear(map: PlazaMap, x0: number, y0: number, x1: number, y1: number): boolean {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / (map.tileSize / 4)));
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    if (!isWalkable(map, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)) return false;
  }
  return true;
}

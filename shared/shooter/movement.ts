/**
 * Movement with wall collision: a player is a circle, walls are square tiles. `stepMove` is the
 * one rule both sides run — the server for every input it accepts, the client's prediction when it
 * replays its unacknowledged inputs — so it is a pure function of (position, input, map, dt).
 * Positions are quantized to 1/8 px after each step: the state carries exactly these values, so a
 * client replaying from an acknowledged position reproduces the server's numbers bit for bit.
 */
import { isWall, type Point, type ShooterMap } from "./map.js";

export const PLAYER_RADIUS = 12; // px
export const PLAYER_SPEED = 224; // px per second at full stick (3.5 px per 64 Hz tick: exact in 1/8 px)
/** Positions are multiples of 1/POSITION_SCALE px (the schema sends x·8 as an integer). */
export const POSITION_SCALE = 8;

export interface MoveInput {
  /** Movement axes in [-1, 1]; the vector is clamped to length 1 by the sanitizer. */
  mx: number;
  my: number;
}

export function quantize(v: number): number {
  return Math.round(v * POSITION_SCALE) / POSITION_SCALE;
}

/** Moves `p` by one input of `dt` seconds and pushes it out of walls. Returns the new point. */
export function stepMove(p: Point, input: MoveInput, map: ShooterMap, dt: number): Point {
  let x = p.x + input.mx * PLAYER_SPEED * dt;
  let y = p.y + input.my * PLAYER_SPEED * dt;
  // a step (≤ 3.5 px at 64 Hz) is far below the radius: no tunnelling; two passes settle corners
  for (let pass = 0; pass < 2; pass++) {
    const pushed = resolveWalls(x, y, PLAYER_RADIUS, map);
    x = pushed.x;
    y = pushed.y;
  }
  return { x: quantize(x), y: quantize(y) };
}

/** Pushes a circle out of every solid tile it overlaps (closest-point test per tile). */
export function resolveWalls(x: number, y: number, r: number, map: ShooterMap): Point {
  const t = map.tile;
  const x0 = Math.floor((x - r) / t), x1 = Math.floor((x + r) / t);
  const y0 = Math.floor((y - r) / t), y1 = Math.floor((y + r) / t);
  for (let ty = y0; ty <= y1; ty++) {
    for (let tx = x0; tx <= x1; tx++) {
      if (!isWall(map, tx, ty)) continue;
      const cx = clamp(x, tx * t, (tx + 1) * t);
      const cy = clamp(y, ty * t, (ty + 1) * t);
      const dx = x - cx, dy = y - cy;
      const d2 = dx * dx + dy * dy;
      if (d2 >= r * r) continue;
      if (d2 > 1e-9) {
        const d = Math.sqrt(d2);
        x = cx + (dx / d) * r;
        y = cy + (dy / d) * r;
      } else {
        // centre inside the tile: leave through the nearest edge
        const left = x - tx * t, right = (tx + 1) * t - x, top = y - ty * t, bottom = (ty + 1) * t - y;
        const m = Math.min(left, right, top, bottom);
        if (m === left) x = tx * t - r;
        else if (m === right) x = (tx + 1) * t + r;
        else if (m === top) y = ty * t - r;
        else y = (ty + 1) * t + r;
      }
    }
  }
  return { x, y };
}

/** Does a circle at (x, y) overlap any wall? (invariant checks, spawn checks) */
export function overlapsWall(x: number, y: number, r: number, map: ShooterMap): boolean {
  const t = map.tile;
  for (let ty = Math.floor((y - r) / t); ty <= Math.floor((y + r) / t); ty++) {
    for (let tx = Math.floor((x - r) / t); tx <= Math.floor((x + r) / t); tx++) {
      if (!isWall(map, tx, ty)) continue;
      const dx = x - clamp(x, tx * t, (tx + 1) * t), dy = y - clamp(y, ty * t, (ty + 1) * t);
      if (dx * dx + dy * dy < r * r - 1e-6) return true;
    }
  }
  return false;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

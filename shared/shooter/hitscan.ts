/**
 * Hitscan: a ray from the shooter, stopped by the first wall (grid traversal, Amanatides & Woo)
 * and tested against player circles up to that distance. Walls block bullets exactly as they
 * block sight, so "shooting through a wall" hits nothing by construction.
 */
import { isWall, type Point, type ShooterMap } from "./map.js";

export interface Target {
  id: string;
  x: number;
  y: number;
  r: number;
}

export interface RayHit {
  /** Id of the player hit, or null when the ray hit a wall or ran out of range. */
  target: string | null;
  /** Where the ray stopped (for tracers). */
  end: Point;
  distance: number;
}

/** Distance along the ray (unit direction dx, dy) to the first wall, capped at `range`. */
export function wallDistance(map: ShooterMap, ox: number, oy: number, dx: number, dy: number, range: number): number {
  const t = map.tile;
  let tx = Math.floor(ox / t), ty = Math.floor(oy / t);
  if (isWall(map, tx, ty)) return 0;
  const stepX = dx > 0 ? 1 : -1, stepY = dy > 0 ? 1 : -1;
  const tDeltaX = dx !== 0 ? Math.abs(t / dx) : Infinity;
  const tDeltaY = dy !== 0 ? Math.abs(t / dy) : Infinity;
  let tMaxX = dx !== 0 ? ((dx > 0 ? (tx + 1) * t : tx * t) - ox) / dx : Infinity;
  let tMaxY = dy !== 0 ? ((dy > 0 ? (ty + 1) * t : ty * t) - oy) / dy : Infinity;
  for (;;) {
    let along: number;
    if (tMaxX < tMaxY) {
      along = tMaxX;
      tMaxX += tDeltaX;
      tx += stepX;
    } else {
      along = tMaxY;
      tMaxY += tDeltaY;
      ty += stepY;
    }
    if (along >= range) return range;
    if (isWall(map, tx, ty)) return along;
  }
}

/** Distance along a unit ray to a circle, or Infinity when the ray misses it. */
export function rayCircle(ox: number, oy: number, dx: number, dy: number, c: Target): number {
  const fx = c.x - ox, fy = c.y - oy;
  const along = fx * dx + fy * dy;
  const perp2 = fx * fx + fy * fy - along * along;
  const r2 = c.r * c.r;
  if (perp2 > r2) return Infinity;
  const hit = along - Math.sqrt(r2 - perp2);
  if (hit >= 0) return hit;
  return along + Math.sqrt(r2 - perp2) >= 0 ? 0 : Infinity; // origin inside the circle
}

/** Casts one ray: the nearest target before the first wall within range. `skip` is the shooter. */
export function castRay(map: ShooterMap, origin: Point, angle: number, range: number, targets: readonly Target[], skip: string): RayHit {
  const dx = Math.cos(angle), dy = Math.sin(angle);
  const wall = wallDistance(map, origin.x, origin.y, dx, dy, range);
  let best = wall;
  let target: string | null = null;
  for (const c of targets) {
    if (c.id === skip) continue;
    const d = rayCircle(origin.x, origin.y, dx, dy, c);
    if (d < best) {
      best = d;
      target = c.id;
    }
  }
  return { target, end: { x: origin.x + dx * best, y: origin.y + dy * best }, distance: best };
}

/** Line of sight between two points (no wall strictly between them). */
export function lineOfSight(map: ShooterMap, a: Point, b: Point): boolean {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return true;
  return wallDistance(map, a.x, a.y, dx / len, dy / len, len) >= len;
}

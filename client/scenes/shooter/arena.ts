/** Drawing the arena: walls from the map's solid tiles, players as circles with an aim line, tracers. */
import type Phaser from "phaser";
import { PLAYER_RADIUS, type ShooterMap } from "../../../shared/shooter/index.js";

export const COLORS = { floor: 0x141a22, grid: 0x1c2430, wall: 0x3b4656, wallEdge: 0x56657a, me: 0x56b6f7, other: 0xf7a156, dead: 0x555555, shield: 0xffffff, tracer: 0xffe08a, predicted: 0x9ad0ff, hit: 0xff4d4d };

export function drawArena(g: Phaser.GameObjects.Graphics, map: ShooterMap): void {
  const t = map.tile;
  g.clear();
  g.fillStyle(COLORS.floor, 1).fillRect(0, 0, map.width * t, map.height * t);
  g.lineStyle(1, COLORS.grid, 1);
  for (let x = 0; x <= map.width; x += 2) g.lineBetween(x * t, 0, x * t, map.height * t);
  for (let y = 0; y <= map.height; y += 2) g.lineBetween(0, y * t, map.width * t, y * t);
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      if (map.solid[y * map.width + x] !== 1) continue;
      g.fillStyle(COLORS.wall, 1).fillRect(x * t, y * t, t, t);
      g.lineStyle(1, COLORS.wallEdge, 1).strokeRect(x * t + 0.5, y * t + 0.5, t - 1, t - 1);
    }
  }
}

export function drawPlayer(g: Phaser.GameObjects.Graphics, x: number, y: number, aim: number, color: number, opts: { alive: boolean; shielded: boolean; hurt: number }): void {
  if (!opts.alive) {
    g.lineStyle(2, COLORS.dead, 0.8).strokeCircle(x, y, PLAYER_RADIUS);
    return;
  }
  g.fillStyle(opts.hurt > 0 ? COLORS.hit : color, 1).fillCircle(x, y, PLAYER_RADIUS);
  g.lineStyle(3, 0xffffff, 0.9).lineBetween(x, y, x + Math.cos(aim) * (PLAYER_RADIUS + 10), y + Math.sin(aim) * (PLAYER_RADIUS + 10));
  if (opts.shielded) g.lineStyle(2, COLORS.shield, 0.6).strokeCircle(x, y, PLAYER_RADIUS + 4);
}

export interface Tracer {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  born: number;
  color: number;
}

export const TRACER_MS = 140;

export function drawTracers(g: Phaser.GameObjects.Graphics, tracers: Tracer[], now: number): Tracer[] {
  const live = tracers.filter((t) => now - t.born < TRACER_MS);
  for (const t of live) g.lineStyle(2, t.color, 1 - (now - t.born) / TRACER_MS).lineBetween(t.x1, t.y1, t.x2, t.y2);
  return live;
}

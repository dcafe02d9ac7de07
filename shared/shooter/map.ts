/**
 * Arena maps: Tiled-compatible JSON (orthogonal, one tile layer "walls" where any non-zero gid is
 * a solid square tile, one object layer "spawns" of points in pixels). `parseMap` checks a map the
 * way a modder's file can be wrong and returns every problem as a value; the result is the compact
 * form the rules use (a solid-tile grid and spawn points).
 */
import { ok, reject, type Result } from "../core/errors.js";

export interface Point {
  x: number;
  y: number;
}

export interface ShooterMap {
  id: string;
  title: string;
  /** Tiles across and down. */
  width: number;
  height: number;
  /** Pixels per tile (square). */
  tile: number;
  /** 1 = wall, row-major, width × height. */
  solid: Uint8Array;
  /** Spawn points in pixels, on floor tiles. */
  spawns: Point[];
}

interface TiledLayer {
  name?: unknown;
  type?: unknown;
  data?: unknown;
  width?: unknown;
  height?: unknown;
  objects?: unknown;
}

const MAX_TILES = 256;

/** Parses and validates a Tiled JSON map; `fallbackId` names it when it has no `id` property. */
export function parseMap(json: unknown, fallbackId: string): Result<ShooterMap> {
  const problems: string[] = [];
  const m = json as Record<string, unknown> | null;
  if (typeof m !== "object" || m === null) return reject("INVALID_MAP", `${fallbackId}: a map is a JSON object`);
  const props = Array.isArray(m.properties) ? (m.properties as { name?: unknown; value?: unknown }[]) : [];
  const prop = (name: string) => props.find((p) => p?.name === name)?.value;
  const id = typeof prop("id") === "string" ? (prop("id") as string) : fallbackId;
  const title = typeof prop("title") === "string" ? (prop("title") as string) : id;
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(id)) problems.push(`id ${JSON.stringify(id)} must be lower-case [a-z0-9-]`);
  if (m.orientation !== "orthogonal") problems.push("orientation must be orthogonal");
  if (m.infinite === true) problems.push("infinite maps are not supported");
  const width = m.width, height = m.height, tile = m.tilewidth;
  if (!isInt(width, 4, MAX_TILES) || !isInt(height, 4, MAX_TILES)) problems.push(`width and height must be integers in 4..${MAX_TILES}`);
  if (!isInt(tile, 8, 128) || m.tileheight !== tile) problems.push("tilewidth must equal tileheight, an integer in 8..128");
  const layers = Array.isArray(m.layers) ? (m.layers as TiledLayer[]) : [];
  const walls = layers.find((l) => l?.name === "walls" && l.type === "tilelayer");
  const spawnLayer = layers.find((l) => l?.name === "spawns" && l.type === "objectgroup");
  if (!walls) problems.push('a tile layer named "walls" is required');
  if (!spawnLayer) problems.push('an object layer named "spawns" is required');
  if (problems.length > 0) return reject("INVALID_MAP", `${id}: ${problems.join("; ")}`, problems);
  const w = width as number, h = height as number, t = tile as number;
  const data = walls!.data;
  if (!Array.isArray(data) || data.length !== w * h || !data.every((g) => isInt(g, 0, 2 ** 31)))
    return reject("INVALID_MAP", `${id}: walls.data must be ${w * h} non-negative integer gids (CSV encoding, uncompressed)`);
  const solid = Uint8Array.from(data as number[], (g) => (g === 0 ? 0 : 1));
  const spawns: Point[] = [];
  const objects = Array.isArray(spawnLayer!.objects) ? (spawnLayer!.objects as Record<string, unknown>[]) : [];
  for (const o of objects) {
    if (typeof o?.x !== "number" || typeof o?.y !== "number" || !Number.isFinite(o.x) || !Number.isFinite(o.y)) {
      problems.push("every spawn needs numeric x and y");
      continue;
    }
    const p = { x: o.x, y: o.y };
    if (p.x < 0 || p.y < 0 || p.x >= w * t || p.y >= h * t) problems.push(`spawn (${p.x}, ${p.y}) is outside the map`);
    else if (solid[Math.floor(p.y / t) * w + Math.floor(p.x / t)]) problems.push(`spawn (${p.x}, ${p.y}) is inside a wall`);
    else spawns.push(p);
  }
  if (spawns.length < 2) problems.push("at least two spawn points are required");
  if (problems.length > 0) return reject("INVALID_MAP", `${id}: ${problems.join("; ")}`, problems);
  return ok({ id, title, width: w, height: h, tile: t, solid, spawns });
}

/** Is the tile at (tx, ty) a wall? Outside the map counts as wall. */
export function isWall(map: ShooterMap, tx: number, ty: number): boolean {
  if (tx < 0 || ty < 0 || tx >= map.width || ty >= map.height) return true;
  return map.solid[ty * map.width + tx] === 1;
}

function isInt(v: unknown, min: number, max: number): v is number {
  return Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
}

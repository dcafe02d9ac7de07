/**
 * The plaza's world: a Tiled-compatible JSON map (orthogonal, finite, embedded tilesets), loaded and
 * validated from already-parsed JSON. Pure: the caller reads the file. Units inside the game are
 * pixels (positions, radii, speed per second); the map states radii in tiles and speed in tiles/s.
 *
 * What the loader takes from the Tiled file:
 * - every tile layer: a cell is impassable when its tile has the tileset property `collides: true`;
 * - object layer `spawns`: points where newcomers appear (at least one, each on a free tile);
 * - object layer `areas`: rectangles; property `private: true` makes a private area;
 * - map properties `nearRadius`, `viewRadius` (tiles) and `maxSpeed` (tiles/s), with defaults.
 */
import { z } from "zod";
import { ok, reject, type Result } from "../core/errors.js";
import { MAX_WIRE_COORD } from "./wire.js";

export interface PlazaArea {
  id: number;
  name: string;
  x: number; // px, left
  y: number; // px, top
  w: number; // px
  h: number; // px
  private: boolean;
}

export interface PlazaMap {
  name: string;
  width: number; // tiles
  height: number; // tiles
  tileSize: number; // px (square tiles)
  /** Tile layers as Tiled stores them (global tile ids, 0 = empty), for drawing. */
  layers: { name: string; data: number[] }[];
  /** Global tile id → colour ("#rrggbb") and type, for drawing the tiles procedurally. */
  tiles: Map<number, { type: string; color: string }>;
  /** 1 where a tile is impassable (row-major, width × height). */
  blocked: Uint8Array;
  spawns: { x: number; y: number }[];
  areas: PlazaArea[];
  nearRadius: number; // px: people this close can talk and call
  viewRadius: number; // px: area of interest — positions are relayed to clients this close
  maxSpeed: number; // px per second
}

const Property = z.object({ name: z.string(), type: z.string().optional(), value: z.unknown() });
const TiledObject = z.object({
  id: z.number().int(),
  name: z.string().default(""),
  x: z.number(),
  y: z.number(),
  width: z.number().default(0),
  height: z.number().default(0),
  point: z.boolean().optional(),
  properties: z.array(Property).optional(),
});
const TileLayer = z.object({ type: z.literal("tilelayer"), name: z.string(), width: z.number().int(), height: z.number().int(), data: z.array(z.number().int().min(0)) });
const ObjectLayer = z.object({ type: z.literal("objectgroup"), name: z.string(), objects: z.array(TiledObject) });
const OtherLayer = z.object({ type: z.enum(["imagelayer", "group"]), name: z.string() });
const TiledMap = z.object({
  orientation: z.literal("orthogonal"),
  infinite: z.literal(false).optional(),
  width: z.number().int().min(4).max(1000),
  height: z.number().int().min(4).max(1000),
  tilewidth: z.number().int().min(4).max(256),
  tileheight: z.number().int().min(4).max(256),
  properties: z.array(Property).optional(),
  tilesets: z.array(z.object({
    firstgid: z.number().int().min(1),
    tiles: z.array(z.object({ id: z.number().int().min(0), type: z.string().optional(), properties: z.array(Property).optional() })).optional(),
  })),
  layers: z.array(z.union([TileLayer, ObjectLayer, OtherLayer])),
});

function prop(list: z.infer<typeof Property>[] | undefined, name: string): unknown {
  return list?.find((p) => p.name === name)?.value;
}

function positive(list: z.infer<typeof Property>[] | undefined, name: string, fallback: number): number | string {
  const v = prop(list, name);
  if (v === undefined) return fallback;
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : `property ${name} must be a positive number`;
}

/** Validates a parsed Tiled map and builds the plaza's view of it. Every problem is listed. */
export function loadPlazaMap(json: unknown): Result<PlazaMap> {
  const parsed = TiledMap.safeParse(json);
  if (!parsed.success) return reject("INVALID_MAP", `not a supported Tiled map: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const m = parsed.data;
  const problems: string[] = [];
  if (m.tilewidth !== m.tileheight) problems.push("tiles must be square");
  const T = m.tilewidth;
  // positions travel as 16-bit unsigned integers in `update` (wire.ts)
  if (m.width * T > MAX_WIRE_COORD + 1 || m.height * T > MAX_WIRE_COORD + 1) problems.push(`the map must be at most ${MAX_WIRE_COORD + 1} px a side (positions travel as 16-bit)`);

  const tiles = new Map<number, { type: string; color: string }>();
  const collides = new Set<number>();
  for (const ts of m.tilesets) {
    for (const t of ts.tiles ?? []) {
      const g = ts.firstgid + t.id;
      const color = prop(t.properties, "color");
      tiles.set(g, { type: t.type ?? "", color: typeof color === "string" ? normalizeColor(color) : "#888888" });
      if (prop(t.properties, "collides") === true) collides.add(g);
    }
  }

  const blocked = new Uint8Array(m.width * m.height);
  const layers: PlazaMap["layers"] = [];
  for (const layer of m.layers) {
    if (layer.type !== "tilelayer") continue;
    if (layer.width !== m.width || layer.height !== m.height || layer.data.length !== m.width * m.height) {
      problems.push(`tile layer ${layer.name} must be ${m.width}×${m.height}`);
      continue;
    }
    layers.push({ name: layer.name, data: layer.data });
    layer.data.forEach((g, i) => {
      if (collides.has(g)) blocked[i] = 1;
    });
  }
  if (layers.length === 0) problems.push("the map needs at least one tile layer");

  const objectLayer = (name: string) => m.layers.find((l): l is z.infer<typeof ObjectLayer> => l.type === "objectgroup" && l.name === name);
  const inMap = (x: number, y: number) => x >= 0 && y >= 0 && x < m.width * T && y < m.height * T;
  const spawns = (objectLayer("spawns")?.objects ?? []).map((o) => ({ x: Math.round(o.x), y: Math.round(o.y) }));
  if (spawns.length === 0) problems.push("object layer spawns needs at least one point");
  for (const s of spawns) {
    if (!inMap(s.x, s.y)) problems.push(`spawn (${s.x}, ${s.y}) is outside the map`);
    else if (blocked[Math.floor(s.y / T) * m.width + Math.floor(s.x / T)]) problems.push(`spawn (${s.x}, ${s.y}) is on an impassable tile`);
  }
  const areas: PlazaArea[] = (objectLayer("areas")?.objects ?? []).map((o) => ({
    id: o.id, name: o.name, x: o.x, y: o.y, w: o.width, h: o.height, private: prop(o.properties, "private") === true,
  }));
  for (const a of areas) {
    if (a.w <= 0 || a.h <= 0) problems.push(`area ${a.name || a.id} must be a rectangle`);
    else if (!inMap(a.x, a.y) || !inMap(a.x + a.w - 1, a.y + a.h - 1)) problems.push(`area ${a.name || a.id} leaves the map`);
  }

  const near = positive(m.properties, "nearRadius", 5);
  const view = positive(m.properties, "viewRadius", 10);
  const speed = positive(m.properties, "maxSpeed", 6);
  for (const v of [near, view, speed]) if (typeof v === "string") problems.push(v);
  if (typeof near === "number" && typeof view === "number" && view < near) problems.push("viewRadius must be at least nearRadius");
  if (problems.length > 0) return reject("INVALID_MAP", `invalid plaza map: ${problems.join("; ")}`, problems);

  const name = prop(m.properties, "name");
  return ok({
    name: typeof name === "string" ? name : "plaza",
    width: m.width,
    height: m.height,
    tileSize: T,
    layers,
    tiles,
    blocked,
    spawns,
    areas,
    nearRadius: (near as number) * T,
    viewRadius: (view as number) * T,
    maxSpeed: (speed as number) * T,
  });
}

/** Tiled writes colours as #rrggbb or #aarrggbb. */
function normalizeColor(c: string): string {
  return /^#[0-9a-f]{8}$/i.test(c) ? `#${c.slice(3)}` : c;
}

/** True when (x, y) in pixels is inside the map and on a passable tile. */
export function isWalkable(map: PlazaMap, x: number, y: number): boolean {
  if (!(x >= 0 && y >= 0 && x < map.width * map.tileSize && y < map.height * map.tileSize)) return false;
  return map.blocked[Math.floor(y / map.tileSize) * map.width + Math.floor(x / map.tileSize)] === 0;
}

/** The private area containing (x, y), if any (areas do not overlap in a valid map; first wins). */
export function privateAreaAt(map: PlazaMap, x: number, y: number): PlazaArea | undefined {
  return map.areas.find((a) => a.private && x >= a.x && y >= a.y && x < a.x + a.w && y < a.y + a.h);
}

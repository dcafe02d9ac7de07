#!/usr/bin/env node
/**
 * Draws the plaza's map (assets/plaza/plaza.json): a Tiled-compatible orthogonal map (format 1.10,
 * embedded tileset, no image: the client paints each tile from its `color` property). Layers:
 * - `ground` (tile layer): grass, path, wood floor, carpet;
 * - `objects` (tile layer): walls, water, trees, tables — every tile whose tileset property
 *   `collides` is true is impassable, on any layer;
 * - `spawns` (object layer): points where newcomers appear;
 * - `areas` (object layer): rectangles; `private: true` makes a private area (chat and calls stay
 *   inside it).
 * Map properties: nearRadius and viewRadius (tiles), maxSpeed (tiles per second).
 * Deterministic: re-run after editing and commit the JSON:  node scripts/plaza-map.mjs
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "assets/plaza/plaza.json");

const W = 100;
const H = 70;
const T = 32;
const TILES = [
  { id: 0, type: "grass", color: "#6aa84f" },
  { id: 1, type: "path", color: "#d9c7a0" },
  { id: 2, type: "floor", color: "#b58b5a" },
  { id: 3, type: "carpet", color: "#7e6bb3" },
  { id: 4, type: "wall", color: "#4a4e69", collides: true },
  { id: 5, type: "water", color: "#3d85c6", collides: true },
  { id: 6, type: "tree", color: "#2f5d28", collides: true },
  { id: 7, type: "table", color: "#7f5539", collides: true },
];
const gid = Object.fromEntries(TILES.map((t) => [t.type, t.id + 1]));

const ground = new Array(W * H).fill(gid.grass);
const objects = new Array(W * H).fill(0);
const at = (x, y) => y * W + x;
const fill = (layer, x0, y0, w, h, g) => {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) layer[at(x, y)] = g;
};

// a tiny seeded generator (mulberry32) so the trees land in the same places every run
let seed = 5;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

// border
fill(objects, 0, 0, W, 1, gid.wall);
fill(objects, 0, H - 1, W, 1, gid.wall);
fill(objects, 0, 0, 1, H, gid.wall);
fill(objects, W - 1, 0, 1, H, gid.wall);

// paths: a cross through the middle and a ring around the square
fill(ground, 1, 33, W - 2, 4, gid.path);
fill(ground, 48, 1, 4, H - 2, gid.path);
fill(ground, 36, 24, 28, 22, gid.path);
// the fountain in the middle of the square
fill(objects, 47, 32, 6, 6, gid.water);

/** A building: wall outline, a floor, a door gap on one side. */
function building(x, y, w, h, floor, door) {
  fill(ground, x, y, w, h, floor);
  fill(objects, x, y, w, 1, gid.wall);
  fill(objects, x, y + h - 1, w, 1, gid.wall);
  fill(objects, x, y, 1, h, gid.wall);
  fill(objects, x + w - 1, y, 1, h, gid.wall);
  const [side, offset] = door;
  if (side === "s") fill(objects, x + offset, y + h - 1, 3, 1, 0);
  if (side === "n") fill(objects, x + offset, y, 3, 1, 0);
  if (side === "e") fill(objects, x + w - 1, y + offset, 1, 3, 0);
  if (side === "w") fill(objects, x, y + offset, 1, 3, 0);
}

const rooms = [
  { name: "Meeting room A", x: 8, y: 6, w: 16, h: 12, floor: gid.carpet, door: ["s", 6], private: true },
  { name: "Meeting room B", x: 76, y: 6, w: 16, h: 12, floor: gid.carpet, door: ["s", 6], private: true },
  { name: "Café", x: 8, y: 50, w: 22, h: 14, floor: gid.floor, door: ["n", 9], private: false },
  { name: "Library", x: 70, y: 50, w: 22, h: 14, floor: gid.floor, door: ["n", 9], private: false },
];
for (const r of rooms) building(r.x, r.y, r.w, r.h, r.floor, r.door);
// a meeting table in each meeting room, café tables
fill(objects, 13, 10, 6, 3, gid.table);
fill(objects, 81, 10, 6, 3, gid.table);
for (const [tx, ty] of [[12, 54], [18, 54], [24, 54], [12, 59], [18, 59], [24, 59]]) fill(objects, tx, ty, 2, 2, gid.table);
// library shelves
for (let sx = 74; sx <= 86; sx += 4) fill(objects, sx, 53, 1, 8, gid.table);

// trees on the grass, away from paths, buildings and the square
const free = (x, y) => ground[at(x, y)] === gid.grass && objects[at(x, y)] === 0;
for (let i = 0; i < 160; i++) {
  const x = 2 + Math.floor(rnd() * (W - 4));
  const y = 2 + Math.floor(rnd() * (H - 4));
  let ok = true;
  for (let dy = -1; dy <= 1 && ok; dy++) for (let dx = -1; dx <= 1 && ok; dx++) ok = free(x + dx, y + dy);
  if (ok) objects[at(x, y)] = gid.tree;
}

// Newcomers appear north of the pond on the corners of a 6-tile square, 6–8.5 tiles from each other:
// inside each other's area of interest (10 tiles) and on each other's screen, outside talking range
// (5 tiles) — they see who is around and walk up to talk, as at Gather's spawn; a fifth newcomer
// shares the first point.
const spawns = [
  [47, 25], [53, 25], [53, 31], [47, 31],
].map(([x, y], i) => ({ id: 100 + i, name: `spawn ${i + 1}`, type: "spawn", point: true, x: x * T + T / 2, y: y * T + T / 2, width: 0, height: 0, rotation: 0, visible: true }));

const areas = rooms.map((r, i) => ({
  id: 200 + i,
  name: r.name,
  type: "area",
  x: (r.x + 1) * T,
  y: (r.y + 1) * T,
  width: (r.w - 2) * T,
  height: (r.h - 2) * T,
  rotation: 0,
  visible: true,
  properties: [{ name: "private", type: "bool", value: r.private }],
}));

const map = {
  type: "map",
  version: "1.10",
  tiledversion: "1.10.2",
  orientation: "orthogonal",
  renderorder: "right-down",
  infinite: false,
  width: W,
  height: H,
  tilewidth: T,
  tileheight: T,
  nextlayerid: 5,
  nextobjectid: 300,
  properties: [
    { name: "name", type: "string", value: "Statecraft plaza" },
    { name: "nearRadius", type: "float", value: 5 },
    { name: "viewRadius", type: "float", value: 10 },
    { name: "maxSpeed", type: "float", value: 6 },
  ],
  tilesets: [
    {
      firstgid: 1,
      name: "plaza",
      tilewidth: T,
      tileheight: T,
      tilecount: TILES.length,
      columns: TILES.length,
      margin: 0,
      spacing: 0,
      tiles: TILES.map((t) => ({
        id: t.id,
        type: t.type,
        properties: [
          { name: "color", type: "color", value: t.color },
          { name: "collides", type: "bool", value: !!t.collides },
        ],
      })),
    },
  ],
  layers: [
    { id: 1, name: "ground", type: "tilelayer", x: 0, y: 0, width: W, height: H, opacity: 1, visible: true, data: ground },
    { id: 2, name: "objects", type: "tilelayer", x: 0, y: 0, width: W, height: H, opacity: 1, visible: true, data: objects },
    { id: 3, name: "spawns", type: "objectgroup", draworder: "topdown", x: 0, y: 0, opacity: 1, visible: true, objects: spawns },
    { id: 4, name: "areas", type: "objectgroup", draworder: "topdown", x: 0, y: 0, opacity: 1, visible: true, objects: areas },
  ],
};

fs.mkdirSync(path.dirname(out), { recursive: true });
// one row of tiles per line keeps diffs readable
const json = JSON.stringify(map, null, 1).replace(/"data": \[([\s\d,]+)\]/g, (_m, body) => {
  const cells = body.split(",").map((s) => s.trim());
  const rows = [];
  for (let i = 0; i < cells.length; i += W) rows.push(cells.slice(i, i + W).join(","));
  return `"data": [\n${rows.join(",\n")}\n]`;
});
fs.writeFileSync(out, json + "\n");
console.log(`wrote ${path.relative(root, out)} (${W}×${H} tiles of ${T} px)`);

/** Small maps drawn as text ('#' wall, 'S' spawn, '.' floor) and worlds on them. */
import assert from "node:assert/strict";
import { createWorld, newPlayer, parseMap, weaponById, type RoundRules, type ShooterInput, type ShooterMap, type World } from "../../../shared/shooter/index.js";

export const TILE = 32;

export function tiledJson(rows: string[], id = "test"): unknown {
  const h = rows.length, w = rows[0]!.length;
  const data: number[] = [];
  const objects: { x: number; y: number }[] = [];
  rows.forEach((row, y) => [...row].forEach((ch, x) => {
    data.push(ch === "#" ? 1 : 0);
    if (ch === "S") objects.push({ x: x * TILE + TILE / 2, y: y * TILE + TILE / 2 });
  }));
  return {
    orientation: "orthogonal", width: w, height: h, tilewidth: TILE, tileheight: TILE, infinite: false,
    properties: [{ name: "id", value: id }],
    layers: [{ name: "walls", type: "tilelayer", data }, { name: "spawns", type: "objectgroup", objects }],
  };
}

export function textMap(rows: string[]): ShooterMap {
  const r = parseMap(tiledJson(rows), "test");
  assert.ok(r.ok, r.ok ? "" : r.error.message);
  return r.value;
}

export const RULES: RoundRules = { scoreLimit: 3, timeLimitTicks: 64 * 60, respawnTicks: 64, protectionTicks: 0, intermissionTicks: 64 };

/** A world with players placed at given pixel positions (alive, rifle unless named). */
export function worldWith(map: ShooterMap, players: { id: string; x: number; y: number; weapon?: string }[], rules = RULES): World {
  const world = createWorld(map, 64, rules, 200);
  for (const p of players) {
    const sp = newPlayer(world, p.id, p.id, weaponById(p.weapon ?? "rifle")!);
    Object.assign(sp, { x: p.x, y: p.y, alive: true });
    world.players.set(p.id, sp);
  }
  return world;
}

export function input(seq: number, fields: Partial<ShooterInput> = {}): ShooterInput {
  return { seq, mx: 0, my: 0, aim: 0, fire: false, reload: false, view: 0, ...fields };
}

export const OPEN = [
  "##########",
  "#S.......#",
  "#........#",
  "#........#",
  "#.......S#",
  "##########",
];

/** The plaza's built-in map (assets/plaza/plaza.json, drawn by scripts/plaza-map.mjs), loaded once. */
import mapJson from "../../assets/plaza/plaza.json" with { type: "json" };
import { loadPlazaMap, type PlazaMap } from "./map.js";

function load(): PlazaMap {
  const r = loadPlazaMap(mapJson);
  if (!r.ok) throw new Error(r.error.message); // the project's own asset: a bad one is a bug
  return r.value;
}

export const PLAZA_MAP: PlazaMap = load();

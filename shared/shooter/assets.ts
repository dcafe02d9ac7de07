/**
 * The built-in maps and weapons, loaded from assets/shooter/ and validated once at import. A
 * broken asset is a bug in this repository, so it throws (with every problem listed).
 */
import warehouseJson from "../../assets/shooter/maps/warehouse.json" with { type: "json" };
import courtyardJson from "../../assets/shooter/maps/courtyard.json" with { type: "json" };
import weaponsJson from "../../assets/shooter/weapons.json" with { type: "json" };
import { parseMap, type ShooterMap } from "./map.js";
import { parseWeapons, type Weapon } from "./weapons.js";

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export const MAPS: readonly ShooterMap[] = [must(parseMap(warehouseJson, "warehouse")), must(parseMap(courtyardJson, "courtyard"))];
export const WEAPONS: readonly Weapon[] = must(parseWeapons(weaponsJson));
export const MAP_IDS = MAPS.map((m) => m.id) as [string, ...string[]];
export const WEAPON_IDS = WEAPONS.map((w) => w.id) as [string, ...string[]];

export function mapById(id: string): ShooterMap | undefined {
  return MAPS.find((m) => m.id === id);
}

export function weaponById(id: string): Weapon | undefined {
  return WEAPONS.find((w) => w.id === id);
}

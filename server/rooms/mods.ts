/**
 * Mods: extra room kinds loaded at start from the MODS environment variable (comma-separated module
 * paths). A mod module's default export is a RoomKind or an array of them; it goes through the same
 * registration (and spec validation) as a built-in kind. See docs/modding.md.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { RoomKind } from "./kind.js";

export async function loadMods(paths: string[], cwd = process.cwd()): Promise<RoomKind[]> {
  const kinds: RoomKind[] = [];
  for (const p of paths) {
    const url = pathToFileURL(path.resolve(cwd, p)).href;
    let mod: { default?: RoomKind | RoomKind[] };
    try {
      mod = await import(url);
    } catch (e) {
      throw new Error(`mod ${p} could not be loaded: ${(e as Error).message}`, { cause: e });
    }
    const exported = mod.default;
    const list = Array.isArray(exported) ? exported : exported ? [exported] : [];
    if (list.length === 0) throw new Error(`mod ${p} has no default export (a RoomKind or RoomKind[])`);
    for (const k of list) {
      if (!k || typeof k !== "object" || !k.spec || typeof k.room !== "function")
        throw new Error(`mod ${p}: every export must be a RoomKind {spec, room}`);
    }
    kinds.push(...list);
  }
  return kinds;
}

/**
 * `window.__statecraftPlaza`: the plaza scene's view for browser tests and the console.
 *
 *   active     true while the plaza scene runs
 *   me         {id, name, x, y, status, owner} — my avatar as the client holds it
 *   others     [{id, name, x, y, status}] — avatars this client is shown (area of interest)
 *   bubble     ids of my call partners (near, callable, at most 3 others)
 *   calls      [{peer, state, videoWidth, volume}] — WebRTC peer connections
 *   chat       the last chat lines received: [{from, name, text}]
 *   mediaError why the camera/microphone could not be opened, or null
 *   view       {x, y, width, height}: the part of the world the canvas shows now (world px), to turn a
 *              world position into a click on the canvas
 */
import type { PlazaStatus } from "../../../shared/plaza/index.js";
import type { CallView } from "./calls.js";

export interface PlazaDebugView {
  active: boolean;
  me: { id: number; name: string; x: number; y: number; status: PlazaStatus; owner: boolean } | null;
  others: { id: number; name: string; x: number; y: number; status: PlazaStatus }[];
  bubble: number[];
  calls: CallView[];
  chat: { from: number; name: string; text: string }[];
  mediaError: string | null;
  view: { x: number; y: number; width: number; height: number } | null;
}

const INACTIVE: PlazaDebugView = { active: false, me: null, others: [], bubble: [], calls: [], chat: [], mediaError: null, view: null };

/** Installs the hook (each read is a fresh copy); returns a function that makes it report "inactive". */
export function installPlazaDebug(target: Window, source: () => PlazaDebugView): () => void {
  let current: (() => PlazaDebugView) | null = source;
  Object.defineProperty(target, "__statecraftPlaza", { get: () => structuredClone(current?.() ?? INACTIVE), configurable: true });
  return () => {
    current = null;
  };
}

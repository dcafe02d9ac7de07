/**
 * `window.__statecraftShooter`: the shooter scene's view for browser tests and the console.
 *   active, mode, map, tick, seq (inputs sent; relay: reports and shots), ack, me {x, y} (where the
 *   server holds me: authoritative state, relay my last report), predicted {x, y} (where I am drawn),
 *   hp, ammo, visible (other players in my view), shotsSeen (shots received), pingMs; relay only:
 *   reports (sent), hitsGiven (accepted by the server), refused (shots refused); camera {x, y, zoom}
 *   (the world point at the canvas centre, world → canvas px scale)
 */
export interface ShooterDebugView {
  active: boolean;
  mode: string;
  map: string;
  tick: number;
  seq: number;
  ack: number;
  me: { x: number; y: number } | null;
  predicted: { x: number; y: number } | null;
  hp: number;
  ammo: number;
  visible: number;
  shotsSeen: number;
  pingMs: number;
  reports: number;
  hitsGiven: number;
  refused: number;
  camera: { x: number; y: number; zoom: number };
}

const INACTIVE: ShooterDebugView = {
  active: false, mode: "", map: "", tick: 0, seq: 0, ack: 0, me: null, predicted: null, hp: 0, ammo: 0, visible: 0, shotsSeen: 0, pingMs: 0,
  reports: 0, hitsGiven: 0, refused: 0, camera: { x: 0, y: 0, zoom: 1 },
};

export function installShooterDebug(target: Window, source: () => ShooterDebugView): () => void {
  let current: (() => ShooterDebugView) | null = source;
  Object.defineProperty(target, "__statecraftShooter", { configurable: true, get: () => structuredClone(current?.() ?? INACTIVE) });
  return () => {
    current = null;
  };
}

/**
 * `window.__statecraftShooter`: the shooter scene's view for browser tests and the console.
 *   active, map, tick, seq (inputs sent), ack, me {x, y} (server), predicted {x, y}, hp, ammo,
 *   visible (other players in my state), shotsSeen (tracers received), pingMs
 */
export interface ShooterDebugView {
  active: boolean;
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
}

const INACTIVE: ShooterDebugView = { active: false, map: "", tick: 0, seq: 0, ack: 0, me: null, predicted: null, hp: 0, ammo: 0, visible: 0, shotsSeen: 0, pingMs: 0 };

export function installShooterDebug(target: Window, source: () => ShooterDebugView): () => void {
  let current: (() => ShooterDebugView) | null = source;
  Object.defineProperty(target, "__statecraftShooter", { configurable: true, get: () => structuredClone(current?.() ?? INACTIVE) });
  return () => {
    current = null;
  };
}

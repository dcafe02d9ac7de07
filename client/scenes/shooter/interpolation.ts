/**
 * Remote players are drawn ~100 ms in the past, between the two state snapshots that surround
 * that instant (Source-style entity interpolation), so they move smoothly at a 32 Hz patch rate.
 * The simulation tick being shown is interpolated the same way: the client sends it with each
 * input (`view`) and the server rewinds to it for hit registration.
 */
export interface Snapshot {
  at: number; // local receive time, ms
  tick: number;
  x: number;
  y: number;
  aim: number;
  alive: boolean;
}

export const INTERPOLATION_DELAY_MS = 100;
const KEEP = 32;

export class Interpolator {
  private readonly tracks = new Map<string, Snapshot[]>();

  push(id: string, s: Snapshot): void {
    let t = this.tracks.get(id);
    if (!t) this.tracks.set(id, (t = []));
    const last = t[t.length - 1];
    if (last && last.tick === s.tick) t[t.length - 1] = s;
    else t.push(s);
    if (t.length > KEEP) t.shift();
  }

  forget(id: string): void {
    this.tracks.delete(id);
  }

  ids(): string[] {
    return [...this.tracks.keys()];
  }

  /** Where `id` is drawn at local time `now` (render time = now − delay). */
  sample(id: string, now: number, delay = INTERPOLATION_DELAY_MS): Snapshot | undefined {
    const t = this.tracks.get(id);
    if (!t || t.length === 0) return undefined;
    const at = now - delay;
    if (at <= t[0]!.at) return t[0];
    for (let i = t.length - 1; i > 0; i--) {
      const a = t[i - 1]!, b = t[i]!;
      if (at >= a.at && at <= b.at) {
        const k = b.at === a.at ? 1 : (at - a.at) / (b.at - a.at);
        const teleported = Math.hypot(b.x - a.x, b.y - a.y) > 96 || a.alive !== b.alive; // respawn: no sliding across the map
        if (teleported) return k < 1 ? a : b;
        return { at, tick: a.tick + (b.tick - a.tick) * k, x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, aim: lerpAngle(a.aim, b.aim, k), alive: b.alive };
      }
    }
    return t[t.length - 1];
  }
}

export function lerpAngle(a: number, b: number, k: number): number {
  let d = b - a;
  while (d > Math.PI) d -= 2 * Math.PI;
  while (d < -Math.PI) d += 2 * Math.PI;
  return a + d * k;
}

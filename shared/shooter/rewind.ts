/**
 * Lag compensation's history: the players' positions at each of the last `maxTicks` simulation
 * ticks. A shot is resolved against the world as the shooter saw it — the tick it was rendering,
 * which the client reports — but `at` clamps that tick to the window [newest − maxTicks, newest]:
 * a client cannot rewind further than the bound (Source engine's sv_maxunlag), nor into the future.
 *
 * The frames are a ring of storage allocated once: `record` copies the positions into the slot
 * it overwrites. (Fresh objects per tick would each live the whole window, ≈ 200 ms — long
 * enough to be copied by a young-generation GC and often promoted; at 8 matches that was about
 * half of what every scavenge had to copy.) A frame returned by `at` is valid until the buffer
 * records over it, i.e. for the current tick.
 */
import type { Target } from "./hitscan.js";

export interface RewindFrame {
  tick: number;
  targets: Target[];
}

export class RewindBuffer {
  private readonly frames: RewindFrame[];
  private newest = -1;

  /** `maxTicks`: the rewind bound in ticks (e.g. 200 ms at 64 Hz = 12 ticks). */
  constructor(readonly maxTicks: number) {
    if (!Number.isInteger(maxTicks) || maxTicks < 0) throw new Error("maxTicks must be a non-negative integer");
    this.frames = Array.from({ length: maxTicks + 1 }, () => ({ tick: -1, targets: [] }));
  }

  /** Records (a copy of) the frame of `tick` (ticks must increase), over the oldest frame beyond the bound. */
  record(tick: number, targets: readonly Target[]): void {
    if (tick <= this.newest) throw new Error(`rewind ticks must increase (${tick} after ${this.newest})`);
    this.newest = tick;
    const frame = this.frames[tick % this.frames.length]!;
    frame.tick = tick;
    const kept = frame.targets;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      const k = kept[i];
      if (k === undefined) kept.push({ id: t.id, x: t.x, y: t.y, r: t.r });
      else {
        k.id = t.id;
        k.x = t.x;
        k.y = t.y;
        k.r = t.r;
      }
    }
    kept.length = targets.length;
  }

  /** The tick `wanted` clamped into the window this buffer can answer for. */
  clampTick(wanted: number): number {
    if (this.newest < 0) return wanted;
    const oldest = Math.max(0, this.newest - this.maxTicks);
    return Math.min(this.newest, Math.max(oldest, Math.floor(wanted)));
  }

  /** The frame at `wanted`, clamped to the window; the oldest kept frame if that tick was not recorded. */
  at(wanted: number): RewindFrame | undefined {
    if (this.newest < 0) return undefined;
    let tick = this.clampTick(wanted);
    for (; tick <= this.newest; tick++) {
      const f = this.frames[tick % this.frames.length]!;
      if (f.tick === tick) return f;
    }
    return undefined;
  }

  get newestTick(): number {
    return this.newest;
  }
}

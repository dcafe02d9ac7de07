/**
 * Lag compensation's history: the players' positions at each of the last `maxTicks` simulation
 * ticks. A shot is resolved against the world as the shooter saw it — the tick it was rendering,
 * which the client reports — but `at` clamps that tick to the window [newest − maxTicks, newest]:
 * a client cannot rewind further than the bound (Source engine's sv_maxunlag), nor into the future.
 */
import type { Target } from "./hitscan.js";

export interface RewindFrame {
  tick: number;
  targets: Target[];
}

export class RewindBuffer {
  private readonly frames: (RewindFrame | undefined)[];
  private newest = -1;

  /** `maxTicks`: the rewind bound in ticks (e.g. 200 ms at 64 Hz = 12 ticks). */
  constructor(readonly maxTicks: number) {
    if (!Number.isInteger(maxTicks) || maxTicks < 0) throw new Error("maxTicks must be a non-negative integer");
    this.frames = new Array(maxTicks + 1);
  }

  /** Records the frame of `tick` (ticks must increase). The oldest frame beyond the bound is dropped. */
  record(tick: number, targets: Target[]): void {
    if (tick <= this.newest) throw new Error(`rewind ticks must increase (${tick} after ${this.newest})`);
    this.newest = tick;
    this.frames[tick % this.frames.length] = { tick, targets };
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
      const f = this.frames[tick % this.frames.length];
      if (f && f.tick === tick) return f;
    }
    return undefined;
  }

  get newestTick(): number {
    return this.newest;
  }
}

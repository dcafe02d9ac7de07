/**
 * The shooter's fixed-step loop, used instead of Colyseus's `setFixedTimestep`. Why: that runs
 * its accumulator on `setInterval(1000 / tickRate)`, and Node truncates 15.625 ms (64 Hz) to
 * 15 ms, so one timer frame in 25 runs no step and the next step comes 30 ms after the previous
 * one — a 15 ms hiccup 2.5 times a second, by construction (measured: tick drift p99 ≈ 15 ms in
 * the benchmark). This loop schedules each step for its ideal time (start + n · step) with a
 * self-correcting setTimeout, so a step is late only by timer granularity and event-loop load.
 * Like Colyseus's loop it runs at most MAX_CATCHUP steps at once and then drops the backlog.
 *
 * Several rooms' loops in one process must not fire together: a step that waits for another
 * room's step (and patch) is late by that much. `start(origin)` takes the loop's phase, and
 * PhasePlan hands out phases that keep steps apart, and patches apart, as far as the number of
 * loops allows.
 */
import { performance } from "node:perf_hooks";

const MAX_CATCHUP = 5;

export class FixedLoop {
  private timer?: ReturnType<typeof setTimeout>;
  private origin = 0;
  private next = 0; // index of the next step since origin
  private stopped = false;

  /** `step(lateMs)` runs once per fixed step; lateMs = how far behind its ideal start it runs. */
  constructor(readonly hz: number, private readonly step: (lateMs: number) => void, private readonly onError: (e: unknown) => void) {}

  /** Starts stepping; the first step is due one period after `origin` (default: now). */
  start(origin = performance.now()): void {
    this.origin = origin;
    this.next = 1;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    const due = this.origin + (this.next * 1000) / this.hz;
    this.timer = setTimeout(() => this.frame(), Math.max(0, due - performance.now()));
  }

  private frame(): void {
    const stepMs = 1000 / this.hz;
    let ran = 0;
    for (let now = performance.now(); this.origin + this.next * stepMs <= now + 0.25; now = performance.now()) {
      if (ran === MAX_CATCHUP) {
        // too far behind: drop the backlog rather than spiral
        this.next = Math.floor((now - this.origin) / stepMs) + 1;
        break;
      }
      const late = now - (this.origin + this.next * stepMs);
      this.next++;
      ran++;
      try {
        this.step(Math.max(0, late));
      } catch (e) {
        this.onError(e);
      }
    }
    this.schedule();
  }
}

/**
 * Phases for the loops of one process that share a (tick, patch) rate pair. Two things must not
 * coincide: steps (every loop steps once per step period S) and patches (sent on some steps, a
 * longer burst: encoding plus a socket write per client). The schedule repeats every cycle of
 * `stepsPerCycle` steps (64/32 Hz: 2 steps). A loop's offset in the cycle fixes both its step
 * phase (offset mod S) and when it patches.
 *
 * Each new loop takes, on a grid of the cycle, the offset whose step phase is farthest from every
 * other loop's step phase, and among those the one whose patches are farthest from the others'
 * (then the earliest). Eight 64/32 loops step S/8 ≈ 2 ms apart and patch ≥ S/8 apart. (Spreading
 * offsets over the patch period alone, as before, put every second loop's steps on top of
 * another's: ½ of 31.25 ms is a whole step period.) A released slot's offset is free again.
 * Pure apart from the clock it is given.
 */
export class PhasePlan {
  readonly stepMs: number;
  readonly cycleMs: number;
  /** Steps n = 1..stepsPerCycle of a loop's cycle on which it patches (patchDue). */
  private readonly patchSteps: number[];
  private readonly offsets = new Map<number, number>(); // slot → offset in [0, cycleMs)

  constructor(tickHz: number, patchHz: number, private readonly epoch = 0) {
    this.stepMs = 1000 / tickHz;
    const integral = Number.isInteger(tickHz) && Number.isInteger(patchHz) && patchHz > 0;
    const stepsPerCycle = integral ? tickHz / gcd(tickHz, patchHz) : 1;
    this.cycleMs = stepsPerCycle * this.stepMs;
    this.patchSteps = [];
    for (let n = 1; n <= stepsPerCycle; n++) if (!integral || patchDue(n, tickHz, patchHz)) this.patchSteps.push(n);
  }

  take(): number {
    let slot = 0;
    while (this.offsets.has(slot)) slot++;
    this.offsets.set(slot, this.bestOffset());
    return slot;
  }

  release(slot: number): void {
    this.offsets.delete(slot);
  }

  /** The slot's offset in the cycle, ms. */
  offsetOf(slot: number): number {
    const o = this.offsets.get(slot);
    if (o === undefined) throw new Error(`phase slot ${slot} is not taken`);
    return o;
  }

  /** The first time ≥ `now` that is in `slot`'s phase: epoch + offset + n × cycle. */
  nextStart(slot: number, now: number): number {
    const offset = this.epoch + this.offsetOf(slot);
    return offset + Math.ceil((now - offset) / this.cycleMs) * this.cycleMs;
  }

  private bestOffset(): number {
    const taken = [...this.offsets.values()];
    const grid = Math.round(this.cycleMs / this.stepMs) * 64;
    let best = 0, bestStep = -1, bestPatch = -1;
    for (let i = 0; i < grid; i++) {
      const o = (i * this.cycleMs) / grid;
      let step = Infinity, patch = Infinity;
      for (const t of taken) {
        step = Math.min(step, circular(o - t, this.stepMs));
        for (const a of this.patchSteps) for (const b of this.patchSteps) patch = Math.min(patch, circular(o + a * this.stepMs - (t + b * this.stepMs), this.cycleMs));
      }
      if (step > bestStep + 1e-9 || (step > bestStep - 1e-9 && patch > bestPatch + 1e-9)) {
        best = o;
        bestStep = step;
        bestPatch = patch;
      }
    }
    return best;
  }
}

/** Distance between two phases `d` apart on a circle of `period`. */
function circular(d: number, period: number): number {
  const m = ((d % period) + period) % period;
  return Math.min(m, period - m);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * On which steps a patch goes out when patches run at `patchHz` on a `tickHz` loop: step n patches
 * when ⌊n · patchHz / tickHz⌋ moves on, so patches keep their rate for any ratio (every 2nd step at
 * 64/32; 2 of every 5 at 50/20).
 */
export function patchDue(step: number, tickHz: number, patchHz: number): boolean {
  return Math.floor((step * patchHz) / tickHz) > Math.floor(((step - 1) * patchHz) / tickHz);
}

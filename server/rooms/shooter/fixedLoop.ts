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
 * PhasePlan hands out phases spread evenly over a period (the van der Corput sequence: 0, ½, ¼,
 * ¾, ⅛, …), so any number of loops stays as far apart as that number allows.
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

/** The k-th fraction of the van der Corput sequence in base 2 (bit-reversed k): 0, ½, ¼, ¾, ⅛, ⅝, … */
export function spreadFraction(k: number): number {
  let f = 0;
  for (let bit = 0.5; k > 0; k >>>= 1, bit /= 2) if (k & 1) f += bit;
  return f;
}

/**
 * Phases for loops sharing one period: each holder takes the lowest free slot, whose offset is
 * `spreadFraction(slot) × period` after a common epoch; a released slot is reused. Pure apart from
 * the clock it is given.
 */
export class PhasePlan {
  private readonly taken = new Set<number>();

  constructor(readonly periodMs: number, private readonly epoch = 0) {}

  take(): number {
    let slot = 0;
    while (this.taken.has(slot)) slot++;
    this.taken.add(slot);
    return slot;
  }

  release(slot: number): void {
    this.taken.delete(slot);
  }

  /** The first time ≥ `now` that is in `slot`'s phase: epoch + offset + n × period. */
  nextStart(slot: number, now: number): number {
    const offset = this.epoch + spreadFraction(slot) * this.periodMs;
    return offset + Math.ceil((now - offset) / this.periodMs) * this.periodMs;
  }
}

/**
 * On which steps a patch goes out when patches run at `patchHz` on a `tickHz` loop: step n patches
 * when ⌊n · patchHz / tickHz⌋ moves on, so patches keep their rate for any ratio (every 2nd step at
 * 64/32; 2 of every 5 at 50/20).
 */
export function patchDue(step: number, tickHz: number, patchHz: number): boolean {
  return Math.floor((step * patchHz) / tickHz) > Math.floor(((step - 1) * patchHz) / tickHz);
}

/**
 * The shooter's fixed-step loop, used instead of Colyseus's `setFixedTimestep`. Why: that runs
 * its accumulator on `setInterval(1000 / tickRate)`, and Node truncates 15.625 ms (64 Hz) to
 * 15 ms, so one timer frame in 25 runs no step and the next step comes 30 ms after the previous
 * one — a 15 ms hiccup 2.5 times a second, by construction (measured: tick drift p99 ≈ 15 ms in
 * the benchmark). This loop schedules each step for its ideal time (start + n · step) with a
 * self-correcting setTimeout, so a step is late only by timer granularity and event-loop load.
 * Like Colyseus's loop it runs at most MAX_CATCHUP steps at once and then drops the backlog.
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

  start(): void {
    this.origin = performance.now();
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

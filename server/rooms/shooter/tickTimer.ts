/**
 * Measures the simulation loop: CPU time per tick, and timer drift — how late each timer frame
 * of the fixed-step loop fires after the previous one plus its interval (Colyseus runs
 * setFixedTimestep on `setInterval(1000 / tickRate)`, which Node truncates to whole ms; catch-up
 * steps inside one frame share its start). The benchmark compares this with an empty timer of the
 * same interval in the same process. Bounded rings.
 */
import { performance } from "node:perf_hooks";

export class TickTimer {
  private readonly cpu: Float64Array;
  private readonly drift: Float64Array;
  private n = 0;
  private d = 0;
  private lastFrame = -1;

  constructor(private readonly frameMs: number, size = 8192) {
    this.cpu = new Float64Array(size);
    this.drift = new Float64Array(size);
  }

  /** Call at the start of each step. Returns the start time for `end`. */
  begin(): number {
    const now = performance.now();
    if (now - this.lastFrame > 1) {
      if (this.lastFrame >= 0) this.drift[this.d++ % this.drift.length] = Math.max(0, now - this.lastFrame - this.frameMs);
      this.lastFrame = now;
    }
    return now;
  }

  end(started: number): void {
    this.cpu[this.n++ % this.cpu.length] = performance.now() - started;
  }

  reset(): void {
    this.n = this.d = 0;
  }

  /** The recorded samples (the most recent ones, up to the ring size). */
  samples(): { cpuMs: number[]; driftMs: number[] } {
    return {
      cpuMs: Array.from(this.cpu.subarray(0, Math.min(this.n, this.cpu.length))),
      driftMs: Array.from(this.drift.subarray(0, Math.min(this.d, this.drift.length))),
    };
  }
}

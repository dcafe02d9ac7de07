/**
 * Measures the simulation loop: time per tick (wall time of the step on the event loop's one
 * thread — `process.cpuUsage` was tried and dropped: it counts every thread of the process and
 * costs more than the step itself) and drift — how late each step starts after its ideal time on
 * the fixed schedule. Bounded rings; read by the benchmark.
 */
import { performance } from "node:perf_hooks";

export class TickTimer {
  private readonly cpu: Float64Array;
  private readonly drift: Float64Array;
  private n = 0;
  private d = 0;

  constructor(size = 8192) {
    this.cpu = new Float64Array(size);
    this.drift = new Float64Array(size);
  }

  /** Call at the start of a step (`lateMs` from the loop, if it knows). Returns a token for `end`. */
  begin(lateMs?: number): number {
    if (lateMs !== undefined) this.drift[this.d++ % this.drift.length] = lateMs;
    return performance.now();
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

/**
 * One client's pending inputs, bounded twice (anti speed hack):
 * - the queue holds at most `capacity` inputs; an input beyond it is dropped (and counted);
 * - each tick grants one credit (banked up to `creditCap`), and one simulated input costs one
 *   credit, at most `perTick` per tick. Over T ticks a client gets at most T + creditCap inputs
 *   simulated, however fast it sends: a flood of inputs buys no extra movement or shots.
 * Inputs whose seq is not above the last accepted one are dropped (replays, reorders).
 */
import type { ShooterInput } from "./input.js";

export interface InputQueueLimits {
  capacity: number;
  creditCap: number;
  perTick: number;
}

export const DEFAULT_INPUT_LIMITS: InputQueueLimits = { capacity: 16, creditCap: 4, perTick: 4 };

export class InputQueue {
  private items: ShooterInput[] = [];
  private credits: number;
  private lastQueued = 0;
  /** Inputs dropped: over capacity or not increasing. */
  dropped = 0;

  constructor(private readonly limits: InputQueueLimits = DEFAULT_INPUT_LIMITS) {
    this.credits = limits.creditCap;
  }

  /** Queues an input; false when it was dropped. */
  push(input: ShooterInput): boolean {
    if (input.seq <= this.lastQueued || this.items.length >= this.limits.capacity) {
      this.dropped++;
      return false;
    }
    this.lastQueued = input.seq;
    this.items.push(input);
    return true;
  }

  /** Called once per tick: the inputs to simulate this tick (oldest first). */
  take(): ShooterInput[] {
    this.credits = Math.min(this.limits.creditCap, this.credits + 1);
    const n = Math.min(this.limits.perTick, this.credits, this.items.length);
    this.credits -= n;
    return n === 0 ? [] : this.items.splice(0, n);
  }

  get size(): number {
    return this.items.length;
  }
}

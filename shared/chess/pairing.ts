/**
 * Quick pairing: choose an opponent for a new seeker among those already waiting (the caller has
 * already filtered by time control). Close ratings make fair games, but nobody should wait forever,
 * so the acceptable rating gap widens with waiting time. A pair is acceptable when its gap fits the
 * range of the longer waiter: that player has been offered the wider range and accepts it.
 *
 * Deterministic: ties go to the longest waiter, then to the smaller user id. Colours are drawn
 * from an Rng passed in.
 */
import type { Rng } from "../core/rng.js";

export interface Seeker {
  userId: string;
  rating: number;
  waitingSinceMs: number;
}

export interface PairingOptions {
  baseGap: number; // rating gap accepted at once
  gapPerSecond: number; // how fast the range widens while waiting
  maxGap: number; // the range stops widening here
}

export const DEFAULT_PAIRING: PairingOptions = { baseGap: 100, gapPerSecond: 20, maxGap: 800 };

/** The rating gap a seeker waiting since `waitingSinceMs` accepts at `now`. */
export function acceptableGap(waitingSinceMs: number, now: number, options: PairingOptions = DEFAULT_PAIRING): number {
  const waitedS = Math.max(0, now - waitingSinceMs) / 1000;
  return Math.min(options.maxGap, options.baseGap + options.gapPerSecond * waitedS);
}

/** The best waiting opponent for `seeker`, or null if none is acceptable yet. */
export function pickOpponent(
  seeker: Seeker,
  waiting: readonly Seeker[],
  now: number,
  options: PairingOptions = DEFAULT_PAIRING,
): Seeker | null {
  let best: Seeker | null = null;
  let bestGap = Infinity;
  for (const candidate of waiting) {
    if (candidate.userId === seeker.userId) continue;
    const gap = Math.abs(candidate.rating - seeker.rating);
    const longest = Math.min(candidate.waitingSinceMs, seeker.waitingSinceMs);
    if (gap > acceptableGap(longest, now, options)) continue;
    const better =
      gap < bestGap ||
      (gap === bestGap && best !== null &&
        (candidate.waitingSinceMs < best.waitingSinceMs ||
          (candidate.waitingSinceMs === best.waitingSinceMs && candidate.userId < best.userId)));
    if (better) {
      best = candidate;
      bestGap = gap;
    }
  }
  return best;
}

/** Split two user ids into colours with a fair coin. */
export function assignColors(a: string, b: string, rng: Rng): { white: string; black: string } {
  return rng.int(0, 1) === 0 ? { white: a, black: b } : { white: b, black: a };
}

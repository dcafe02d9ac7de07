/**
 * A chess clock as plain data. Every function is pure: it takes `now` (ms, any monotonic-enough
 * epoch the caller chooses) and returns a new clock; nothing here reads the time itself.
 *
 * Invariant: the side that is not running holds its exact remaining time; the running side's
 * remaining time is `<its field> - (now - lastSwitchAt)`. So a clock survives serialization and a
 * restart as four numbers and a colour, and `remaining()` is the only way to read a running side.
 *
 * When it starts (the game decides, see game.ts): no clock runs until both sides have moved once,
 * like lichess; from then on every move presses the clock and the mover gains the increment.
 */
import { opposite, type Color } from "./color.js";

export interface Clock {
  whiteMs: number; // white's remaining time, as of lastSwitchAt if white is running
  blackMs: number; // black's remaining time, as of lastSwitchAt if black is running
  incrementMs: number; // added to the mover on every press
  running: Color | null; // whose time is draining, null before the start and after the end
  lastSwitchAt: number | null; // when `running` started draining; null iff running is null
}

export function createClock(tc: { initialMs: number; incrementMs: number }): Clock {
  return { whiteMs: tc.initialMs, blackMs: tc.initialMs, incrementMs: tc.incrementMs, running: null, lastSwitchAt: null };
}

function stored(clock: Clock, color: Color): number {
  return color === "white" ? clock.whiteMs : clock.blackMs;
}

function withTime(clock: Clock, color: Color, ms: number): Clock {
  return color === "white" ? { ...clock, whiteMs: ms } : { ...clock, blackMs: ms };
}

/** Time `color` has left at `now`, never negative. A `now` before lastSwitchAt counts as no time spent. */
export function remaining(clock: Clock, color: Color, now: number): number {
  const base = stored(clock, color);
  if (clock.running !== color || clock.lastSwitchAt === null) return Math.max(0, base);
  return Math.max(0, base - Math.max(0, now - clock.lastSwitchAt));
}

/** Start `color`'s time draining from `now` (the other side's time stays as stored). */
export function startClock(clock: Clock, color: Color, now: number): Clock {
  const settled = stopClock(clock, now);
  return { ...settled, running: color, lastSwitchAt: now };
}

/** Charge the running side up to `now` and stop both times (game over, or a pause). */
export function stopClock(clock: Clock, now: number): Clock {
  if (clock.running === null) return clock;
  const charged = withTime(clock, clock.running, remaining(clock, clock.running, now));
  return { ...charged, running: null, lastSwitchAt: null };
}

/** The side whose time has run out at `now`, if any. Only the running side can flag. */
export function flagged(clock: Clock, now: number): Color | null {
  if (clock.running === null) return null;
  return remaining(clock, clock.running, now) <= 0 ? clock.running : null;
}

/**
 * The mover presses: its elapsed time is charged, it gains the increment, and the opponent's time
 * starts draining at `now`. If the mover's time had already run out the press does not count:
 * `flagged` names the mover and the clock comes back stopped with the mover at 0.
 * Pressing a stopped clock is a no-op (the caller decides when clocks start).
 */
export function pressClock(clock: Clock, now: number): { clock: Clock; flagged: Color | null } {
  const mover = clock.running;
  if (mover === null) return { clock, flagged: null };
  const left = remaining(clock, mover, now);
  if (left <= 0) return { clock: { ...withTime(clock, mover, 0), running: null, lastSwitchAt: null }, flagged: mover };
  const pressed = withTime(clock, mover, left + clock.incrementMs);
  return { clock: { ...pressed, running: opposite(mover), lastSwitchAt: now }, flagged: null };
}

/**
 * Milliseconds from `now` until the running side flags (0 if it already has), or null when no
 * clock runs. The room schedules its flag timer with this and calls checkFlag when it fires.
 */
export function msUntilFlag(clock: Clock, now: number): number | null {
  if (clock.running === null) return null;
  return remaining(clock, clock.running, now);
}

/**
 * Rebuild a running clock after a server restart so the running side does not pay for the
 * downtime. The side is charged only up to `chargedUntil` (when the server was last known alive,
 * e.g. a persisted heartbeat) and its time resumes draining at `now`. Without `chargedUntil` it is
 * charged nothing since its turn began: the time it spent thinking before the crash cannot be told
 * apart from the downtime, and giving it back is the fair error (lichess does the same: clocks
 * restart from the last stored move). A stopped clock is returned unchanged.
 */
export function resumeClock(clock: Clock, now: number, chargedUntil?: number): Clock {
  if (clock.running === null || clock.lastSwitchAt === null) return clock;
  const until = chargedUntil === undefined ? clock.lastSwitchAt : Math.min(Math.max(chargedUntil, clock.lastSwitchAt), now);
  const left = remaining(clock, clock.running, until);
  return { ...withTime(clock, clock.running, left), lastSwitchAt: now };
}

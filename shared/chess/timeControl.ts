/**
 * Time controls offered by the chess room, as "M+S" strings (minutes + increment seconds, the way
 * lichess labels them). Only the offered ones parse: a small fixed set keeps quick pairing pools
 * dense and ratings per category meaningful. Bad input is refused with INVALID_OPTIONS.
 *
 * Category follows lichess's estimated game duration: initial seconds + 40 × increment seconds
 * (a game is assumed to last 40 moves per side).
 */
import { ok, reject, type Result } from "../core/errors.js";

/** The offered time controls, fastest first. */
export const TIME_CONTROLS = ["1+0", "3+2", "5+3", "10+0", "15+10"] as const;
export type TimeControlLabel = (typeof TIME_CONTROLS)[number];

export type TimeCategory = "ultraBullet" | "bullet" | "blitz" | "rapid" | "classical";

export interface TimeControl {
  initialMs: number; // each side's starting time
  incrementMs: number; // added to the mover's clock on every press once the clock runs
  label: TimeControlLabel; // "3+2"
  category: TimeCategory; // rating pool
}

/** lichess thresholds on estimated duration (seconds): <30 ultraBullet, <180 bullet, <480 blitz, <1500 rapid. */
export function categoryOf(initialMs: number, incrementMs: number): TimeCategory {
  const estimatedS = initialMs / 1000 + (40 * incrementMs) / 1000;
  if (estimatedS < 30) return "ultraBullet";
  if (estimatedS < 180) return "bullet";
  if (estimatedS < 480) return "blitz";
  if (estimatedS < 1500) return "rapid";
  return "classical";
}

const PATTERN = /^(\d{1,3})\+(\d{1,3})$/;

export function parseTimeControl(text: unknown): Result<TimeControl> {
  const offered = `offered: ${TIME_CONTROLS.join(", ")}`;
  if (typeof text !== "string") {
    return reject("INVALID_OPTIONS", `time control must be a string like "3+2" (${offered})`);
  }
  const match = PATTERN.exec(text.trim());
  if (!match || !(TIME_CONTROLS as readonly string[]).includes(`${Number(match[1])}+${Number(match[2])}`)) {
    return reject("INVALID_OPTIONS", `unsupported time control "${text}" (${offered})`);
  }
  const minutes = Number(match[1]);
  const seconds = Number(match[2]);
  const initialMs = minutes * 60_000;
  const incrementMs = seconds * 1000;
  return ok({
    initialMs,
    incrementMs,
    label: `${minutes}+${seconds}` as TimeControlLabel,
    category: categoryOf(initialMs, incrementMs),
  });
}

/** PGN TimeControl tag value: seconds, "180+2" (PGN spec 9.6.1). */
export function pgnTimeControl(tc: Pick<TimeControl, "initialMs" | "incrementMs">): string {
  return `${Math.round(tc.initialMs / 1000)}+${Math.round(tc.incrementMs / 1000)}`;
}

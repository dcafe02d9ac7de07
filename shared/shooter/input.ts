/**
 * The one thing a client of the authoritative mode sends: an input. The zod schema refuses
 * malformed payloads at the edge (wrong types, NaN/Infinity, missing or extra fields); the
 * sanitizer then clamps what is well-formed but out of range (a stick longer than 1, any aim
 * angle), so the rules only ever see legal values.
 */
import { z } from "zod";

export interface ShooterInput {
  /** Client sequence number, strictly increasing; the server acknowledges the last one it simulated. */
  seq: number;
  /** Movement axes; sanitized to a vector of length ≤ 1. */
  mx: number;
  my: number;
  /** Aim angle in radians; sanitized into (-π, π]. */
  aim: number;
  fire: boolean;
  reload: boolean;
  /** The server tick the client was rendering others at (lag compensation; clamped to the rewind window). */
  view: number;
}

const finite = z.number().refine(Number.isFinite, "must be a finite number");

export const ShooterInputMessage = z
  .object({
    seq: z.number().int().min(1).max(2 ** 31),
    mx: finite,
    my: finite,
    aim: finite,
    fire: z.boolean(),
    reload: z.boolean().optional(),
    view: z.number().int().min(0).max(2 ** 31).optional(),
  })
  .strict();
export type ShooterInputMessage = z.infer<typeof ShooterInputMessage>;

/** Clamps a well-formed input into the legal domain (never rejects). */
export function sanitizeInput(m: ShooterInputMessage): ShooterInput {
  let mx = Math.max(-1, Math.min(1, m.mx));
  let my = Math.max(-1, Math.min(1, m.my));
  const len = Math.hypot(mx, my);
  if (len > 1) {
    mx /= len;
    my /= len;
  }
  return { seq: m.seq, mx, my, aim: wrapAngle(m.aim), fire: m.fire, reload: m.reload ?? false, view: m.view ?? 0 };
}

export function wrapAngle(a: number): number {
  const TAU = Math.PI * 2;
  let r = a % TAU;
  if (r <= -Math.PI) r += TAU;
  else if (r > Math.PI) r -= TAU;
  return r;
}

/**
 * The one thing a client of the authoritative mode sends: an input. The zod schema refuses
 * malformed payloads at the edge (wrong types, NaN/Infinity, missing or extra fields); the
 * sanitizer then clamps what is well-formed but out of range (a stick longer than 1, any aim
 * angle), so the rules only ever see legal values.
 */
import { z } from "zod";
import { isIntIn, plainObject } from "../core/payload.js";

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

const SEQ_MAX = 2 ** 31;
const isSeqIn = (v: unknown, min: number): boolean => isIntIn(v, min, SEQ_MAX);
const isFinite = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v);

/**
 * The 64 Hz hot path's validation: true only for a plain (or null-prototype) object that ShooterInputMessage accepts
 * unchanged (its keys, its types, its ranges), checked without allocating. False means "let zod
 * decide": zod then refuses it with its issues, or accepts a form this check leaves to it (an
 * optional field present as undefined). Property-tested against the schema.
 */
export function isShooterInputMessage(v: unknown): v is ShooterInputMessage {
  const o = plainObject(v);
  if (o === null) return false;
  let required = 0;
  for (const k in o) {
    const x = o[k];
    switch (k) {
      case "seq":
        if (!isSeqIn(x, 1)) return false;
        required++;
        break;
      case "mx":
      case "my":
      case "aim":
        if (!isFinite(x)) return false;
        required++;
        break;
      case "fire":
        if (typeof x !== "boolean") return false;
        required++;
        break;
      case "reload":
        if (typeof x !== "boolean") return false;
        break;
      case "view":
        if (!isSeqIn(x, 0)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 5;
}

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

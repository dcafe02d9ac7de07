/**
 * Building blocks of the rooms' allocation-free payload checks (a spec's `fastChecks`): each check
 * says true only for a payload its zod schema accepts unchanged, and false means "let zod decide".
 */

/** The payload as a plain (or null-prototype) object — what msgpack decodes a map to — else null. */
export function plainObject(v: unknown): Record<string, unknown> | null {
  if (typeof v !== "object" || v === null) return null;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? (v as Record<string, unknown>) : null;
}

/** An own key of `o` (for…in also walks keys inherited from a polluted prototype). */
export function ownKey(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** An integer number within [min, max] (what zod's `number().int().min().max()` accepts). */
export function isIntIn(v: unknown, min: number, max: number): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

/** Query-string parameters, read the same way by every HTTP route (server) and its shared schemas. */
import { z } from "zod";

/**
 * An integer query parameter (`?limit=20`): absent → `fallback`; otherwise exactly one run of
 * digits within [min, max]. `z.coerce.number()` read `?limit=` as 0 ("too small") and a repeated
 * `?limit=2&limit=3` as NaN; this says what is wrong with the value given.
 */
export function queryInt(min: number, max: number, fallback: number) {
  const message = `a whole number from ${min} to ${max}, given once`;
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      // a query string gives strings; a caller of a shared schema may pass a number
      const n = typeof v === "string" && /^\d{1,16}$/.test(v) ? Number(v) : typeof v === "number" && Number.isSafeInteger(v) ? v : Number.NaN;
      if (!(n >= min && n <= max)) {
        ctx.addIssue({ code: "custom", message: `${message} (got ${JSON.stringify(v)})` });
        return z.NEVER;
      }
      return n;
    });
}

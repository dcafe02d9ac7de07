/**
 * A room's allocation-free payload check (a spec's `fastChecks`) must never accept what the zod
 * schema refuses, and what it accepts must be what zod would return: property-tested here.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ZodType } from "zod";

export function assertAcceptsOnlyWhatSchemaAccepts(check: (p: unknown) => boolean, schema: ZodType, payloads: fc.Arbitrary<unknown>, numRuns = 5000): void {
  fc.assert(
    fc.property(payloads, (p) => {
      if (!check(p)) return;
      const parsed = schema.safeParse(p);
      assert.ok(parsed.success, `fast check accepted ${JSON.stringify(p)} which zod refuses`);
      assert.deepEqual(parsed.data, p);
    }),
    { numRuns },
  );
}

/** The plaza's hot-path payload check: never accepts what zod refuses, and accepts every well-formed move. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAcceptsOnlyWhatSchemaAccepts } from "../../helpers/fastCheckAgreement.js";
import { isPlazaMoveMessage, PlazaMoveMessage } from "../../../shared/plaza/spec.js";

describe("plaza move: the allocation-free check the room tries before zod", () => {
  // values near the schema's edges: right and wrong types, ranges' ends, extra and missing keys
  const value = fc.oneof(
    fc.integer({ min: -3, max: 5 }), fc.constant(1_000_000), fc.constant(1_000_001), fc.constant(-0), fc.double(), fc.boolean(),
    fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 }), fc.constant(NaN), fc.constant(Infinity), fc.constant([]),
  );
  const field = (k: string, arb: fc.Arbitrary<unknown>) => fc.option(fc.tuple(fc.constant(k), fc.oneof(arb, value)), { freq: 5 });
  const payload = fc
    .tuple(
      field("x", fc.integer({ min: 0, max: 1_000_000 })), field("y", fc.integer({ min: 0, max: 1_000_000 })), field("d", fc.integer({ min: 0, max: 3 })),
      fc.option(fc.tuple(fc.constantFrom("z", "__proto__", "toString", "X"), value), { freq: 8 }),
    )
    .map((entries) => Object.fromEntries(entries.filter((e): e is [string, unknown] => e !== null)));

  it("accepts only what the schema accepts, unchanged", () => {
    assertAcceptsOnlyWhatSchemaAccepts(isPlazaMoveMessage, PlazaMoveMessage, fc.oneof(payload, value));
  });

  it("accepts every well-formed move (so the hot path really skips zod)", () => {
    const wellFormed = fc.record({ x: fc.integer({ min: 0, max: 1_000_000 }), y: fc.integer({ min: 0, max: 1_000_000 }), d: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ["x", "y"] });
    fc.assert(fc.property(wellFormed, (m) => assert.ok(isPlazaMoveMessage(m), JSON.stringify(m))), { numRuns: 2000 });
  });

  it("leaves the rest to zod: missing or extra keys, fractions, wrong types, non-plain objects", () => {
    for (const p of [{ x: 1 }, { x: 1, y: 2, z: 3 }, { x: 1.5, y: 2 }, { x: "1", y: 2 }, { x: 1, y: 2, d: 4 }, [1, 2], null, 5, new (class { x = 1; y = 2 })()]) {
      assert.equal(isPlazaMoveMessage(p), false, JSON.stringify(p));
    }
  });
});

describe("plaza chat text", () => {
  it("refuses control characters and bidirectional overrides, keeps tabs, line breaks and right-to-left text", async () => {
    const { PlazaChatMessage } = await import("../../../shared/plaza/spec.js");
    for (const bad of ["\u0000hi", "ring\u0007", "a\u001bb", "\u202eevil", "x\u2066y", "del\u007f", "c1\u0085"]) {
      assert.equal(PlazaChatMessage.safeParse({ text: bad }).success, false, JSON.stringify(bad));
    }
    for (const good of ["line one\nline two", "a\tb", "שלום עולם", "مرحبا", "emoji 🎉"]) {
      assert.equal(PlazaChatMessage.safeParse({ text: good }).success, true, JSON.stringify(good));
    }
  });
});

/** The chess move's hot-path payload check: never accepts what zod refuses, and accepts every well-formed `{san, ply?}`. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAcceptsOnlyWhatSchemaAccepts } from "../../helpers/fastCheckAgreement.js";
import { isSanMoveMessage, MoveMessage } from "../../../shared/chess/spec.js";

describe("chess move: the allocation-free check the room tries before zod", () => {
  const value = fc.oneof(
    fc.integer({ min: -2, max: 3 }), fc.constant(10_000), fc.constant(10_001), fc.double(), fc.boolean(), fc.constant(undefined), fc.constant(null),
    fc.string({ maxLength: 14 }), fc.constantFrom("e4", "Nf3", "O-O-O", "e8=Q+", "a", "Qxh7#!?abcdef"), fc.constant(NaN), fc.constant([]),
  );
  const field = (k: string, arb: fc.Arbitrary<unknown>) => fc.option(fc.tuple(fc.constant(k), fc.oneof(arb, value)), { freq: 5 });
  const payload = fc
    .tuple(
      field("san", fc.string({ minLength: 2, maxLength: 12 })), field("ply", fc.integer({ min: 0, max: 10_000 })),
      fc.option(fc.tuple(fc.constantFrom("from", "to", "promotion", "__proto__", "x"), value), { freq: 6 }),
    )
    .map((entries) => Object.fromEntries(entries.filter((e): e is [string, unknown] => e !== null)));

  it("accepts only what the schema accepts, unchanged", () => {
    assertAcceptsOnlyWhatSchemaAccepts(isSanMoveMessage, MoveMessage, fc.oneof(payload, value));
  });

  it("accepts every well-formed {san, ply?} (so the hot path really skips zod)", () => {
    const wellFormed = fc.record({ san: fc.string({ minLength: 2, maxLength: 12 }), ply: fc.integer({ min: 0, max: 10_000 }) }, { requiredKeys: ["san"] });
    fc.assert(fc.property(wellFormed, (m) => assert.ok(isSanMoveMessage(m), JSON.stringify(m))), { numRuns: 2000 });
  });

  it("leaves the {from, to} form and every refusal to zod", () => {
    for (const p of [{ from: "e2", to: "e4" }, { san: "e4", from: "e2" }, { san: "e" }, { san: "e4", ply: -1 }, { san: "e4", ply: 1.5 }, { san: 4 }, "e4", null]) {
      assert.equal(isSanMoveMessage(p), false, JSON.stringify(p));
    }
  });
});

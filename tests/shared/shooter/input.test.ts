import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAcceptsOnlyWhatSchemaAccepts } from "../../helpers/fastCheckAgreement.js";
import { InputQueue, sanitizeInput, ShooterInputMessage } from "../../../shared/shooter/index.js";
import { isShooterInputMessage } from "../../../shared/shooter/input.js";
import { input } from "./helpers.js";

describe("shooter inputs: refused when malformed, clamped when out of range, bounded per tick", () => {
  const good = { seq: 1, mx: 0, my: 0, aim: 0, fire: false };
  const malformed: [string, unknown][] = [
    ["NaN axis", { ...good, mx: NaN }],
    ["infinite aim", { ...good, aim: Infinity }],
    ["string seq", { ...good, seq: "1" }],
    ["fractional seq", { ...good, seq: 1.5 }],
    ["missing fire", { seq: 1, mx: 0, my: 0, aim: 0 }],
    ["a position (clients never send one)", { ...good, x: 10, y: 10 }],
    ["not an object", 42],
  ];
  for (const [name, payload] of malformed) {
    it(`refuses ${name}`, () => assert.equal(ShooterInputMessage.safeParse(payload).success, false));
  }

  describe("the allocation-free check the room tries before zod", () => {
    // payloads near the schema's edges: right and wrong types, ranges' ends, extra and missing keys
    const value = fc.oneof(
      fc.integer({ min: -3, max: 3 }), fc.constant(2 ** 31), fc.constant(2 ** 31 + 1), fc.double(), fc.boolean(),
      fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 }), fc.constant(NaN), fc.constant(-Infinity), fc.constant([]),
    );
    const field = (k: string, arb: fc.Arbitrary<unknown>) => fc.option(fc.tuple(fc.constant(k), fc.oneof(arb, value)), { freq: 5 });
    const payload = fc
      .tuple(
        field("seq", fc.integer({ min: 1, max: 2 ** 31 })), field("mx", fc.double({ noNaN: true, noDefaultInfinity: true })),
        field("my", fc.double({ min: -2, max: 2 })), field("aim", fc.double({ min: -10, max: 10 })), field("fire", fc.boolean()),
        field("reload", fc.boolean()), field("view", fc.integer({ min: 0, max: 100 })), fc.option(fc.tuple(fc.constantFrom("x", "__proto__", "toString"), value), { freq: 8 }),
      )
      .map((entries) => Object.fromEntries(entries.filter((e) => e !== null)) as unknown);

    it("accepts only what the schema accepts, unchanged", () => {
      assertAcceptsOnlyWhatSchemaAccepts(isShooterInputMessage, ShooterInputMessage, fc.oneof(payload, value));
    });

    it("accepts every well-formed input (so the hot path really skips zod)", () => {
      const wellFormed = fc.record(
        { seq: fc.integer({ min: 1, max: 2 ** 31 }), mx: fc.double({ noNaN: true, noDefaultInfinity: true }), my: fc.double({ noNaN: true, noDefaultInfinity: true }),
          aim: fc.double({ noNaN: true, noDefaultInfinity: true }), fire: fc.boolean(), reload: fc.boolean(), view: fc.integer({ min: 0, max: 2 ** 31 }) },
        { requiredKeys: ["seq", "mx", "my", "aim", "fire"] },
      );
      fc.assert(fc.property(wellFormed, (p) => assert.equal(isShooterInputMessage(p), true)));
    });

    for (const [name, p] of malformed) it(`leaves ${name} to zod`, () => assert.equal(isShooterInputMessage(p), false));
  });

  it("clamps a stick longer than 1 and wraps the aim", () => {
    const s = sanitizeInput({ ...good, mx: 50, my: 50, aim: 7 * Math.PI });
    assert.ok(Math.abs(Math.hypot(s.mx, s.my) - 1) < 1e-12);
    assert.ok(Math.abs(Math.abs(s.aim) - Math.PI) < 1e-9);
  });

  it("grants at most ticks + creditCap inputs however fast they arrive", () => {
    const q = new InputQueue({ capacity: 16, creditCap: 4, perTick: 4 });
    let seq = 0, simulated = 0;
    for (let tick = 0; tick < 100; tick++) {
      for (let k = 0; k < 5; k++) q.push(input(++seq));
      simulated += q.take().length;
    }
    assert.ok(simulated <= 100 + 4, `simulated ${simulated}`);
    assert.ok(q.dropped > 0);
  });

  it("drops replayed or reordered seqs", () => {
    const q = new InputQueue();
    assert.equal(q.push(input(5)), true);
    assert.equal(q.push(input(5)), false);
    assert.equal(q.push(input(3)), false);
  });
});

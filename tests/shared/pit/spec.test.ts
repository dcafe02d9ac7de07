/** The pit's hot-path payload checks: never accept what zod refuses, and accept every well-formed order and cancel. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAcceptsOnlyWhatSchemaAccepts } from "../../helpers/fastCheckAgreement.js";
import { isPitCancelMessage, isPitOrderMessage, PitCancelMessage, PitOrderMessage } from "../../../shared/pit/spec.js";

const id = fc.stringMatching(/^[\x21-\x7e]{1,36}$/);
const count = fc.integer({ min: 1, max: 2 ** 31 });
const value = fc.oneof(
  fc.integer({ min: -2, max: 3 }), fc.constant(2 ** 31), fc.constant(2 ** 31 + 1), fc.double(), fc.boolean(), fc.constant(undefined), fc.constant(null),
  fc.string({ maxLength: 40 }), fc.constantFrom("buy", "sell", "limit", "market", "GTC", "IOC", "FOK", "gtc", "a b", ""), fc.constant(NaN), fc.constant([]),
);
const field = (k: string, arb: fc.Arbitrary<unknown>) => fc.option(fc.tuple(fc.constant(k), fc.oneof(arb, value)), { freq: 6 });
const plain = (entries: ([string, unknown] | null)[]) => Object.fromEntries(entries.filter((e): e is [string, unknown] => e !== null));

describe("pit order and cancel: the allocation-free checks the room tries before zod", () => {
  const order = fc
    .tuple(
      field("clientOrderId", id), field("side", fc.constantFrom("buy", "sell")), field("type", fc.constantFrom("limit", "market")),
      field("price", count), field("qty", count), field("tif", fc.constantFrom("GTC", "IOC", "FOK")), field("postOnly", fc.boolean()),
      fc.option(fc.tuple(fc.constantFrom("symbol", "__proto__", "toString", "orderType"), value), { freq: 8 }),
    )
    .map(plain);
  const cancel = fc.tuple(field("clientOrderId", id), fc.option(fc.tuple(fc.constantFrom("qty", "__proto__"), value), { freq: 4 })).map(plain);

  it("accept only what the schemas accept, unchanged", () => {
    assertAcceptsOnlyWhatSchemaAccepts(isPitOrderMessage, PitOrderMessage, fc.oneof(order, value));
    assertAcceptsOnlyWhatSchemaAccepts(isPitCancelMessage, PitCancelMessage, fc.oneof(cancel, value));
  });

  it("accept every well-formed order and cancel (so the hot path really skips zod)", () => {
    const wellFormed = fc.record(
      { clientOrderId: id, side: fc.constantFrom("buy", "sell"), type: fc.constantFrom("limit", "market"), price: count, qty: count, tif: fc.constantFrom("GTC", "IOC", "FOK"), postOnly: fc.boolean() },
      { requiredKeys: ["clientOrderId", "side", "type", "qty"] },
    );
    fc.assert(fc.property(wellFormed, (m) => assert.ok(isPitOrderMessage(m), JSON.stringify(m))), { numRuns: 2000 });
    fc.assert(fc.property(id, (clientOrderId) => assert.ok(isPitCancelMessage({ clientOrderId }))), { numRuns: 500 });
  });

  it("leave refusals to zod", () => {
    const good = { clientOrderId: "a1", side: "buy", type: "limit", price: 10_000, qty: 1 };
    for (const p of [{ ...good, qty: 0 }, { ...good, side: "BUY" }, { ...good, clientOrderId: "has space" }, { ...good, extra: 1 }, { side: "buy", type: "limit", qty: 1 }, [good], null]) {
      assert.equal(isPitOrderMessage(p), false, JSON.stringify(p));
    }
    for (const p of [{}, { clientOrderId: "" }, { clientOrderId: "x".repeat(37) }, { clientOrderId: "a", qty: 1 }]) assert.equal(isPitCancelMessage(p), false, JSON.stringify(p));
  });
});

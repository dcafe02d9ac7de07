/** VALIDATION_FAILED details: every problem named by its field, unions explained by their closest alternative. */
import assert from "node:assert/strict";
import { z } from "zod";
import { describeIssues, MAX_ISSUES, queryInt, summarizeIssues } from "../../server/platform/validation.js";

const Move = z.union([
  z.object({ san: z.string(), ply: z.number().int().optional() }).strict(),
  z.object({ from: z.string(), to: z.string(), ply: z.number().int().optional() }).strict(),
]);

function details(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, "the row must be refused");
  return describeIssues(r.error!);
}

describe("validation details", () => {
  it("names each unknown field", () => {
    assert.deepEqual(details(z.object({ a: z.number() }).strict(), { a: 1, b: 2, c: 3 }), [
      { path: "b", message: "unknown field" },
      { path: "c", message: "unknown field" },
    ]);
    assert.deepEqual(details(z.object({ o: z.object({}).strict() }).strict(), { o: { x: 1 } }), [{ path: "o.x", message: "unknown field" }]);
  });

  it("explains a union by the alternative the payload came closest to", () => {
    assert.deepEqual(details(Move, { san: 5 }).map((d) => d.path), ["san"]);
    assert.deepEqual(details(Move, { from: "e2" }).map((d) => d.path), ["to"]);
    assert.deepEqual(details(Move, { san: "e4", ply: 1.5 }).map((d) => d.path), ["ply"]);
    assert.deepEqual(details(Move, { san: "e4", extra: 1 }), [{ path: "extra", message: "unknown field" }]);
    assert.deepEqual(details(Move, 7).map((d) => d.path), [""], "not an object at all: the payload itself");
  });

  it("gives one bound per field and side: the tighter (an int with a maximum reports both for 1e308)", () => {
    const S = z.object({ ply: z.number().int().min(0).max(10_000), x: z.number().int().min(-5).max(5) }).strict();
    const d = details(S, { ply: 1e308, x: -1e308 });
    assert.deepEqual(d.map((i) => i.path), ["ply", "x"]);
    assert.match(d[0]!.message, /<=10000$/);
    assert.match(d[1]!.message, />=-5$/);
    assert.deepEqual(details(S, { ply: 2.5, x: 9 }).map((i) => i.path), ["ply", "x"], "other issues are kept as they are");
  });

  it("lists at most MAX_ISSUES problems, then how many more there were (a reply is not many times its payload)", () => {
    const many = Object.fromEntries(Array.from({ length: 1_200 }, (_, i) => [`f${i}`, i]));
    const d = details(z.object({ a: z.number().optional() }).strict(), many);
    assert.equal(d.length, MAX_ISSUES + 1);
    assert.deepEqual(d.slice(0, 2), [{ path: "f0", message: "unknown field" }, { path: "f1", message: "unknown field" }]);
    assert.deepEqual(d[MAX_ISSUES], { path: "", message: `and ${1_200 - MAX_ISSUES} more problems` });
    const few = Object.fromEntries(Array.from({ length: MAX_ISSUES }, (_, i) => [`f${i}`, i]));
    assert.equal(details(z.object({}).strict(), few).length, MAX_ISSUES, "exactly MAX_ISSUES: all listed, no summary line");
  });

  it("keeps zod's message and path for plain issues", () => {
    const d = details(z.object({ n: z.number().min(1) }), { n: 0 });
    assert.equal(d.length, 1);
    assert.equal(d[0]!.path, "n");
    assert.match(d[0]!.message, /1/);
  });
});

describe("validation summary", () => {
  it("labels fields, and leaves a problem with the whole value unlabelled (the caller names it)", () => {
    assert.equal(summarizeIssues([{ path: "qty", message: "too big" }, { path: "", message: "a symbol like ACME" }]), "qty: too big; a symbol like ACME");
  });
});

describe("queryInt (integer query parameters)", () => {
  const Query = z.object({ limit: queryInt(1, 100, 20) }).strict();
  it("takes the default when absent and one run of digits in range otherwise", () => {
    assert.deepEqual(Query.parse({}), { limit: 20 });
    assert.deepEqual(Query.parse({ limit: "7" }), { limit: 7 });
    assert.deepEqual(Query.parse({ limit: "100" }), { limit: 100 });
  });
  it("says what is wrong with an empty, repeated, signed, fractional or out-of-range value", () => {
    for (const limit of ["", ["2", "3"], "-1", "1.5", "0", "101", "1e2", " 5"]) {
      const d = details(Query, { limit });
      assert.equal(d.length, 1, JSON.stringify(limit));
      assert.equal(d[0]!.path, "limit");
      assert.match(d[0]!.message, /^a whole number from 1 to 100, given once \(got /, JSON.stringify(limit));
    }
  });
});

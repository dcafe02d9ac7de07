import assert from "node:assert/strict";
import { z } from "zod";
import { validateSpec, describeSpec, type RoomSpec } from "../../../shared/core/spec.js";
import { normalizeName } from "../../../shared/core/names.js";
import { createRng, fromState } from "../../../shared/core/rng.js";

const good: RoomSpec = {
  name: "tictac",
  title: "Tic-tac",
  maxClients: 2,
  messages: { mark: z.object({ cell: z.number().int().min(0).max(8) }) },
  placement: [
    { slice: "board", where: "room", onKill: "lost" },
    { slice: "results", where: "database", written: "at game end", repository: "server/rooms/tictac/results.ts", onKill: "kept" },
  ],
};

describe("room spec validation", () => {
  it("accepts a well-formed spec and describes it for GET /api/rooms", () => {
    assert.equal(validateSpec(good).ok, true);
    const info = describeSpec(good);
    assert.deepEqual(info.messages, ["mark"]);
    assert.equal(info.badge, "room");
    assert.equal(info.placement.length, 2);
    assert.equal(info.maxMessagesPerSecond, 30, "the default budget, stated");
    assert.equal(describeSpec({ ...good, maxMessagesPerSecond: 20 }).maxMessagesPerSecond, 20);
    assert.equal(info.reconnectSeconds, 0, "no reconnection window unless the kind sets one");
  });

  const bad: Array<[string, Partial<RoomSpec> | Record<string, unknown>, RegExp]> = [
    ["upper-case name", { name: "Chess" }, /name must match/],
    ["a zero message budget", { maxMessagesPerSecond: 0 }, /maxMessagesPerSecond/],
    ["a negative reconnection window", { reconnectSeconds: -1 }, /reconnectSeconds/],
    ["empty title", { title: " " }, /title/],
    ["zero capacity", { maxClients: 0 }, /maxClients/],
    ["fractional capacity", { maxClients: 1.5 }, /maxClients/],
    ["message that is not a zod schema", { messages: { mark: { cell: "number" } } }, /needs a zod schema/],
    ["reserved message type", { messages: { error: z.object({}) } }, /reserved/],
    ["bad message type", { messages: { "mark cell": z.object({}) } }, /message type/],
    ["no placement", { placement: [] }, /at least one slice/],
    ["unknown placement", { placement: [{ slice: "x", where: "disk", onKill: "?" }] }, /where must be one of/],
    ["slice without onKill", { placement: [{ slice: "x", where: "room", onKill: "" }] }, /onKill/],
    ["duplicate slice", { placement: [{ slice: "x", where: "room", onKill: "a" }, { slice: "x", where: "room", onKill: "b" }] }, /declared twice/],
    ["database slice without repository", { placement: [{ slice: "x", where: "database", written: "now", onKill: "kept" }] }, /repository/],
    ["database slice without written", { placement: [{ slice: "x", where: "database", repository: "r", onKill: "kept" }] }, /when it is written/],
  ];
  for (const [label, patch, expected] of bad) {
    it(`refuses a spec with ${label}`, () => {
      const r = validateSpec({ ...good, ...patch } as RoomSpec);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, "INVALID_SPEC");
        assert.match(r.error.message, expected);
      }
    });
  }

  it("lists every problem at once", () => {
    const r = validateSpec({ ...good, name: "X", maxClients: -1, placement: [] } as RoomSpec);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal((r.error.details as string[]).length, 3);
  });
});

describe("display names", () => {
  const rows: Array<[unknown, string | null]> = [
    ["Ann", "Ann"],
    ["  Ann   Lee ", "Ann Lee"],
    ["Zoë_2.0-x", "Zoë_2.0-x"],
    ["日本語", "日本語"],
    ["हिन्दी", "हिन्दी"], // vowel signs and a virama: combining marks after letters
    ["தமிழ்", "தமிழ்"],
    ["Ame\u0301lie", "Amélie"], // NFC
    ["\u0301Ann", null], // a leading combining mark
    ["x\u0302\u0303\u0304\u0305", null], // a stack of 4 marks ("Zalgo")
    ["Ann\tLee", "Ann Lee"],
    ["", null],
    ["   ", null],
    ["a".repeat(25), null],
    ["<script>", null],
    ["semi;colon", null],
    [42, null],
    [null, null],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${expected === null ? "INVALID_NAME" : JSON.stringify(expected)}`, () => {
      const r = normalizeName(input);
      if (expected === null) assert.equal(r.ok ? "ok" : r.error.code, "INVALID_NAME");
      else assert.deepEqual(r, { ok: true, value: expected });
    });
  }
});

describe("seeded rng", () => {
  it("is deterministic per seed and restorable from its state", () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = Array.from({ length: 100 }, () => a.next());
    assert.deepEqual(seqA, Array.from({ length: 100 }, () => b.next()));
    assert.notDeepEqual(seqA, Array.from({ length: 100 }, () => createRng(43).next()));
    const c = createRng("room-1");
    c.next();
    const saved = c.state();
    const restored = fromState(saved);
    assert.deepEqual(Array.from({ length: 10 }, () => c.int(1, 6)), Array.from({ length: 10 }, () => restored.int(1, 6)));
  });

  it("int() stays within bounds and covers them", () => {
    const r = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(-2, 3);
      assert.ok(v >= -2 && v <= 3);
      seen.add(v);
    }
    assert.equal(seen.size, 6);
  });
});

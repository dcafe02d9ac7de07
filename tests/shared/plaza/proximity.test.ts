import assert from "node:assert/strict";
import { ConversationTracker, bubbleOf, canTalk, mayCall, takesCalls, takesChat, type Presence } from "../../../shared/plaza/index.js";

const p = (id: number, x: number, y = 0, extra: Partial<Presence> = {}): Presence => ({ id, x, y, status: "available", area: 0, ...extra });
const NEAR = 10;

describe("plaza proximity", () => {
  const cases: Array<[string, Presence, Presence, boolean]> = [
    ["within the radius", p(1, 0), p(2, 6, 8), true],
    ["exactly at the radius", p(1, 0), p(2, 10), true],
    ["beyond the radius", p(1, 0), p(2, 10.5), false],
    ["oneself", p(1, 0), p(1, 0), false],
    ["a ghost", p(1, 0), p(2, 1, 0, { status: "ghost" }), false],
    ["same private area, far apart", p(1, 0, 0, { area: 7 }), p(2, 500, 0, { area: 7 }), true],
    ["inside and outside a private area, side by side", p(1, 0, 0, { area: 7 }), p(2, 1), false],
    ["two different private areas", p(1, 0, 0, { area: 7 }), p(2, 1, 0, { area: 8 }), false],
    ["do-not-disturb still counts as near (chat and calls check the status)", p(1, 0), p(2, 1, 0, { status: "dnd" }), true],
  ];
  for (const [what, a, b, expected] of cases) {
    it(`canTalk: ${what} → ${expected}`, () => {
      assert.equal(canTalk(a, b, NEAR), expected);
      assert.equal(canTalk(b, a, NEAR), expected, "symmetric");
    });
  }

  it("statuses: dnd and ghost take no chat and no calls; busy does", () => {
    assert.deepEqual(["available", "busy", "dnd", "ghost"].map((s) => [takesChat(s as never), takesCalls(s as never)]), [[true, true], [true, true], [false, false], [false, false]]);
  });

  it("the bubble is the cap − 1 nearest callable partners, ties by id, and both sides agree", () => {
    const me = p(1, 0);
    const all = [me, p(2, 5), p(3, 3), p(4, 4, 3), p(5, 1, 0, { status: "dnd" }), p(6, 9), p(7, 100)];
    assert.deepEqual(bubbleOf(me, all, NEAR, 4), [3, 2, 4], "3 at 3, then 2 and 4 at 5 (id order)");
    assert.deepEqual(bubbleOf(p(1, 0, 0, { status: "dnd" }), all, NEAR, 4), [], "dnd calls nobody");
    const byId = (id: number) => all.find((x) => x.id === id)!;
    assert.deepEqual(bubbleOf(byId(6), all, NEAR, 4), [2, 4, 3], "6 would call 2, 4 and 3, but not 1 …");
    assert.equal(mayCall(byId(1), byId(6), all, all, NEAR, 4), false, "… and 1's bubble is full without 6: no call either way");
    assert.equal(mayCall(byId(6), byId(2), all, all, NEAR, 4), true, "2 lists 6 and 6 lists 2");
    assert.equal(mayCall(byId(1), byId(3), all, all, NEAR, 4), true);
  });
});

describe("plaza conversations (analytics)", () => {
  it("a pair starts a conversation per channel, again only after a quiet gap", () => {
    const t = new ConversationTracker(1000);
    assert.equal(t.touch("chat", 1, 2, 0), true);
    assert.equal(t.touch("chat", 2, 1, 500), false, "either direction, same conversation");
    assert.equal(t.touch("call", 1, 2, 600), true, "a call is its own conversation");
    assert.equal(t.touch("chat", 1, 2, 1400), false, "the gap counts from the last exchange");
    assert.equal(t.touch("chat", 1, 2, 2401), true);
  });
});

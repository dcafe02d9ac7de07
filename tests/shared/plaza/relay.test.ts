import assert from "node:assert/strict";
import fc from "fast-check";
import { InterestRelay, decodeUpdate, encodeUpdate, type AvatarCard, type Delivery, type PlazaStatus } from "../../../shared/plaza/index.js";

const VIEW = 100;
const LEAVE = 120;

function relay(mode: "aoi" | "broadcast" = "aoi", areaAt = (_x: number, _y: number) => 0, parts = 1): InterestRelay {
  return new InterestRelay({ viewRadius: VIEW, leaveRadius: LEAVE, mode, areaAt, parts });
}
/** A delivery's `moved` section decoded to flat [id, x, y, d, …] (undefined when there is none). */
const moved = (d: Delivery | undefined) => (d?.moved ? decodeUpdate(d.moved).moved : undefined);
const card = (id: number, x: number, y: number, status: PlazaStatus = "available"): AvatarCard => ({ id, name: `p${id}`, status, x, y, d: 0 });

/** What one client believes, built only from what it was sent — through the wire format, as a client decodes it. */
class ClientView {
  readonly known = new Map<number, { x: number; y: number; status: PlazaStatus }>();
  apply(delivery: Delivery | undefined): void {
    if (!delivery) return;
    const d = decodeUpdate(encodeUpdate(delivery));
    for (const id of d.left) this.known.delete(id);
    for (const c of d.appear) this.known.set(c.id, { x: c.x, y: c.y, status: c.status });
    for (const s of d.status) {
      const k = this.known.get(s.id);
      assert.ok(k, `status of ${s.id} which the client does not know`);
      k.status = s.status;
    }
    const m = d.moved;
    for (let i = 0; i < m.length; i += 4) {
      const k = this.known.get(m[i]!);
      assert.ok(k, `move of ${m[i]} which the client does not know`);
      k.x = m[i + 1]!;
      k.y = m[i + 2]!;
    }
  }
}

describe("plaza area of interest (relay)", () => {
  it("a newcomer's snapshot holds exactly who is within view; others learn of it at the next flush", () => {
    const r = relay();
    assert.deepEqual(r.join(card(1, 0, 0)), []);
    r.join(card(2, 50, 0));
    r.join(card(3, 500, 0));
    const snap = r.join(card(4, 60, 60));
    assert.deepEqual(snap.map((c) => c.id).sort(), [1, 2]);
    const out = r.flush();
    assert.deepEqual(out.get(1)?.appear?.map((c) => c.id).sort(), [2, 4]);
    assert.equal(out.get(3), undefined, "the far one hears nothing");
    r.check();
  });

  it("moves go only to those who see the mover, coalesced to the latest position per flush", () => {
    const r = relay();
    r.join(card(1, 0, 0));
    r.join(card(2, 50, 0));
    r.join(card(3, 400, 0));
    r.flush();
    r.move(1, 10, 0, 2);
    r.move(1, 20, 0, 2);
    const out = r.flush();
    assert.deepEqual(moved(out.get(2)), [1, 20, 0, 2]);
    assert.equal(out.get(3), undefined);
    assert.equal(out.get(1), undefined, "a mover is not echoed its own move");
  });

  it("walking away: still relayed up to leaveRadius, then `left`; walking back: `appear` again", () => {
    const r = relay();
    r.join(card(1, 0, 0));
    r.join(card(2, 90, 0));
    r.flush();
    r.move(2, 110, 0, 2); // beyond view, within leave: still shown
    assert.deepEqual(moved(r.flush().get(1)), [2, 110, 0, 2]);
    r.move(2, 130, 0, 2); // beyond leave
    let out = r.flush();
    assert.deepEqual(out.get(1)?.left, [2]);
    assert.deepEqual(out.get(2)?.left, [1], "and the walker stops seeing the one left behind");
    r.move(2, 99, 0, 1);
    out = r.flush();
    assert.deepEqual(out.get(1)?.appear?.map((c) => [c.id, c.x]), [[2, 99]]);
    assert.deepEqual(out.get(2)?.appear?.map((c) => c.id), [1]);
    r.check();
  });

  it("ghosts see others but nobody sees them; leaving ghost mode appears again", () => {
    const r = relay();
    r.join(card(1, 0, 0));
    const snap = r.join(card(2, 10, 0, "ghost"));
    assert.deepEqual(snap.map((c) => c.id), [1], "a ghost sees who is there");
    assert.equal(r.flush().get(1), undefined, "nobody is told about the ghost");
    r.move(2, 20, 0, 0);
    assert.equal(r.flush().get(1), undefined, "nor about its moves");
    r.setStatus(2, "available");
    assert.deepEqual(r.flush().get(1)?.appear?.map((c) => c.id), [2]);
    r.setStatus(2, "dnd");
    const changed = r.flush().get(1);
    assert.deepEqual(changed?.status, [{ id: 2, status: "dnd" }]);
    assert.equal(changed?.moved, undefined, "a status change is not a move");
    r.setStatus(2, "ghost");
    assert.deepEqual(r.flush().get(1)?.left, [2]);
    r.check();
  });

  it("a ghost walking away from someone who stands still stops seeing them (regression: the ghost is in nobody's seenBy)", () => {
    const r = relay();
    r.join(card(1, 0, 0));
    r.join(card(2, 10, 0, "ghost"));
    r.flush();
    r.move(2, 200, 0, 2);
    assert.deepEqual(r.flush().get(2)?.left, [1]);
    r.check();
  });

  it("leaving tells everyone who saw the avatar", () => {
    const r = relay();
    r.join(card(1, 0, 0));
    r.join(card(2, 10, 0));
    r.flush();
    r.move(2, 11, 0, 0);
    r.leave(2);
    const out = r.flush();
    assert.deepEqual(out.get(1), { left: [2] }, "the pending move is dropped, the left stays");
    r.check();
  });

  it("tracks private-area membership as avatars walk", () => {
    const r = relay("aoi", (x) => (x >= 1000 ? 7 : 0));
    r.join(card(1, 1000, 0));
    r.join(card(2, 0, 0));
    assert.deepEqual(r.inArea(7).map((p) => p.id), [1]);
    r.move(2, 1001, 0, 0);
    r.move(1, 10, 0, 0);
    assert.deepEqual(r.inArea(7).map((p) => p.id), [2]);
  });

  it("broadcast mode (benchmark) relays every move to everyone", () => {
    const r = relay("broadcast");
    r.join(card(1, 0, 0));
    r.join(card(2, 5000, 5000));
    r.flush();
    r.move(2, 5001, 5000, 0);
    assert.deepEqual(moved(r.flush().get(1)), [2, 5001, 5000, 0]);
  });

  // the second row crowds more avatars than the relay's first 64 slots (its matrix grows) and reuses slots;
  // the staggered rows flush one part of the clients per `flush` op (ops happen between parts) and check
  // what clients believe after a whole round of parts (`round`), and the bookkeeping after every part
  const rows = [{ ids: 12, ops: 150, runs: 300, parts: 1 }, { ids: 150, ops: 1500, runs: 10, parts: 1 }, { ids: 12, ops: 150, runs: 300, parts: 3 }, { ids: 90, ops: 1000, runs: 15, parts: 5 }];
  for (const { ids, ops: maxOps, runs, parts } of rows) it(`what each client believes matches a brute-force view after every flush (property, ${ids} ids, ${parts} part${parts > 1 ? "s" : ""})`, () => {
    const id = fc.integer({ min: 1, max: ids });
    const pos = fc.integer({ min: 0, max: 400 });
    const op = fc.oneof(
      { arbitrary: fc.record({ k: fc.constant("join" as const), id, x: pos, y: pos, ghost: fc.boolean() }), weight: 2 },
      { arbitrary: fc.record({ k: fc.constant("move" as const), id, dx: fc.integer({ min: -60, max: 60 }), dy: fc.integer({ min: -60, max: 60 }) }), weight: 6 },
      { arbitrary: fc.record({ k: fc.constant("status" as const), id, status: fc.constantFrom<PlazaStatus>("available", "busy", "dnd", "ghost") }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("leave" as const), id }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("flush" as const), round: fc.boolean() }), weight: 3 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: maxOps, size: "max" }), (ops) => {
        const r = relay("aoi", undefined, parts);
        const truth = new Map<number, { x: number; y: number; status: PlazaStatus }>();
        const views = new Map<number, ClientView>();
        let turn = 0;
        const flushPart = () => {
          for (const [vid, d] of r.flush(turn)) views.get(vid)?.apply(d);
          turn = (turn + 1) % parts;
          r.check();
        };
        const flushAndCheck = () => {
          for (let i = 0; i < parts; i++) flushPart();
          for (const [vid, view] of views) {
            const me = truth.get(vid)!;
            for (const [oid, o] of truth) {
              if (oid === vid) continue;
              const d2 = (o.x - me.x) ** 2 + (o.y - me.y) ** 2;
              const k = view.known.get(oid);
              if (o.status === "ghost") assert.equal(k, undefined, `${vid} must not know ghost ${oid}`);
              else if (d2 <= VIEW * VIEW) assert.deepEqual(k, o, `${vid} must know ${oid} as it is`);
              else if (d2 > LEAVE * LEAVE) assert.equal(k, undefined, `${vid} must have forgotten ${oid}`);
              else if (k) assert.deepEqual(k, o, `${vid} knows ${oid}: then as it is`);
            }
            for (const oid of view.known.keys()) assert.ok(truth.has(oid), `${vid} knows ${oid}, who left`);
          }
        };
        for (const o of ops) {
          if (o.k === "join") {
            if (truth.has(o.id)) continue;
            const status: PlazaStatus = o.ghost ? "ghost" : "available";
            truth.set(o.id, { x: o.x, y: o.y, status });
            const v = new ClientView();
            views.set(o.id, v);
            v.apply({ appear: r.join(card(o.id, o.x, o.y, status)) });
          } else if (o.k === "move") {
            const t = truth.get(o.id);
            if (!t) continue;
            t.x = Math.max(0, t.x + o.dx); // positions on the wire are non-negative (map pixels)
            t.y = Math.max(0, t.y + o.dy);
            r.move(o.id, t.x, t.y, 0);
          } else if (o.k === "status") {
            const t = truth.get(o.id);
            if (!t) continue;
            t.status = o.status;
            r.setStatus(o.id, o.status);
          } else if (o.k === "leave") {
            if (!truth.delete(o.id)) continue;
            views.delete(o.id);
            r.leave(o.id);
          } else if (o.round || parts === 1) flushAndCheck();
          else flushPart();
        }
        flushAndCheck();
      }),
      { numRuns: runs, seed: 7 },
    );
  });
});

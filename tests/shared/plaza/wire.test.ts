import assert from "node:assert/strict";
import fc from "fast-check";
import { MOVED_ENTRY_BYTES, STATUSES, decodeUpdate, encodeMovedSection, encodeUpdate, fitsMovedEntry, readUpdate, type PlazaStatus, type WireCard } from "../../../shared/plaza/index.js";

const id = fc.integer({ min: 0, max: 0xffffffff });
const coord = fc.integer({ min: 0, max: 0xffff });
const facing = fc.integer({ min: 0, max: 3 });
const status = fc.constantFrom<PlazaStatus>(...STATUSES);
const card = fc.record({ id, name: fc.string({ unit: "grapheme", maxLength: 20 }), status, x: coord, y: coord, d: facing });

describe("plaza wire format (`update` bytes)", () => {
  it("lays sections out as documented: kind u8, count u32 LE, then entries (moved: id u32, x u16, y u16, d u8)", () => {
    const moved = encodeMovedSection([0x01020304, 0x0506, 0x0708, 3]);
    assert.deepEqual([...moved], [4, 1, 0, 0, 0, 4, 3, 2, 1, 6, 5, 8, 7, 3]);
    assert.equal(MOVED_ENTRY_BYTES, 9);
    assert.equal(encodeUpdate({ moved }), moved, "moves only: the section is the payload, not copied");
    const all = encodeUpdate({ left: [7], appear: [{ id: 9, name: "Zoë", status: "dnd", x: 1, y: 2, d: 1 }], status: [{ id: 5, status: "busy" }], moved });
    assert.deepEqual([...all], [
      1, 1, 0, 0, 0, 7, 0, 0, 0, // left [7]
      2, 1, 0, 0, 0, 9, 0, 0, 0, 1, 0, 2, 0, 1, 2, 4, 0, 0x5a, 0x6f, 0xc3, 0xab, // appear: dnd = 2, "Zoë" is 4 UTF-8 bytes
      3, 1, 0, 0, 0, 5, 0, 0, 0, 1, // status: busy = 1
      ...moved,
    ]);
  });

  it("round-trips any update that fits (property), also from a view into a larger buffer", () => {
    const entry = fc.tuple(id, coord, coord, facing);
    fc.assert(
      fc.property(fc.array(fc.nat()), fc.array(card, { maxLength: 5 }), fc.array(fc.record({ id, status }), { maxLength: 5 }), fc.array(entry, { maxLength: 40 }), fc.nat(7), (left, appear, st, moves, pad) => {
        const flat = moves.flat();
        const parts = { left, appear, status: st, ...(moves.length ? { moved: encodeMovedSection(flat) } : {}) };
        const bytes = encodeUpdate(parts);
        const want = { left, appear: appear.map((c) => ({ ...c })), status: st.map((s) => ({ ...s })), moved: flat }; // (fast-check records have no prototype)
        assert.deepEqual(decodeUpdate(bytes), want);
        const framed = new Uint8Array(pad + bytes.length + 3); // as the SDK hands it: a subarray of the frame
        framed.set(bytes, pad);
        assert.deepEqual(decodeUpdate(framed.subarray(pad, pad + bytes.length)), want);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  const unfit: Array<[string, number[]]> = [
    ["a negative x", [1, -1, 0, 0]],
    ["x past 65,535", [1, 65536, 0, 0]],
    ["a fractional y", [1, 0, 0.5, 0]],
    ["a facing of 4", [1, 0, 0, 4]],
    ["an id past 32 bits", [2 ** 32, 0, 0, 0]],
  ];
  for (const [what, flat] of unfit) {
    it(`refuses to encode ${what} (a bug upstream, never silently wrapped)`, () => {
      assert.equal(fitsMovedEntry(flat[0]!, flat[1]!, flat[2]!, flat[3]!), false);
      assert.throws(() => encodeMovedSection(flat), /does not fit/);
      const c: WireCard = { id: flat[0]!, x: flat[1]!, y: flat[2]!, d: flat[3]!, name: "x", status: "available" };
      assert.throws(() => encodeUpdate({ appear: [c] }), /does not fit/);
    });
  }

  const malformed: Array<[string, number[]]> = [
    ["a truncated section header", [4, 1, 0]],
    ["a moved section shorter than its count", [4, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0]],
    ["an unknown kind", [9, 0, 0, 0, 0]],
    ["an unknown status", [3, 1, 0, 0, 0, 1, 0, 0, 0, 7]],
    ["an appear whose name runs past the end", [2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 65]],
  ];
  for (const [what, bytes] of malformed) {
    it(`reports ${what} as malformed`, () => {
      assert.equal(readUpdate(new Uint8Array(bytes), {}), false);
      assert.throws(() => decodeUpdate(new Uint8Array(bytes)), /malformed/);
    });
  }

  it("an empty payload decodes to nothing", () => {
    assert.deepEqual(decodeUpdate(new Uint8Array(0)), { left: [], appear: [], status: [], moved: [] });
  });
});

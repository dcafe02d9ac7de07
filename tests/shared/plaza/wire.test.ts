import assert from "node:assert/strict";
import fc from "fast-check";
import { MOVED_ENTRY_BYTES, decodeMoved, encodeMoved, fitsMovedEntry, forEachMoved } from "../../../shared/plaza/index.js";

describe("plaza wire format (`moved` bytes)", () => {
  it("lays an entry out as documented: id u32 LE, x u16 LE, y u16 LE, d u8", () => {
    const bytes = encodeMoved([0x01020304, 0x0506, 0x0708, 3]);
    assert.deepEqual([...bytes], [4, 3, 2, 1, 6, 5, 8, 7, 3]);
    assert.equal(MOVED_ENTRY_BYTES, 9);
  });

  it("round-trips any entries that fit (property), also from a view into a larger buffer", () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.nat(7), (entries, pad) => {
        const flat = entries.flat();
        const bytes = encodeMoved(flat);
        assert.equal(bytes.length, entries.length * MOVED_ENTRY_BYTES);
        assert.deepEqual(decodeMoved(bytes), flat);
        const framed = new Uint8Array(pad + bytes.length + 3); // as the SDK hands it: a subarray of the frame
        framed.set(bytes, pad);
        assert.deepEqual(decodeMoved(framed.subarray(pad, pad + bytes.length)), flat);
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
      assert.throws(() => encodeMoved(flat), /does not fit/);
    });
  }

  it("a payload that is not a whole number of entries is malformed: nothing is visited", () => {
    let visited = 0;
    assert.equal(forEachMoved(new Uint8Array(10), () => visited++), false);
    assert.equal(visited, 0);
    assert.throws(() => decodeMoved(new Uint8Array(8)), /whole number/);
    assert.deepEqual(decodeMoved(new Uint8Array(0)), []);
  });
});

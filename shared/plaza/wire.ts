/**
 * The `moved` message on the wire: a Colyseus bytes message (server `client.sendBytes("moved", …)`,
 * SDK `room.onMessage("moved", (bytes: Uint8Array) => …)`) holding one fixed-size entry per avatar,
 * no header:
 *
 *   offset 0  uint32 little-endian  avatar id
 *   offset 4  uint16 little-endian  x (integer px)
 *   offset 6  uint16 little-endian  y (integer px)
 *   offset 8  uint8                 d (facing: 0 down, 1 left, 2 right, 3 up)
 *
 * so the payload is 9 × n bytes. Why bytes and not msgpack: at 1,000 avatars the server sends
 * ~40,000 `moved` frames and ~350,000 positions a second; copying 9 prepared bytes per position is
 * far cheaper than packing an array of numbers per viewer, and decoding is a loop of shifts.
 * Coordinates fit 16 bits because maps are at most 65,535 px a side (map.ts refuses larger ones).
 * Pure; the same functions serve the server, the Phaser client, the bench bots and the tests.
 */
export const MOVED_ENTRY_BYTES = 9;
/** The largest coordinate a `moved` entry can carry (maps are at most this many px a side, plus one). */
export const MAX_WIRE_COORD = 0xffff;

/** True when (x, y, d) fits a `moved` entry (integers in range). */
export function fitsMovedEntry(id: number, x: number, y: number, d: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= 0xffffffff
    && Number.isInteger(x) && x >= 0 && x <= MAX_WIRE_COORD
    && Number.isInteger(y) && y >= 0 && y <= MAX_WIRE_COORD
    && Number.isInteger(d) && d >= 0 && d <= 3;
}

/** Writes one entry at byte `offset` of `out` (the caller checked it fits: `fitsMovedEntry`). */
export function writeMovedEntry(out: Uint8Array, offset: number, id: number, x: number, y: number, d: number): void {
  out[offset] = id & 0xff;
  out[offset + 1] = (id >>> 8) & 0xff;
  out[offset + 2] = (id >>> 16) & 0xff;
  out[offset + 3] = (id >>> 24) & 0xff;
  out[offset + 4] = x & 0xff;
  out[offset + 5] = x >>> 8;
  out[offset + 6] = y & 0xff;
  out[offset + 7] = y >>> 8;
  out[offset + 8] = d;
}

/** Encodes flat [id, x, y, d, …] as a `moved` payload; throws on a value that does not fit (a bug). */
export function encodeMoved(flat: readonly number[]): Uint8Array {
  if (flat.length % 4 !== 0) throw new Error("moved: flat entries come in fours [id, x, y, d]");
  const out = new Uint8Array((flat.length / 4) * MOVED_ENTRY_BYTES);
  for (let i = 0, o = 0; i < flat.length; i += 4, o += MOVED_ENTRY_BYTES) {
    const id = flat[i]!, x = flat[i + 1]!, y = flat[i + 2]!, d = flat[i + 3]!;
    if (!fitsMovedEntry(id, x, y, d)) throw new Error(`moved: entry [${id}, ${x}, ${y}, ${d}] does not fit the wire format`);
    writeMovedEntry(out, o, id, x, y, d);
  }
  return out;
}

/**
 * Calls `visit` for each entry of a `moved` payload, in order. `bytes` may be a view into a larger
 * buffer (the SDK hands a subarray of the frame). A payload whose length is not a multiple of 9 is
 * malformed: it returns false without visiting anything.
 */
export function forEachMoved(bytes: Uint8Array, visit: (id: number, x: number, y: number, d: number) => void): boolean {
  if (bytes.length % MOVED_ENTRY_BYTES !== 0) return false;
  for (let o = 0; o < bytes.length; o += MOVED_ENTRY_BYTES) {
    const id = (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16)) + bytes[o + 3]! * 0x1000000;
    visit(id, bytes[o + 4]! | (bytes[o + 5]! << 8), bytes[o + 6]! | (bytes[o + 7]! << 8), bytes[o + 8]!);
  }
  return true;
}

/** Decodes a `moved` payload to flat [id, x, y, d, …]; throws when malformed (tests, tools). */
export function decodeMoved(bytes: Uint8Array): number[] {
  const flat: number[] = [];
  if (!forEachMoved(bytes, (id, x, y, d) => flat.push(id, x, y, d))) throw new Error(`moved: ${bytes.length} bytes is not a whole number of ${MOVED_ENTRY_BYTES}-byte entries`);
  return flat;
}

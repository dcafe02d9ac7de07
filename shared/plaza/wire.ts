/**
 * The `update` message on the wire: ONE Colyseus bytes message per client per flush (server
 * `client.sendBytes("update", …)`, SDK `room.onMessage("update", (bytes: Uint8Array) => …)`) that
 * holds everything that changed in the client's area of interest since the last flush.
 *
 * All integers little-endian. The payload is a sequence of sections, in this order, each present
 * only when it has entries (an empty payload is never sent):
 *
 *   section header: kind u8, count u32 (entries that follow)
 *   kind 1 left    — id u32                                                       (4 bytes)
 *   kind 2 appear  — id u32, x u16, y u16, d u8, status u8, nameBytes u16, name UTF-8
 *   kind 3 status  — id u32, status u8                                             (5 bytes)
 *   kind 4 moved   — id u32, x u16, y u16, d u8                                    (9 bytes)
 *
 * d: facing 0 down, 1 left, 2 right, 3 up; status: 0 available, 1 busy, 2 dnd, 3 ghost (STATUSES).
 * Apply the sections in order: left, then appear, then status, then moved.
 *
 * Why bytes, and one message: at 1,000 avatars the server sends ~350,000 positions a second; per
 * viewer msgpack and one WebSocket frame per kind of change (up to four per flush) were its main
 * costs. A `moved` entry is 9 bytes prepared once per mover and copied per viewer; a frame of
 * moves only is sent without any copy (MoveBatch lays the section out in place).
 * Coordinates fit 16 bits because maps are at most 65,536 px a side (map.ts refuses larger ones).
 * Pure; the same functions serve the server, the Phaser client, the bench bots and the tests.
 */
import { STATUSES, type PlazaStatus } from "./proximity.js";

export const SECTION_HEADER_BYTES = 5;
export const MOVED_ENTRY_BYTES = 9;
/** The largest coordinate an entry can carry. */
export const MAX_WIRE_COORD = 0xffff;
export const UpdateKind = { left: 1, appear: 2, status: 3, moved: 4 } as const;

export interface WireCard {
  id: number;
  name: string;
  status: PlazaStatus;
  x: number;
  y: number;
  d: number;
  /** `name` already encoded as UTF-8 (the relay keeps it per avatar: names are encoded once, not per appear). */
  nameUtf8?: Uint8Array;
}

/** One flush's changes for one client, decoded (moved: flat [id, x, y, d, …]). */
export interface DecodedUpdate {
  left: number[];
  appear: WireCard[];
  status: { id: number; status: PlazaStatus }[];
  moved: number[];
}

/** True when (id, x, y, d) fits an entry (integers in range). */
export function fitsMovedEntry(id: number, x: number, y: number, d: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= 0xffffffff
    && Number.isInteger(x) && x >= 0 && x <= MAX_WIRE_COORD
    && Number.isInteger(y) && y >= 0 && y <= MAX_WIRE_COORD
    && Number.isInteger(d) && d >= 0 && d <= 3;
}

function u32(out: Uint8Array, o: number, v: number): void {
  out[o] = v & 0xff;
  out[o + 1] = (v >>> 8) & 0xff;
  out[o + 2] = (v >>> 16) & 0xff;
  out[o + 3] = (v >>> 24) & 0xff;
}
function u16(out: Uint8Array, o: number, v: number): void {
  out[o] = v & 0xff;
  out[o + 1] = (v >>> 8) & 0xff;
}
const readU32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
const readU16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);

export function writeSectionHeader(out: Uint8Array, offset: number, kind: number, count: number): void {
  out[offset] = kind;
  u32(out, offset + 1, count);
}

/** Writes one `moved` entry at byte `offset` of `out` (the caller checked it fits: `fitsMovedEntry`). */
export function writeMovedEntry(out: Uint8Array, offset: number, id: number, x: number, y: number, d: number): void {
  u32(out, offset, id);
  u16(out, offset + 4, x);
  u16(out, offset + 6, y);
  out[offset + 8] = d;
}

/** A `moved` section (header and entries) from flat [id, x, y, d, …]; throws on a value that does not fit (a bug). */
export function encodeMovedSection(flat: readonly number[]): Uint8Array {
  if (flat.length % 4 !== 0) throw new Error("moved: flat entries come in fours [id, x, y, d]");
  const n = flat.length / 4;
  const out = new Uint8Array(SECTION_HEADER_BYTES + n * MOVED_ENTRY_BYTES);
  writeSectionHeader(out, 0, UpdateKind.moved, n);
  for (let i = 0, o = SECTION_HEADER_BYTES; i < flat.length; i += 4, o += MOVED_ENTRY_BYTES) {
    const id = flat[i]!, x = flat[i + 1]!, y = flat[i + 2]!, d = flat[i + 3]!;
    if (!fitsMovedEntry(id, x, y, d)) throw new Error(`moved: entry [${id}, ${x}, ${y}, ${d}] does not fit the wire format`);
    writeMovedEntry(out, o, id, x, y, d);
  }
  return out;
}

const utf8 = new TextEncoder();

export function utf8Name(name: string): Uint8Array {
  return utf8.encode(name);
}
const fromUtf8 = new TextDecoder();

/**
 * One client's `update` payload. `moved` is a ready `moved` section (header included, as MoveBatch
 * lays it out, or encodeMovedSection): when it is the only part it is returned as is, not copied.
 */
export function encodeUpdate(parts: { left?: readonly number[]; appear?: readonly WireCard[]; status?: readonly { id: number; status: PlazaStatus }[]; moved?: Uint8Array }): Uint8Array {
  const { left, appear, status, moved } = parts;
  if (!left?.length && !appear?.length && !status?.length) return moved ?? new Uint8Array(0);
  const names = (appear ?? []).map((c) => {
    if (!fitsMovedEntry(c.id, c.x, c.y, c.d)) throw new Error(`appear: card ${c.id} at (${c.x}, ${c.y}) does not fit the wire format`);
    const bytes = c.nameUtf8 ?? utf8.encode(c.name);
    if (bytes.length > 0xffff) throw new Error(`appear: name of ${c.id} is over 65,535 bytes`);
    return bytes;
  });
  let size = moved?.length ?? 0;
  if (left?.length) size += SECTION_HEADER_BYTES + 4 * left.length;
  if (appear?.length) size += SECTION_HEADER_BYTES + names.reduce((s, n) => s + 12 + n.length, 0);
  if (status?.length) size += SECTION_HEADER_BYTES + 5 * status.length;
  const out = new Uint8Array(size);
  let o = 0;
  if (left?.length) {
    writeSectionHeader(out, o, UpdateKind.left, left.length);
    o += SECTION_HEADER_BYTES;
    for (const id of left) (u32(out, o, id), (o += 4));
  }
  if (appear?.length) {
    writeSectionHeader(out, o, UpdateKind.appear, appear.length);
    o += SECTION_HEADER_BYTES;
    appear.forEach((c, i) => {
      writeMovedEntry(out, o, c.id, c.x, c.y, c.d);
      out[o + 9] = STATUSES.indexOf(c.status);
      u16(out, o + 10, names[i]!.length);
      out.set(names[i]!, o + 12);
      o += 12 + names[i]!.length;
    });
  }
  if (status?.length) {
    writeSectionHeader(out, o, UpdateKind.status, status.length);
    o += SECTION_HEADER_BYTES;
    for (const s of status) {
      u32(out, o, s.id);
      out[o + 4] = STATUSES.indexOf(s.status);
      o += 5;
    }
  }
  if (moved) out.set(moved, o);
  return out;
}

/** What a reader does with each entry; the hot path (`moved`) gets plain numbers, no objects. */
export interface UpdateHandlers {
  left?(id: number): void;
  appear?(card: WireCard): void;
  status?(id: number, status: PlazaStatus): void;
  moved?(id: number, x: number, y: number, d: number): void;
}

/**
 * Reads an `update` payload section by section, calling the handlers in wire order. `bytes` may be a
 * view into a larger buffer (the SDK hands a subarray of the frame). Returns false, having stopped,
 * at the first malformed section (unknown kind, truncated entry, unknown status).
 */
export function readUpdate(bytes: Uint8Array, h: UpdateHandlers): boolean {
  let o = 0;
  const end = bytes.length;
  while (o < end) {
    if (o + SECTION_HEADER_BYTES > end) return false;
    const kind = bytes[o]!, n = readU32(bytes, o + 1);
    o += SECTION_HEADER_BYTES;
    if (kind === UpdateKind.moved) {
      if (o + n * MOVED_ENTRY_BYTES > end) return false;
      const visit = h.moved;
      if (visit) for (let i = 0; i < n; i++, o += MOVED_ENTRY_BYTES) visit(readU32(bytes, o), readU16(bytes, o + 4), readU16(bytes, o + 6), bytes[o + 8]!);
      else o += n * MOVED_ENTRY_BYTES;
    } else if (kind === UpdateKind.left) {
      if (o + n * 4 > end) return false;
      for (let i = 0; i < n; i++, o += 4) h.left?.(readU32(bytes, o));
    } else if (kind === UpdateKind.status) {
      if (o + n * 5 > end) return false;
      for (let i = 0; i < n; i++, o += 5) {
        const status = STATUSES[bytes[o + 4]!];
        if (!status) return false;
        h.status?.(readU32(bytes, o), status);
      }
    } else if (kind === UpdateKind.appear) {
      for (let i = 0; i < n; i++) {
        if (o + 12 > end) return false;
        const status = STATUSES[bytes[o + 9]!], len = readU16(bytes, o + 10);
        if (!status || o + 12 + len > end) return false;
        h.appear?.({ id: readU32(bytes, o), x: readU16(bytes, o + 4), y: readU16(bytes, o + 6), d: bytes[o + 8]!, status, name: fromUtf8.decode(bytes.subarray(o + 12, o + 12 + len)) });
        o += 12 + len;
      }
    } else return false;
  }
  return true;
}

/** Decodes a whole `update` payload; throws when malformed (tests, tools). */
export function decodeUpdate(bytes: Uint8Array): DecodedUpdate {
  const u: DecodedUpdate = { left: [], appear: [], status: [], moved: [] };
  const ok = readUpdate(bytes, {
    left: (id) => u.left.push(id),
    appear: (c) => u.appear.push(c),
    status: (id, status) => u.status.push({ id, status }),
    moved: (id, x, y, d) => u.moved.push(id, x, y, d),
  });
  if (!ok) throw new Error(`update: malformed payload of ${bytes.length} bytes`);
  return u;
}

/**
 * The moves of one flush, laid out as each viewer's `moved` section (wire.ts: header and 9-byte
 * entries) without a per-viewer list: the relay records each mover's entry once (`setEntry`) and
 * one (viewer, mover) pair per delivery (`add`); `build` groups the pairs by viewer (a counting sort
 * over avatar slots) into ONE buffer and hands each viewer a view of its section. So a flush
 * allocates one Uint8Array, whatever the number of viewers, and a position costs a 9-byte copy.
 *
 * Avatars are named by slot (a small integer the relay reuses). A pair is delivered only if
 * `vis[viewer × cap + mover] === 1` when the flush is built: 0 means the viewer stopped being shown
 * the mover after the pair was recorded (it gets `left`), 2 that it is shown afresh in this flush
 * (its `appear` card carries the latest position). Pure.
 */
import { MOVED_ENTRY_BYTES as E, SECTION_HEADER_BYTES as H, UpdateKind, writeMovedEntry, writeSectionHeader } from "./wire.js";

export class MoveBatch {
  private viewerOf = new Int32Array(4096);
  private moverOf = new Int32Array(4096);
  private pairs = 0;
  private entries: Uint8Array;
  private count: Int32Array; // per viewer slot, during build
  private end: Int32Array; // per viewer slot, during build: the byte after its last entry so far
  private readonly viewers: number[] = [];

  constructor(private cap: number) {
    this.entries = new Uint8Array(cap * E);
    this.count = new Int32Array(cap);
    this.end = new Int32Array(cap);
  }

  get size(): number {
    return this.pairs;
  }

  /** Room for slots 0 … cap − 1 (slots only grow; call before using a new slot). */
  resize(cap: number): void {
    if (cap <= this.cap) return;
    const entries = new Uint8Array(cap * E);
    entries.set(this.entries);
    this.entries = entries;
    this.count = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.cap = cap;
  }

  /** The entry every viewer of the mover in `slot` gets at this flush (integers that fit: wire.ts). */
  setEntry(slot: number, id: number, x: number, y: number, d: number): void {
    writeMovedEntry(this.entries, slot * E, id, x, y, d);
  }

  add(viewer: number, mover: number): void {
    if (this.pairs === this.viewerOf.length) {
      const v = new Int32Array(this.pairs * 2), m = new Int32Array(this.pairs * 2);
      v.set(this.viewerOf);
      m.set(this.moverOf);
      this.viewerOf = v;
      this.moverOf = m;
    }
    this.viewerOf[this.pairs] = viewer;
    this.moverOf[this.pairs++] = mover;
  }

  /** Calls `visit(viewerSlot, section)` once per viewer with at least one move to get, then empties. */
  build(vis: Uint8Array, visCap: number, visit: (viewer: number, moved: Uint8Array) => void): void {
    const { viewerOf, moverOf, count, end, viewers, entries } = this;
    const n = this.pairs;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const v = viewerOf[k]!;
      if (vis[v * visCap + moverOf[k]!] !== 1) {
        viewerOf[k] = -1;
        continue;
      }
      if (count[v]!++ === 0) viewers.push(v);
      total++;
    }
    if (total > 0) {
      const out = new Uint8Array(total * E + viewers.length * H);
      let at = 0;
      for (const v of viewers) {
        writeSectionHeader(out, at, UpdateKind.moved, count[v]!);
        end[v] = at + H;
        at += H + count[v]! * E;
      }
      for (let k = 0; k < n; k++) {
        const v = viewerOf[k]!;
        if (v < 0) continue;
        const o = end[v]!, s = moverOf[k]! * E;
        out[o] = entries[s]!;
        out[o + 1] = entries[s + 1]!;
        out[o + 2] = entries[s + 2]!;
        out[o + 3] = entries[s + 3]!;
        out[o + 4] = entries[s + 4]!;
        out[o + 5] = entries[s + 5]!;
        out[o + 6] = entries[s + 6]!;
        out[o + 7] = entries[s + 7]!;
        out[o + 8] = entries[s + 8]!;
        end[v] = o + E;
      }
      for (const v of viewers) {
        const e = end[v]!;
        visit(v, out.subarray(e - count[v]! * E - H, e));
        count[v] = 0;
      }
    }
    viewers.length = 0;
    this.pairs = 0;
  }
}

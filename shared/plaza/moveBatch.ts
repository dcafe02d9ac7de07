/**
 * The moves waiting to be sent, laid out as each viewer's `moved` section (wire.ts: header and
 * 9-byte entries) without a per-viewer list: the relay records each mover's entry (`setEntry`,
 * 9 bytes, its latest position) and one (viewer, mover) pair per delivery (`queue`); `build`
 * takes the pairs of the viewers whose turn it is, groups them by viewer (a counting sort over
 * avatar slots) into ONE buffer and hands each viewer a view of its section. So a flush allocates
 * one Uint8Array, whatever the number of viewers, and a position costs a 9-byte copy.
 *
 * Viewers are flushed in `parts` turns (slot mod parts): the room staggers its flushes so that no
 * single timer tick sends a frame to everybody (a burst that delays incoming moves and the
 * receivers). A pair waits, in its turn's list, for its viewer's turn; meanwhile newer moves of
 * the same mover only update its entry (the QUEUED flag keeps one pair per viewer and mover).
 *
 * Avatars are named by slot. `vis[viewer × cap + mover]` holds flags (the relay's matrix): SHOWN,
 * FRESH (shown afresh since the viewer's last flush: its `appear` card carries the latest
 * position, so the move is not sent) and QUEUED. A pair is delivered only when the viewer is shown
 * the mover, not afresh, at build time. Pure.
 */
import { MOVED_ENTRY_BYTES as E, SECTION_HEADER_BYTES as H, UpdateKind, writeMovedEntry, writeSectionHeader } from "./wire.js";

/** Flags of the relay's visibility matrix. Shown ⇔ non-zero. */
export const SHOWN = 1;
export const FRESH = 2;
export const QUEUED = 4;

export class MoveBatch {
  private readonly viewerOf: Int32Array[]; // per turn
  private readonly moverOf: Int32Array[];
  private readonly pairs: number[];
  private entries: Uint8Array;
  private count: Int32Array; // per viewer slot, during build
  private end: Int32Array; // per viewer slot, during build: the byte after its last entry so far
  private readonly viewers: number[] = [];

  constructor(private cap: number, readonly parts = 1) {
    if (!(Number.isInteger(parts) && parts >= 1)) throw new Error("parts must be a positive integer");
    this.viewerOf = Array.from({ length: parts }, () => new Int32Array(1024));
    this.moverOf = Array.from({ length: parts }, () => new Int32Array(1024));
    this.pairs = new Array<number>(parts).fill(0);
    this.entries = new Uint8Array(cap * E);
    this.count = new Int32Array(cap);
    this.end = new Int32Array(cap);
  }

  get size(): number {
    return this.pairs.reduce((a, b) => a + b, 0);
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

  /** Queues the mover's entry for the viewer (once until the viewer's turn; the entry is read then). */
  queue(vis: Uint8Array, visCap: number, viewer: number, mover: number): void {
    const i = viewer * visCap + mover;
    if (vis[i]! & QUEUED) return;
    vis[i] = vis[i]! | QUEUED;
    const t = viewer % this.parts, n = this.pairs[t]!;
    if (n === this.viewerOf[t]!.length) {
      this.viewerOf[t] = grown(this.viewerOf[t]!);
      this.moverOf[t] = grown(this.moverOf[t]!);
    }
    this.viewerOf[t]![n] = viewer;
    this.moverOf[t]![n] = mover;
    this.pairs[t] = n + 1;
  }

  /**
   * Calls `visit(viewerSlot, section)` once per viewer of this turn (slot mod `parts` = `part`) with
   * at least one move to get; that turn's pairs are consumed, the others wait.
   */
  build(vis: Uint8Array, visCap: number, part: number, visit: (viewer: number, moved: Uint8Array) => void): void {
    const { count, end, viewers, entries } = this;
    const tv = this.viewerOf[part]!, tm = this.moverOf[part]!;
    const n = this.pairs[part]!;
    this.pairs[part] = 0;
    let taken = 0;
    for (let k = 0; k < n; k++) {
      const v = tv[k]!, m = tm[k]!;
      const i = v * visCap + m, f = vis[i]!;
      vis[i] = f & ~QUEUED;
      if (f !== (SHOWN | QUEUED)) continue; // hidden since (it got `left`), or shown afresh (`appear`), or already taken
      if (count[v]!++ === 0) viewers.push(v);
      tv[taken] = v; // compacted in place: the taken pairs, in order
      tm[taken++] = m;
    }
    if (taken > 0) {
      const out = new Uint8Array(taken * E + viewers.length * H);
      let at = 0;
      for (const v of viewers) {
        writeSectionHeader(out, at, UpdateKind.moved, count[v]!);
        end[v] = at + H;
        at += H + count[v]! * E;
      }
      for (let k = 0; k < taken; k++) {
        const v = tv[k]!;
        const o = end[v]!, s = tm[k]! * E;
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
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

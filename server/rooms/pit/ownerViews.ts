/**
 * The pit's state patches with Colyseus's per-client StateView, without its O(clients × changes)
 * walk. Colyseus encodes a client's view by walking EVERY tree changed since the last patch and
 * asking whether this view may see it (`Encoder.encodeView` → `_encodeChannel` over
 * `root.changes`). In the pit almost every changed tree is one trader's private data (a `PitTrader`
 * under the `@view()` map `traders`, its `orders` array, each `PitOpenOrder`), which only that
 * trader's view can see: with 160 traders and ~1,000 changed trees per 50 ms patch, the walk was
 * about a quarter of the room's CPU (docs/benchmarks.md, pit).
 *
 * `OwnerViewSerializer` sorts the changed trees once per patch: those under one trader's entry go
 * to that trader's list, everything else (the public trees, the root, the map itself, anything
 * detached) to a shared list. Each view is then encoded by Colyseus's own `encodeView`, with
 * `root.changes` swapped, for that call only, for the shared list merged with its trader's list in
 * the original order. The bytes are the same as Colyseus's: a tree under another trader's entry is
 * never visible to this view (a view holds only its own trader — PitRoom.onJoin), so the full walk
 * would have skipped it without side effects. A view of a client without a trader gets the full
 * list. tests/rooms/pitOwnerViews.test.ts compares every client's bytes against the stock
 * serializer over random sequences of changes.
 *
 * It reads @colyseus/schema's internals (`root.changes`, `ChangeTree.parentRef`), pinned by the
 * lockfile; the test is what an upgrade must pass.
 */
import { SchemaSerializer, type Client } from "@colyseus/core";
import { $changes, type ChangeTree, type MapSchema, type Schema, type StateView } from "@colyseus/schema";

interface Node {
  changeTree: ChangeTree;
  next?: Node;
}
interface List {
  next?: Node;
}
interface EncoderInternals {
  root: { changes: List };
  encodeView(view: StateView, sharedOffset: number, it: { offset: number }, bytes?: Uint8Array): Uint8Array;
}

export class OwnerViewSerializer<T extends Schema> extends SchemaSerializer<T> {
  constructor(
    /** The `@view()` map whose entries are private to their owner (pit: `state.traders`, by trader id). */
    private readonly owners: () => MapSchema<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any entry type
    /** The owner (map key) whose entry a client's view holds; undefined: encode that client's view the stock way. */
    private readonly ownerOf: (client: Client) => string | undefined,
  ) {
    super();
  }

  override applyPatches(clients: Client[], state?: unknown, timing?: Parameters<SchemaSerializer<T>["applyPatches"]>[2]): boolean {
    const encoder = this.encoder as unknown as EncoderInternals;
    if (!this.hasFilters || clients.length === 0 || encoder.root.changes.next === undefined) return super.applyPatches(clients, state, timing);

    const all = encoder.root.changes;
    const ownerTree = (this.owners() as unknown as Record<symbol, ChangeTree>)[$changes]!;
    const shared: Array<[number, ChangeTree]> = [];
    const owned = new Map<unknown, Array<[number, ChangeTree]>>(); // owner entry (ref) → its trees
    let i = 0;
    for (let n = all.next; n !== undefined; n = n.next, i++) {
      const entry = entryOf(n.changeTree, ownerTree);
      if (entry === undefined) shared.push([i, n.changeTree]);
      else {
        const list = owned.get(entry);
        if (list) list.push([i, n.changeTree]);
        else owned.set(entry, [[i, n.changeTree]]);
      }
    }

    // which owner entry each client's view holds
    const map = this.owners() as unknown as { get(key: string): unknown };
    const entryOfView = new Map<StateView, unknown>();
    for (const c of clients) {
      const key = c.view ? this.ownerOf(c) : undefined;
      const entry = key === undefined ? undefined : map.get(key);
      if (c.view && entry !== undefined) entryOfView.set(c.view, entry);
    }

    const encodeView = encoder.encodeView;
    encoder.encodeView = (view, sharedOffset, it, bytes) => {
      const entry = entryOfView.get(view);
      if (entry === undefined) return encodeView.call(encoder, view, sharedOffset, it, bytes);
      encoder.root.changes = merged(shared, owned.get(entry) ?? []);
      try {
        return encodeView.call(encoder, view, sharedOffset, it, bytes);
      } finally {
        encoder.root.changes = all;
      }
    };
    try {
      return super.applyPatches(clients, state, timing);
    } finally {
      delete (encoder as Partial<EncoderInternals>).encodeView; // the wrapper was an own property: the prototype's method is back
    }
  }
}

/** The entry (a direct child ref of the owners' map) a tree lies under, or undefined. */
function entryOf(tree: ChangeTree, ownerTree: ChangeTree): unknown {
  let t: ChangeTree | undefined = tree;
  for (let depth = 0; t !== undefined && depth < 16; depth++) {
    const parent = t.parentRef as Record<symbol, ChangeTree> | undefined;
    if (parent === undefined) return undefined;
    const parentTree: ChangeTree = parent[$changes]!;
    if (parentTree === ownerTree) return t.ref;
    t = parentTree;
  }
  return undefined;
}

/** A fresh list of the two index-sorted runs, in index order (the original list is left as it is). */
function merged(a: Array<[number, ChangeTree]>, b: Array<[number, ChangeTree]>): List {
  const head: List = {};
  let last: List | Node = head;
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    const take = j >= b.length || (i < a.length && a[i]![0] < b[j]![0]) ? a[i++]! : b[j++]!;
    const node: Node = { changeTree: take[1] };
    last.next = node;
    last = node;
  }
  return head;
}

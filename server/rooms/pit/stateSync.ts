/**
 * Mirrors plain lists into the room's schema arrays with as few recorded changes as possible: every
 * change is encoded into the patch that goes to every client, so a list that slides (the tape gains
 * trades at its head, candles roll at their tail) is slid — `unshift`/`shift` of the schema array —
 * instead of rewriting every element in place (a new trade used to rewrite all 50 tape rows).
 */
import type { ArraySchema } from "@colyseus/schema";

/** Sets only the fields that differ (an unchanged field records nothing). */
export function assign<T extends object>(target: T, values: Partial<T>): void {
  for (const k in values) {
    if (target[k] !== values[k]) target[k] = values[k]!;
  }
}

/** Makes `arr` mirror `items` in place, element by element (only changed fields are patched). */
export function syncArray<S extends object, I>(arr: ArraySchema<S>, items: readonly I[], make: new () => S, set: (x: S, item: I) => void): void {
  while (arr.length > items.length) arr.pop();
  for (let i = 0; i < items.length; i++) {
    let x = arr[i];
    if (x === undefined) {
      x = new make();
      set(x, items[i]!);
      arr.push(x);
    } else {
      set(x, items[i]!);
    }
  }
}

/**
 * Newest-first list whose new entries arrive at the head (the tape): the entries that are new since
 * the last sync are `unshift`ed, the oldest popped past `items.length`, the rest left in place.
 * Falls back to `syncArray` when the arrays share no entry (e.g. after a rebuild).
 */
export function syncHead<S extends object, I, K>(arr: ArraySchema<S>, items: readonly I[], make: new () => S, set: (x: S, item: I) => void, keyOfItem: (i: I) => K, keyOfElem: (x: S) => K): void {
  const first = arr[0];
  const fresh = first === undefined ? -1 : items.findIndex((i) => keyOfItem(i) === keyOfElem(first));
  if (fresh < 0) return syncArray(arr, items, make, set);
  while (arr.length > items.length - fresh) arr.pop();
  if (fresh > 0) {
    const added: S[] = [];
    for (let i = 0; i < fresh; i++) {
      const x = new make();
      set(x, items[i]!);
      added.push(x);
    }
    arr.unshift(...added);
  }
  syncArray(arr, items, make, set); // the kept entries: usually nothing changes
}

/**
 * Oldest-first list that rolls at its tail (candles): entries older than `items[0]` are `shift`ed
 * off the front, then the rest is synced in place (the last candle updated, new ones pushed).
 * Falls back to `syncArray` when `items[0]` is not in `arr`.
 */
export function syncTail<S extends object, I, K>(arr: ArraySchema<S>, items: readonly I[], make: new () => S, set: (x: S, item: I) => void, keyOfItem: (i: I) => K, keyOfElem: (x: S) => K): void {
  if (items.length > 0 && arr.length > 0) {
    const k = keyOfItem(items[0]!);
    let drop = 0;
    while (drop < arr.length && keyOfElem(arr[drop]!) !== k) drop++;
    if (drop < arr.length) for (let i = 0; i < drop; i++) arr.shift();
  }
  syncArray(arr, items, make, set);
}

/**
 * Makes `arr` mirror `items`, matching elements by key (a trader's open orders): an element whose
 * key is gone is spliced out — one delete; later elements keep their wire slots, where a positional
 * `syncArray` alone would rewrite every one of them. The rest is then synced in place, position by
 * position (new items at the end are pushed). Not spliced *in*: an insert in the middle of an
 * array inside a `@view()` subtree decodes in the wrong order on the client (schema 5.0.34;
 * tests/rooms/pitStateSync.test.ts), so an item added in the middle rewrites the ones after it —
 * which is why the pit hands it the orders in the order they came to rest (new ones last).
 */
export function syncKeyed<S extends object, I, K>(arr: ArraySchema<S>, items: readonly I[], make: new () => S, set: (x: S, item: I) => void, keyOfItem: (i: I) => K, keyOfElem: (x: S) => K): void {
  const keep = new Set<K>();
  for (const item of items) keep.add(keyOfItem(item));
  for (let i = arr.length - 1; i >= 0; i--) if (!keep.has(keyOfElem(arr[i]!))) arr.splice(i, 1);
  syncArray(arr, items, make, set);
}

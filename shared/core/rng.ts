/**
 * Seeded pseudo-random numbers (sfc32). Every random source in rules is one of these, passed in:
 * the same seed gives the same sequence on server, client and in tests. The generator's whole
 * state is four 32-bit words, so it can be saved and restored (`state()` / `fromState`).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** The generator's state, to snapshot and restore. */
  state(): [number, number, number, number];
}

export function createRng(seed: number | string): Rng {
  const s = typeof seed === "string" ? hashString(seed) : seed >>> 0;
  // splitmix32 to spread a small seed over 128 bits of state
  let x = s;
  const mix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const rng = fromState([mix(), mix(), mix(), mix()]);
  for (let i = 0; i < 12; i++) rng.next(); // warm up: the first outputs of sfc32 are weak
  return rng;
}

export function fromState(initial: readonly [number, number, number, number]): Rng {
  let [a, b, c, d] = initial.map((v) => v >>> 0) as [number, number, number, number];
  const nextU32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  return {
    next: () => nextU32() / 4294967296,
    int: (min, max) => min + Math.floor((nextU32() / 4294967296) * (max - min + 1)),
    state: () => [a, b, c, d],
  };
}

/** FNV-1a, 32 bit: a stable seed from a string (room id, game id). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

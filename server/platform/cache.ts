/**
 * The platform's caches. `LruCache` is an in-process least-recently-used map with a size bound and
 * a time-to-live (Map insertion order is the recency order: a hit re-inserts the key). Every cache
 * reports hits and misses to /metrics as `statecraft_cache_requests_total{cache, result}`.
 * The shared (Redis) layer and the coherence rules are the user's business (e.g. the store's
 * catalog cache, server/rooms/store/catalogCache.ts): this file knows nothing about databases.
 */
import type { Metrics } from "./metrics.js";

export interface CacheCounters {
  hit(n?: number): void;
  miss(n?: number): void;
}

const stats = new WeakMap<Metrics, Map<string, { hits: number; misses: number }>>();

/** Hit/miss counters of one named cache: `statecraft_cache_requests_total{cache, result}`. */
export function cacheCounters(registry: Metrics, cache: string): CacheCounters {
  const counter = registry.counter("statecraft_cache_requests_total", "Cache lookups by cache and result (hit|miss)");
  let caches = stats.get(registry);
  if (!caches) stats.set(registry, (caches = new Map()));
  let c = caches.get(cache);
  if (!c) caches.set(cache, (c = { hits: 0, misses: 0 }));
  const counts = c;
  const hitLabels = { cache, result: "hit" };
  const missLabels = { cache, result: "miss" };
  return {
    hit: (n = 1) => {
      counts.hits += n;
      counter.inc(hitLabels, n);
    },
    miss: (n = 1) => {
      counts.misses += n;
      counter.inc(missLabels, n);
    },
  };
}

/** The current hit/miss numbers of a cache (tests, benchmarks). */
export function cacheStats(registry: Metrics, cache: string): { hits: number; misses: number } {
  const c = stats.get(registry)?.get(cache);
  return { hits: c?.hits ?? 0, misses: c?.misses ?? 0 };
}

export interface LruOptions {
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Entries older than this are misses (0 = no expiry). */
  ttlMs: number;
  now?: () => number;
}

export class LruCache<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();
  private readonly now: () => number;

  constructor(private readonly opts: LruOptions) {
    if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1) throw new Error("LruCache: maxEntries must be a positive integer");
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.map.size;
  }

  /** The value, or undefined when absent or expired. A hit becomes the most recently used. */
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires !== 0 && e.expires <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, expires: this.opts.ttlMs > 0 ? this.now() + this.opts.ttlMs : 0 });
    while (this.map.size > this.opts.maxEntries) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }

  /** Removes every key that starts with `prefix`. */
  deletePrefix(prefix: string): number {
    let n = 0;
    for (const k of this.map.keys()) if (k.startsWith(prefix) && this.map.delete(k)) n++;
    return n;
  }

  clear(): void {
    this.map.clear();
  }
}

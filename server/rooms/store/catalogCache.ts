/**
 * Catalog reads through a cache. Values are the JSON bodies the API sends (serialized once, on a
 * miss), keyed by product id; searches cache only the matching ids and the total (they depend on
 * names and categories, not on stock or price), and their items come from the product entries.
 *
 * Every read first calls `guard.fresh()` (catalogGuard.ts): changes committed by anyone are noticed
 * and evicted before stock or price is served.
 * - `LocalCatalogCache` (default): an in-process LRU. A fill that started before an eviction is not
 *   kept (guard.generation), so a slow read can never put an old value back.
 * - `RedisCatalogCache` (REDIS_URL): one cache shared by every process. Each product entry carries
 *   the product's version; a per-product version key is raised (never lowered, by a Lua script) by
 *   every process that notices a change, and an entry older than its version key is a miss. A fill
 *   only lands if it is not older than the version key, so a slow reader cannot overwrite a newer
 *   value either. Lookups are one MGET.
 * Hits and misses go to /metrics (statecraft_cache_requests_total{cache="store_products"|"store_searches"}).
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { LruCache, cacheCounters, type CacheCounters } from "../../platform/cache.js";
import type { Metrics } from "../../platform/metrics.js";
import { queryKey, type NormalizedQuery } from "../../../shared/store/search.js";
import type { CatalogChange, CatalogGuard } from "./catalogGuard.js";
import { ProductRepository, toProduct, type ProductRow } from "./productRepository.js";

export interface SearchHit {
  ids: string[];
  total: number;
}

export interface CatalogCache {
  readonly kind: "lru" | "redis";
  /** The product's JSON body, or undefined when there is no such product. */
  product(id: string): Promise<string | undefined>;
  /** JSON bodies of existing products among `ids`, in the order of `ids`. */
  products(ids: readonly string[]): Promise<string[]>;
  search(q: NormalizedQuery): Promise<SearchHit>;
}

export interface CacheOptions {
  maxEntries: number;
  ttlMs: number;
}

const body = (row: ProductRow) => JSON.stringify(toProduct(row));

export class LocalCatalogCache implements CatalogCache {
  readonly kind = "lru" as const;
  private readonly lru: LruCache<string | SearchHit>;
  private readonly productStats: CacheCounters;
  private readonly searchStats: CacheCounters;

  constructor(private readonly guard: CatalogGuard, private readonly repo: ProductRepository, registry: Metrics, opts: CacheOptions) {
    this.lru = new LruCache({ maxEntries: opts.maxEntries, ttlMs: opts.ttlMs });
    this.productStats = cacheCounters(registry, "store_products");
    this.searchStats = cacheCounters(registry, "store_searches");
    guard.onChange((c) => this.evict(c));
  }

  private evict(change: CatalogChange): void {
    if (change.epochChanged) return this.lru.clear();
    for (const c of change.changes) this.lru.delete(`p:${c.id}`);
  }

  async product(id: string): Promise<string | undefined> {
    const pending = this.guard.fresh();
    if (pending) await pending;
    const hit = this.lru.get(`p:${id}`) as string | undefined;
    if (hit !== undefined) {
      this.productStats.hit();
      return hit === "" ? undefined : hit;
    }
    this.productStats.miss();
    const generation = this.guard.generation;
    const row = await this.repo.product(id);
    const value = row ? body(row) : ""; // "" = no such product (cached too: 404 floods stay cheap)
    if (generation === this.guard.generation) this.lru.set(`p:${id}`, value);
    return value === "" ? undefined : value;
  }

  async products(ids: readonly string[]): Promise<string[]> {
    const pending = this.guard.fresh();
    if (pending) await pending;
    const found = new Map<string, string>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.lru.get(`p:${id}`) as string | undefined;
      if (hit === undefined) missing.push(id);
      else if (hit !== "") found.set(id, hit);
    }
    this.productStats.hit(ids.length - missing.length);
    if (missing.length) {
      this.productStats.miss(missing.length);
      const generation = this.guard.generation;
      const rows = await this.repo.products(missing);
      const keep = generation === this.guard.generation;
      for (const row of rows) {
        const value = body(row);
        found.set(row.id, value);
        if (keep) this.lru.set(`p:${row.id}`, value);
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async search(q: NormalizedQuery): Promise<SearchHit> {
    const pending = this.guard.fresh();
    if (pending) await pending;
    const key = `s:${queryKey(q)}`;
    const hit = this.lru.get(key) as SearchHit | undefined;
    if (hit) {
      this.searchStats.hit();
      return hit;
    }
    this.searchStats.miss();
    const generation = this.guard.generation;
    const result = await this.repo.search(q);
    if (generation === this.guard.generation) this.lru.set(key, result);
    return result;
  }
}

/** Raises a version key (never lowers it) and drops the entry it guards. */
const RAISE = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
redis.call('DEL', KEYS[2])
return 1`;

/** Stores an entry unless its version key says a newer version exists. */
const FILL = `
local cur = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) >= cur then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end
return 0`;

export class RedisCatalogCache implements CatalogCache {
  readonly kind = "redis" as const;
  private readonly prefix: string;
  private readonly productStats: CacheCounters;
  private readonly searchStats: CacheCounters;

  constructor(
    private readonly redis: Redis,
    private readonly guard: CatalogGuard,
    private readonly repo: ProductRepository,
    registry: Metrics,
    private readonly opts: CacheOptions,
    /** Identifies the database: two deployments sharing a Redis never share entries. */
    databaseId: string,
  ) {
    this.prefix = `statecraft:store:${createHash("sha256").update(databaseId).digest("hex").slice(0, 12)}:`;
    this.productStats = cacheCounters(registry, "store_products");
    this.searchStats = cacheCounters(registry, "store_searches");
    guard.onChange((c) => this.invalidate(c));
  }

  /** Every process that notices a change raises the version keys: idempotent, order-independent. */
  private async invalidate(change: CatalogChange): Promise<void> {
    if (change.changes.length === 0) return;
    const pipe = this.redis.pipeline();
    for (const c of change.changes) pipe.eval(RAISE, 2, this.versionKey(c.id), this.entryKey(c.id), c.version);
    await pipe.exec();
  }

  private entryKey(id: string) {
    return `${this.prefix}p:${id}`;
  }

  private versionKey(id: string) {
    return `${this.prefix}pv:${id}`;
  }

  async product(id: string): Promise<string | undefined> {
    return (await this.lookup([id]))[0] ?? undefined;
  }

  async products(ids: readonly string[]): Promise<string[]> {
    return (await this.lookup(ids)).filter((b): b is string => b !== undefined);
  }

  /** Bodies (undefined = no such product) in the order of `ids`. */
  private async lookup(ids: readonly string[]): Promise<Array<string | undefined>> {
    if (ids.length === 0) return [];
    const pending = this.guard.fresh();
    if (pending) await pending;
    const keys = ids.flatMap((id) => [this.entryKey(id), this.versionKey(id)]);
    const values = await this.redis.mget(...keys);
    const out: Array<string | undefined> = new Array(ids.length);
    const missing: number[] = [];
    ids.forEach((_, i) => {
      const entry = values[2 * i];
      const latest = Number(values[2 * i + 1] ?? 0);
      const bar = entry ? entry.indexOf("|") : -1;
      if (entry && bar > 0 && Number(entry.slice(0, bar)) >= latest) out[i] = entry.length > bar + 1 ? entry.slice(bar + 1) : undefined;
      else missing.push(i);
    });
    this.productStats.hit(ids.length - missing.length);
    if (missing.length === 0) return out;
    this.productStats.miss(missing.length);
    const rows = await this.repo.products(missing.map((i) => ids[i]!));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const pipe = this.redis.pipeline();
    for (const i of missing) {
      const id = ids[i]!;
      const row = byId.get(id);
      const value = row ? body(row) : undefined;
      out[i] = value;
      // a missing product is cached as version 0 with an empty body: any later version beats it
      pipe.eval(FILL, 2, this.entryKey(id), this.versionKey(id), row ? Number(row.version) : 0, `${row ? Number(row.version) : 0}|${value ?? ""}`, this.opts.ttlMs);
    }
    await pipe.exec();
    return out;
  }

  async search(q: NormalizedQuery): Promise<SearchHit> {
    const pending = this.guard.fresh();
    if (pending) await pending;
    const key = `${this.prefix}s:${this.guard.epoch}:${queryKey(q)}`;
    const cached = await this.redis.get(key);
    if (cached) {
      this.searchStats.hit();
      return JSON.parse(cached) as SearchHit;
    }
    this.searchStats.miss();
    const result = await this.repo.search(q);
    await this.redis.set(key, JSON.stringify(result), "PX", this.opts.ttlMs);
    return result;
  }
}

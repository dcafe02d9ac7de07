/**
 * The store's settings, from the environment (read once when the kind starts). A bad value stops
 * the server with a message naming the variable — the same rule as server/config.ts. Every
 * variable is listed in README.md ("Environment") and docs/store.md.
 */
import path from "node:path";
import { ConfigError } from "../../config.js";

export interface StoreConfig {
  /** Catalog file loaded into the database at first start. */
  catalogFile: string;
  /** Directory of the product images served at /api/store/images. */
  imagesDir: string;
  /** Catalog cache: most entries kept (in-process LRU). */
  cacheEntries: number;
  /** Catalog cache: time-to-live of an entry, ms (a backstop; coherence comes from the version check). */
  cacheTtlMs: number;
  /** How often each process looks for catalog changes to push to store rooms, ms. */
  watchMs: number;
  /** Lifetime of a cart token, seconds. */
  cartTtlSeconds: number;
  /** Per client address, all store routes: sustained requests per second and burst. */
  ipPerSecond: number;
  ipBurst: number;
  /** Per signed-in user, checkout and orders: sustained requests per second and burst. */
  userPerSecond: number;
  userBurst: number;
  /** Largest accepted request body on store routes, bytes. */
  maxBodyBytes: number;
  /** Extra browser origins allowed to call the store API (CORS); same-origin is always allowed. */
  corsOrigins: string[];
}

type Env = Record<string, string | undefined>;

export function loadStoreConfig(env: Env = process.env, cwd = process.cwd()): StoreConfig {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number in ${min}..${max} (got ${JSON.stringify(raw)})`);
      return fallback;
    }
    return Number(raw);
  };
  const origins = (str("STORE_CORS_ORIGINS") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const o of origins) {
    if (o === "*") continue;
    try {
      const u = new URL(o);
      if (u.origin !== o) problems.push(`STORE_CORS_ORIGINS: ${JSON.stringify(o)} must be an origin like http://192.168.1.20:5173 (no path)`);
    } catch {
      problems.push(`STORE_CORS_ORIGINS: ${JSON.stringify(o)} is not an origin (e.g. http://192.168.1.20:5173, or *)`);
    }
  }
  const catalogFile = path.resolve(cwd, str("STORE_CATALOG_FILE") ?? "assets/store/catalog.json");
  const config: StoreConfig = {
    catalogFile,
    imagesDir: path.join(path.dirname(catalogFile), "images"),
    cacheEntries: int("STORE_CACHE_ENTRIES", 10_000, 1, 10_000_000),
    cacheTtlMs: int("STORE_CACHE_TTL_SECONDS", 300, 1, 86_400) * 1000,
    watchMs: int("STORE_WATCH_MS", 250, 20, 60_000),
    cartTtlSeconds: int("STORE_CART_TTL_SECONDS", 7 * 24 * 3600, 60, 365 * 24 * 3600),
    ipPerSecond: int("STORE_RATE_IP_PER_SECOND", 50, 1, 100_000_000),
    ipBurst: int("STORE_RATE_IP_BURST", 200, 1, 100_000_000),
    userPerSecond: int("STORE_RATE_USER_PER_SECOND", 5, 1, 100_000_000),
    userBurst: int("STORE_RATE_USER_BURST", 20, 1, 100_000_000),
    maxBodyBytes: int("STORE_MAX_BODY_BYTES", 8192, 256, 65_536),
    corsOrigins: origins,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * One store per process: repositories, the catalog guard and cache, cart tokens. Created by the
 * kind's start hook (after migrations) and found by routes and rooms with `storeService(platform)`.
 * It holds no shop state: everything it serves comes from the database, through the cache.
 */
import fs from "node:fs";
import type { Platform } from "../../platform/context.js";
import { loadOrCreateSecret } from "../../platform/auth.js";
import { validateCatalog } from "../../../shared/store/catalog.js";
import { loadStoreConfig, type StoreConfig } from "./config.js";
import { ProductRepository } from "./productRepository.js";
import { OrderRepository } from "./orderRepository.js";
import { CatalogGuard } from "./catalogGuard.js";
import { LocalCatalogCache, RedisCatalogCache, type CatalogCache } from "./catalogCache.js";
import { createCartTokens, type CartTokens } from "./cartToken.js";

const PURGE_EVERY_MS = 10 * 60 * 1000;

export interface StoreService {
  config: StoreConfig;
  products: ProductRepository;
  orders: OrderRepository;
  guard: CatalogGuard;
  cache: CatalogCache;
  carts: CartTokens;
  stop(): Promise<void>;
}

const services = new WeakMap<Platform, StoreService>();

export function storeService(platform: Platform): StoreService {
  const s = services.get(platform);
  if (!s) throw new Error("the store is not started (storeKind.start runs before routes and rooms)");
  return s;
}

export async function startStore(platform: Platform, config: StoreConfig = loadStoreConfig()): Promise<StoreService> {
  const { db, logger } = platform;
  const products = new ProductRepository(db.kysely);
  const orders = new OrderRepository(db.kysely);

  const catalog = validateCatalog(JSON.parse(fs.readFileSync(config.catalogFile, "utf8")));
  if (!catalog.ok) throw new Error(`${config.catalogFile}: ${catalog.error.message}`);
  const added = await products.seed(catalog.value.products, platform.now());
  if (added) logger.info("store catalog loaded", { added, file: config.catalogFile });

  const guard = new CatalogGuard(db, logger);
  await guard.init();
  const cacheOptions = { maxEntries: config.cacheEntries, ttlMs: config.cacheTtlMs };
  const cache: CatalogCache = platform.redis
    ? new RedisCatalogCache(platform.redis, guard, products, platform.registry, cacheOptions, db.description)
    : new LocalCatalogCache(guard, products, platform.registry, cacheOptions);
  guard.startPolling(config.watchMs);

  const purge = setInterval(() => {
    orders.purgeIdempotency(platform.now()).catch((e) => logger.warn("store idempotency purge failed", { error: e }));
  }, PURGE_EVERY_MS);
  purge.unref();

  const service: StoreService = {
    config,
    products,
    orders,
    guard,
    cache,
    carts: createCartTokens(loadOrCreateSecret(platform.config.dataDir, platform.config.authSecret), config.cartTtlSeconds, platform.now),
    async stop() {
      clearInterval(purge);
      guard.stop();
      services.delete(platform);
    },
  };
  services.set(platform, service);
  return service;
}

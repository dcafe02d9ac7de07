/**
 * Products, stock and prices (store_products) and the catalog version (store_catalog_state).
 * Every stock or price change bumps the catalog version in the same transaction and stamps the
 * changed products with it, so "what changed since version v" is one indexed query — the basis of
 * cache coherence across processes (catalogGuard.ts). One query code for SQLite and PostgreSQL.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { imageUrlOf, type CatalogProduct, type Category, type Product } from "../../../shared/store/catalog.js";
import { CURRENCY } from "../../../shared/store/money.js";
import { likePattern, type NormalizedQuery } from "../../../shared/store/search.js";
import type { StockEntry } from "../../../shared/store/spec.js";

export interface ProductRow {
  id: string;
  name: string;
  description: string;
  category: string;
  price_cents: number;
  currency: string;
  stock: number;
  position: number;
  version: number;
  updated_at: number;
}

export interface CatalogState {
  version: number;
  epoch: number;
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category as Category,
    priceCents: Number(row.price_cents),
    currency: row.currency,
    stock: Number(row.stock),
    imageUrl: imageUrlOf(row.id),
    version: Number(row.version),
  };
}

export function toStockEntry(row: Pick<ProductRow, "id" | "stock" | "price_cents" | "version">): StockEntry {
  return { id: row.id, stock: Number(row.stock), priceCents: Number(row.price_cents), version: Number(row.version) };
}

type Db = Kysely<any> | Transaction<any>;

export class ProductRepository {
  constructor(private readonly db: Kysely<any>) {}

  /**
   * Loads catalog products that the database does not have yet (first start; products added to the
   * file later). Existing products are left alone: their stock is live data. Safe when several
   * processes start at once (insert … on conflict do nothing). Returns how many were added.
   */
  async seed(products: CatalogProduct[], now: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const version = await bumpVersion(trx);
      let added = 0;
      for (const [i, p] of products.entries()) {
        const r = await trx
          .insertInto("store_products")
          .values({
            id: p.id, name: p.name, description: p.description, category: p.category, price_cents: p.priceCents,
            currency: CURRENCY, stock: p.stock, position: i, version, updated_at: now,
          })
          .onConflict((oc) => oc.column("id").doNothing())
          .executeTakeFirst();
        added += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      if (added > 0) await trx.updateTable("store_catalog_state").set((eb) => ({ epoch: eb("epoch", "+", 1) })).where("id", "=", 1).execute();
      return added;
    });
  }

  async state(): Promise<CatalogState> {
    const row = await this.db.selectFrom("store_catalog_state").select(["version", "epoch"]).where("id", "=", 1).executeTakeFirstOrThrow();
    return { version: Number(row.version), epoch: Number(row.epoch) };
  }

  /** Products whose stock or price changed after catalog version `version`. */
  async changedSince(version: number): Promise<StockEntry[]> {
    const rows = await this.db
      .selectFrom("store_products")
      .select(["id", "stock", "price_cents", "version"])
      .where("version", ">", version)
      .orderBy("version")
      .execute();
    return rows.map((r) => toStockEntry(r as ProductRow));
  }

  async product(id: string): Promise<ProductRow | undefined> {
    return (await this.db.selectFrom("store_products").selectAll().where("id", "=", id).executeTakeFirst()) as ProductRow | undefined;
  }

  async products(ids: readonly string[]): Promise<ProductRow[]> {
    if (ids.length === 0) return [];
    return (await this.db.selectFrom("store_products").selectAll().where("id", "in", [...ids]).execute()) as ProductRow[];
  }

  /** Stock and price of every product (the store room's snapshot). */
  async stockAll(): Promise<StockEntry[]> {
    const rows = await this.db.selectFrom("store_products").select(["id", "stock", "price_cents", "version"]).orderBy("position").execute();
    return rows.map((r) => toStockEntry(r as ProductRow));
  }

  /** Ids of the products matching a search, in catalog order, and how many match in all. */
  async search(q: NormalizedQuery): Promise<{ ids: string[]; total: number }> {
    const filtered = this.db.selectFrom("store_products").$call((qb) => {
      let b = qb;
      if (q.category) b = b.where("category", "=", q.category);
      if (q.q) {
        const pattern = likePattern(q.q);
        // an explicit ESCAPE: SQLite has no default escape character for LIKE
        b = b.where(sql<boolean>`(lower(name) like ${pattern} escape '\\' or lower(description) like ${pattern} escape '\\')`);
      }
      return b;
    });
    const [rows, count] = await Promise.all([
      filtered.select("id").orderBy("position").orderBy("id").limit(q.limit).offset(q.offset).execute(),
      filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { ids: rows.map((r) => r.id as string), total: Number(count.n) };
  }

  /** Changes a price (an admin's or a test's write). Returns the new catalog version. */
  async setPrice(id: string, priceCents: number, now: number): Promise<number | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable("store_products").set({ price_cents: priceCents, updated_at: now }).where("id", "=", id).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return undefined;
      return stampChanged(trx, [id]);
    });
  }

  /** Sets the stock of a product (restock). Returns the new catalog version. */
  async setStock(id: string, stock: number, now: number): Promise<number | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable("store_products").set({ stock, updated_at: now }).where("id", "=", id).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return undefined;
      return stampChanged(trx, [id]);
    });
  }
}

/** Bumps the catalog version (row-locks it until commit on PostgreSQL). Returns the new version. */
export async function bumpVersion(trx: Db): Promise<number> {
  const row = await trx
    .updateTable("store_catalog_state")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", 1)
    .returning("version")
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/**
 * Marks products as changed: bumps the catalog version and stamps them with it. Call it LAST in a
 * transaction: on PostgreSQL the version row stays locked until commit, so keeping it last keeps
 * writers serialized on it only briefly (and it is always taken after the product rows, so two
 * writers cannot deadlock on it).
 */
export async function stampChanged(trx: Db, ids: readonly string[]): Promise<number> {
  const version = await bumpVersion(trx);
  if (ids.length) await trx.updateTable("store_products").set({ version }).where("id", "in", [...ids]).execute();
  return version;
}

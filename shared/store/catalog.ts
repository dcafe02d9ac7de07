/**
 * The catalog as data: the shape of assets/store/catalog.json (loaded into the database at first
 * start) and of a product as the API serves it. Pure: validation only.
 */
import { z } from "zod";
import { ok, reject, type Result } from "../core/errors.js";
import { CURRENCY, MAX_CENTS } from "./money.js";

export const PRODUCT_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const ProductId = z.string().regex(PRODUCT_ID, "a product id like \"brass-compass\" (lowercase letters, digits, '-')");

export const CATEGORIES = ["games", "maps", "gear", "books", "prints", "snacks"] as const;
export type Category = (typeof CATEGORIES)[number];

/** One product in the catalog file. `art` is how scripts/store-images.mjs draws its image. */
export const CatalogProduct = z
  .object({
    id: ProductId,
    name: z.string().min(1).max(80),
    description: z.string().min(1).max(1000),
    category: z.enum(CATEGORIES),
    priceCents: z.number().int().min(1).max(MAX_CENTS),
    stock: z.number().int().min(0).max(1_000_000),
    art: z
      .object({
        shape: z.enum(["circle", "square", "diamond", "triangle", "hexagon", "star", "ring", "stripes"]),
        color: z.string().regex(/^#[0-9a-f]{6}$/i),
        accent: z.string().regex(/^#[0-9a-f]{6}$/i),
        glyph: z.string().min(1).max(3),
      })
      .strict(),
  })
  .strict();
export type CatalogProduct = z.infer<typeof CatalogProduct>;

export const CatalogFile = z
  .object({
    currency: z.literal(CURRENCY),
    products: z.array(CatalogProduct).min(1).max(10_000),
  })
  .strict();
export type CatalogFile = z.infer<typeof CatalogFile>;

/** A product as `GET /api/store/products[/:id]` serves it. */
export interface Product {
  id: string;
  name: string;
  description: string;
  category: Category;
  priceCents: number;
  currency: string;
  stock: number;
  /** Served by the store: `/api/store/images/<id>.svg`. */
  imageUrl: string;
  /** Bumped on every stock or price change (the catalog version of the change). */
  version: number;
}

export function imageUrlOf(id: string): string {
  return `/api/store/images/${id}.svg`;
}

/** Validates a catalog file: schema, then unique ids. Returns every problem. */
export function validateCatalog(input: unknown): Result<CatalogFile> {
  const parsed = CatalogFile.safeParse(input);
  if (!parsed.success) {
    return reject(
      "INVALID_CATALOG",
      `catalog is invalid: ${parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const seen = new Set<string>();
  const dupes = parsed.data.products.filter((p) => (seen.has(p.id) ? true : (seen.add(p.id), false))).map((p) => p.id);
  if (dupes.length) return reject("INVALID_CATALOG", `catalog has duplicate product ids: ${[...new Set(dupes)].join(", ")}`);
  return ok(parsed.data);
}

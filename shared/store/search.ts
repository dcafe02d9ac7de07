/**
 * Catalog search input: normalized once at the edge so that equal searches share one cache entry.
 */
import { z } from "zod";
import { CATEGORIES } from "./catalog.js";
import { queryInt } from "../core/query.js";

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 24;

export const ProductQuery = z
  .object({
    q: z
      .string()
      .max(100, "q must be at most 100 characters")
      // control characters other than whitespace (which is collapsed): a NUL cut SQLite's LIKE pattern short (it matched everything) and PostgreSQL refuses one in text
      .regex(/^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$/, "q must not contain control characters")
      .optional(),
    category: z.enum(CATEGORIES, { message: `category must be one of ${CATEGORIES.join(", ")}` }).optional(),
    limit: queryInt(1, MAX_PAGE, DEFAULT_PAGE),
    offset: queryInt(0, 100_000, 0),
  })
  .strict();
export type ProductQuery = z.infer<typeof ProductQuery>;

export interface NormalizedQuery {
  /** Lowercased, trimmed, inner spaces collapsed; "" = everything. */
  q: string;
  category: string;
  limit: number;
  offset: number;
}

export function normalizeQuery(query: ProductQuery): NormalizedQuery {
  return {
    q: (query.q ?? "").normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase(),
    category: query.category ?? "",
    limit: query.limit,
    offset: query.offset,
  };
}

/** The cache key of a search (same normalized search → same key). */
export function queryKey(q: NormalizedQuery): string {
  return `${q.category}|${q.limit}|${q.offset}|${q.q}`;
}

/** `q` as a LIKE pattern that matches it literally anywhere (escape char: "\"). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The store's pure parts: cart, pricing, search input, money, catalog file. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  MAX_CART_LINES, MAX_LINE_QTY, emptyCart, formatCents, isValidCart, likePattern, lockOrder, normalizeQuery, priceCart,
  queryKey, setLine, shortages, validateCatalog, ProductQuery, CartBody, imageUrlOf, type Cart,
} from "../../../shared/store/index.js";
import { storeSpec } from "../../../shared/store/spec.js";
import { validateSpec } from "../../../shared/core/spec.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe("store: cart", () => {
  it("adds, changes and removes lines without mutating the cart", () => {
    const a = emptyCart();
    const b = unwrap(setLine(a, "tea", 2));
    const c = unwrap(setLine(b, "map", 1));
    const d = unwrap(setLine(c, "tea", 5));
    const e = unwrap(setLine(d, "tea", 0));
    assert.deepEqual(a.lines, []);
    assert.deepEqual(b.lines, [{ productId: "tea", qty: 2 }]);
    assert.deepEqual(d.lines, [{ productId: "tea", qty: 5 }, { productId: "map", qty: 1 }], "a changed line keeps its place");
    assert.deepEqual(e.lines, [{ productId: "map", qty: 1 }], "qty 0 removes");
    assert.deepEqual(unwrap(setLine(e, "absent", 0)).lines, e.lines, "removing an absent line changes nothing");
  });

  const rows: Array<[string, number, string]> = [
    ["negative qty", -1, "VALIDATION_FAILED"],
    ["fractional qty", 1.5, "VALIDATION_FAILED"],
    ["qty over the line limit", MAX_LINE_QTY + 1, "VALIDATION_FAILED"],
  ];
  for (const [name, qty, code] of rows) {
    it(`refuses ${name}`, () => {
      const r = setLine(emptyCart(), "x", qty);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error.code, code);
    });
  }

  it("holds at most MAX_CART_LINES different products", () => {
    let cart: Cart = emptyCart();
    for (let i = 0; i < MAX_CART_LINES; i++) cart = unwrap(setLine(cart, `p${i}`, 1));
    const r = setLine(cart, "one-more", 1);
    assert.equal(!r.ok && r.error.code, "CART_FULL");
    assert.ok(setLine(cart, "p0", 3).ok, "changing an existing line is still fine");
  });

  it("recognizes valid decoded carts only", () => {
    assert.ok(isValidCart({ lines: [{ productId: "a", qty: 1 }] }));
    for (const bad of [null, {}, { lines: "x" }, { lines: [{ productId: "a", qty: 0 }] }, { lines: [{ productId: "a", qty: 1 }, { productId: "a", qty: 2 }] }, { lines: [{ productId: 3, qty: 1 }] }]) {
      assert.equal(isValidCart(bad), false, JSON.stringify(bad));
    }
  });

  it("prices from current product data, never from the cart, and reports vanished products", () => {
    const products = new Map([
      ["tea", { id: "tea", name: "Tea", priceCents: 350, stock: 4, imageUrl: imageUrlOf("tea") }],
      ["map", { id: "map", name: "Map", priceCents: 1299, stock: 0, imageUrl: imageUrlOf("map") }],
    ]);
    const priced = priceCart({ lines: [{ productId: "tea", qty: 3 }, { productId: "gone", qty: 1 }, { productId: "map", qty: 2 }] }, products);
    assert.equal(priced.totalCents, 3 * 350 + 2 * 1299);
    assert.deepEqual(priced.items.map((i) => [i.productId, i.lineTotalCents]), [["tea", 1050], ["map", 2598]]);
    assert.deepEqual(priced.missing, ["gone"]);
  });

  it("finds shortages and locks rows in id order", () => {
    const cart = { lines: [{ productId: "b", qty: 2 }, { productId: "a", qty: 5 }] };
    assert.deepEqual(shortages(cart, (id) => ({ a: 5, b: 1 })[id]), [{ productId: "b", requested: 2, available: 1 }]);
    assert.deepEqual(lockOrder(cart).map((l) => l.productId), ["a", "b"]);
  });
});

describe("store: search input and money", () => {
  it("normalizes equal searches to one cache key", () => {
    const a = normalizeQuery(ProductQuery.parse({ q: "  Brass   COMPASS ", limit: "10" }));
    const b = normalizeQuery(ProductQuery.parse({ q: "brass compass", limit: 10 }));
    assert.equal(queryKey(a), queryKey(b));
    assert.equal(a.offset, 0);
  });

  it("refuses bad paging and unknown parameters, naming the field", () => {
    for (const [input, field] of [[{ limit: "0" }, "limit"], [{ offset: "-1" }, "offset"], [{ limit: ["2", "3"] }, "limit"], [{ limit: "" }, "limit"], [{ category: "cars" }, "category"], [{ sort: "x" }, ""]] as const) {
      const r = ProductQuery.safeParse(input);
      assert.equal(r.success, false, JSON.stringify(input));
      if (field) assert.equal(r.error!.issues[0]!.path[0], field);
      if (field === "limit") assert.match(r.error!.issues[0]!.message, /a whole number from 1 to 100, given once/);
    }
  });

  it("escapes LIKE wildcards so a search matches literally", () => {
    assert.equal(likePattern("50%_off\\"), "%50\\%\\_off\\\\%");
  });

  it("formats cents without floating point", () => {
    assert.equal(formatCents(123456789), "1,234,567.89 €");
    assert.equal(formatCents(5), "0.05 €");
    assert.equal(formatCents(-250, "USD"), "-2.50 USD");
  });

  it("validates cart bodies", () => {
    assert.ok(CartBody.safeParse({ productId: "brass-compass", qty: 0 }).success);
    assert.equal(CartBody.safeParse({ productId: "Brass Compass", qty: 1 }).success, false);
    assert.equal(CartBody.safeParse({ productId: "brass-compass", qty: 1, priceCents: 1 }).success, false, "no price field accepted");
  });
});

describe("store: catalog file and spec", () => {
  const catalog = unwrap(validateCatalog(JSON.parse(fs.readFileSync(path.join(ROOT, "assets/store/catalog.json"), "utf8"))));

  it("has at least 30 products, each with its own image", () => {
    assert.ok(catalog.products.length >= 30, `${catalog.products.length} products`);
    for (const p of catalog.products) {
      const file = path.join(ROOT, "assets/store/images", `${p.id}.svg`);
      assert.ok(fs.existsSync(file), `${p.id}.svg exists (node scripts/store-images.mjs)`);
      assert.match(fs.readFileSync(file, "utf8"), /^<svg /);
    }
  });

  it("refuses duplicate ids and bad prices", () => {
    const p = catalog.products[0]!;
    assert.equal(validateCatalog({ currency: "EUR", products: [p, p] }).ok, false);
    assert.equal(validateCatalog({ currency: "EUR", products: [{ ...p, priceCents: 9.99 }] }).ok, false);
  });

  it("the room spec is valid and declares where each slice lives", () => {
    assert.ok(validateSpec(storeSpec).ok);
    assert.equal(storeSpec.placement[0]!.where, "database");
    assert.deepEqual(new Set(storeSpec.placement.map((s) => s.where)), new Set(["database", "cache", "client"]));
  });
});

/**
 * Store HTTP routes, mounted at /api/store (docs/store.md has the contract):
 *   GET  /products            ?q&category&limit&offset → {items, total}
 *   GET  /products/:id        → product
 *   GET  /images/:id.svg      product images (assets/store/images)
 *   POST /cart                {cartToken?, productId, qty} → {cartToken, items, totalCents, currency}
 *   POST /checkout            Bearer + Idempotency-Key, {cartToken} → 201 order (replays: Idempotent-Replayed: true)
 *   GET  /orders              Bearer → {items}
 *   GET  /orders/:id          Bearer, owner only (others: 404)
 * Stateless: any process answers any request; everything comes from the database (via the cache)
 * or from the signed cart token.
 */
import { createHash } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import type { Platform } from "../../platform/context.js";
import { chain, HttpError, parseWith, requireUser, route } from "../../platform/http.js";
import { queryInt } from "../../platform/validation.js";
import { ProductId } from "../../../shared/store/catalog.js";
import { emptyCart, priceCart, setLine, type Cart } from "../../../shared/store/cart.js";
import { CURRENCY } from "../../../shared/store/money.js";
import { CartBody, CheckoutBody, IdempotencyKey, OrderId, type CartReply } from "../../../shared/store/protocol.js";
import { ProductQuery, normalizeQuery } from "../../../shared/store/search.js";
import type { Product } from "../../../shared/store/catalog.js";
import { bodyLimit, originRules, perIpLimit, perUserLimit } from "./gateway.js";
import { storeService, type StoreService } from "./service.js";

const JSON_TYPE = "application/json; charset=utf-8";
const OrdersQuery = z.object({ limit: queryInt(1, 100, 50) }).strict();

export function storeRoutes(router: Router, platform: Platform): void {
  // routes are mounted when the server listens, after the kind's start hook created the store
  const s = storeService(platform);
  router.use(chain(originRules(s.config), bodyLimit(s.config.maxBodyBytes), perIpLimit(s.config, platform.now)));
  const perUser = perUserLimit(s.config, platform.now);
  const auth = requireUser(platform.tokens);

  router.get("/products", route(async (req, res) => {
    const q = normalizeQuery(parseWith(ProductQuery, req.query, "query"));
    const hit = await s.cache.search(q);
    const bodies = await s.cache.products(hit.ids);
    res.setHeader("Content-Type", JSON_TYPE);
    res.send(`{"items":[${bodies.join(",")}],"total":${hit.total}}`);
  }));

  router.get("/products/:id", route(async (req, res) => {
    const id = parseWith(ProductId, req.params.id, "product id");
    const body = await s.cache.product(id);
    if (body === undefined) throw new HttpError(404, "NOT_FOUND", `no product ${id}`);
    res.setHeader("Content-Type", JSON_TYPE);
    res.send(body); // the cached JSON text: serialized once, on the miss
  }));

  router.use("/images", (req, res, next) => {
    if (!/^\/[a-z0-9][a-z0-9-]{1,63}\.svg$/.test(req.path)) return next();
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.sendFile(req.path.slice(1), { root: s.config.imagesDir, headers: { "Content-Type": "image/svg+xml" } }, (err) => {
      if (err && !res.headersSent) {
        res.removeHeader("Cache-Control"); // a missing image may exist tomorrow: do not cache the 404
        next(new HttpError(404, "NOT_FOUND", `no image ${req.path.slice(1)}`));
      }
    });
  });

  router.post("/cart", route(async (req, res) => {
    const body = parseWith(CartBody, req.body ?? {}, "body");
    const cart = body.cartToken ? readCart(s, body.cartToken) : emptyCart();
    // the cart as it is, re-priced (a line may now be over the stock: its `stock` says so)
    if (body.productId === undefined || body.qty === undefined) return res.json(await cartReply(s, cart));
    const productJson = await s.cache.product(body.productId);
    if (productJson === undefined) throw new HttpError(404, "NOT_FOUND", `no product ${body.productId}`);
    const product = JSON.parse(productJson) as Product;
    // more than the stock now is refused, but a line already over it (stock sold since) may be lowered
    const had = cart.lines.find((l) => l.productId === body.productId)?.qty ?? 0;
    if (body.qty > product.stock && body.qty > had) {
      throw new HttpError(409, "INSUFFICIENT_STOCK", `only ${product.stock} of ${product.name} in stock (asked for ${body.qty})`, [
        { productId: product.id, requested: body.qty, available: product.stock },
      ]);
    }
    const next = setLine(cart, body.productId, body.qty);
    if (!next.ok) throw new HttpError(next.error.code === "CART_FULL" ? 409 : 400, next.error.code, next.error.message);
    res.json(await cartReply(s, next.value));
  }));

  router.post("/checkout", auth, perUser, route(async (req, res) => {
    const rawKey = req.header("idempotency-key");
    if (rawKey === undefined) {
      throw new HttpError(400, "IDEMPOTENCY_KEY_REQUIRED", "checkout needs an Idempotency-Key header (e.g. a fresh UUID per checkout attempt)");
    }
    const key = parseWith(IdempotencyKey, rawKey, "Idempotency-Key header");
    const body = parseWith(CheckoutBody, req.body ?? {}, "body");
    const cart = readCart(s, body.cartToken);
    const request = {
      userId: req.user!.id,
      key,
      requestHash: createHash("sha256").update(`POST /api/store/checkout\n${JSON.stringify(body)}`).digest("base64url"),
      now: platform.now(),
    };
    // an empty cart is refused before anything runs (and not recorded), but a key already used
    // answers as a used key: its stored reply, or IDEMPOTENCY_KEY_REUSED
    const outcome =
      cart.lines.length === 0
        ? ((await s.orders.previous(request)) ?? throwCartEmpty())
        : await s.orders.checkout({ ...request, cart });
    switch (outcome.kind) {
      case "created": {
        await s.guard.fresh(); // this process's cache and Redis learn the new stock before we answer
        res.setHeader("Location", `/api/store/orders/${outcome.body.orderId}`);
        return res.status(201).json(outcome.body);
      }
      case "replayed": {
        res.setHeader("Idempotent-Replayed", "true");
        // the first reply again, headers included: a created order's Location
        const orderId = outcome.status === 201 ? (outcome.body as { orderId?: unknown }).orderId : undefined;
        if (typeof orderId === "string") res.setHeader("Location", `/api/store/orders/${orderId}`);
        return res.status(outcome.status).json(outcome.body);
      }
      case "reused":
        throw new HttpError(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was already used with a different cartToken; a retry must send the same key and the same token (if an earlier reply was lost, check GET /api/store/orders before a new checkout with a new key)");
      case "refused":
        return res.status(outcome.status).json(outcome.body);
    }
  }));

  router.get("/orders", auth, perUser, route(async (req, res) => {
    const q = parseWith(OrdersQuery, req.query, "query");
    res.json({ items: await s.orders.orders(req.user!.id, q.limit) });
  }));

  router.get("/orders/:id", auth, perUser, route(async (req, res) => {
    const id = parseWith(OrderId, req.params.id, "order id");
    const order = await s.orders.order(id, req.user!.id);
    // someone else's order is "not found", not "forbidden": ids of others' orders are not confirmed
    if (!order) throw new HttpError(404, "NOT_FOUND", `no order ${id}`);
    res.json(order);
  }));
}

function readCart(s: StoreService, token: string): Cart {
  const r = s.carts.verify(token);
  if (!r.ok) throw new HttpError(400, r.error.code, r.error.message, [{ path: "cartToken", message: r.error.message }]);
  return r.value;
}

async function cartReply(s: StoreService, cart: Cart): Promise<CartReply> {
  const bodies = await s.cache.products(cart.lines.map((l) => l.productId));
  const products = new Map(bodies.map((b) => {
    const p = JSON.parse(b) as Product;
    return [p.id, p] as const;
  }));
  const priced = priceCart(cart, products);
  // products that disappeared are dropped from the cart the client keeps
  const kept: Cart = priced.missing.length ? { lines: cart.lines.filter((l) => !priced.missing.includes(l.productId)) } : cart;
  return { cartToken: s.carts.sign(kept), items: priced.items, totalCents: priced.totalCents, currency: CURRENCY };
}

function throwCartEmpty(): never {
  throw new HttpError(400, "CART_EMPTY", "the cart is empty: add something first");
}

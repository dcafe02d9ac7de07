/**
 * The cart as a signed client-side token: `c1.<payload>.<signature>` (base64url JSON + HMAC-SHA256).
 * The payload holds product ids and quantities only — never prices, which are re-read from the
 * database on every use. The key is derived from the server's auth secret (AUTH_SECRET or
 * DATA_DIR/auth-secret), so every process that shares it accepts every other's carts.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { ok, reject, type Result } from "../../../shared/core/errors.js";
import { isValidCart, type Cart } from "../../../shared/store/cart.js";

const PREFIX = "c1";

export interface CartTokens {
  sign(cart: Cart): string;
  verify(token: string): Result<Cart>;
}

export function createCartTokens(authSecret: Uint8Array, ttlSeconds: number, now: () => number): CartTokens {
  const key = Buffer.from(hkdfSync("sha256", authSecret, "statecraft-store", "cart-token-v1", 32));
  const mac = (data: string) => createHmac("sha256", key).update(data).digest();
  return {
    sign(cart) {
      const iat = Math.floor(now() / 1000);
      const payload = Buffer.from(
        JSON.stringify({ l: cart.lines.map((l) => [l.productId, l.qty]), iat, exp: iat + ttlSeconds }),
      ).toString("base64url");
      const body = `${PREFIX}.${payload}`;
      return `${body}.${mac(body).toString("base64url")}`;
    },
    verify(token) {
      const parts = token.split(".");
      if (parts.length !== 3 || parts[0] !== PREFIX) return reject("CART_TOKEN_INVALID", "cartToken is malformed");
      const body = `${parts[0]}.${parts[1]}`;
      const given = Buffer.from(parts[2]!, "base64url");
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return reject("CART_TOKEN_INVALID", "cartToken signature does not match (tampered, or from another server)");
      let decoded: { l?: unknown; exp?: unknown };
      try {
        decoded = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
      } catch {
        return reject("CART_TOKEN_INVALID", "cartToken payload is not readable");
      }
      if (typeof decoded.exp !== "number" || decoded.exp * 1000 <= now())
        return reject("CART_TOKEN_EXPIRED", "cartToken has expired: start a new cart");
      const lines = Array.isArray(decoded.l)
        ? decoded.l.map((e: unknown) => (Array.isArray(e) ? { productId: e[0], qty: e[1] } : e))
        : undefined;
      const cart = { lines };
      if (!isValidCart(cart)) return reject("CART_TOKEN_INVALID", "cartToken holds an invalid cart");
      return ok(cart);
    },
  };
}

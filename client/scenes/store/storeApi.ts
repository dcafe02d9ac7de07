/**
 * The store's HTTP API from the browser (docs/store.md). Failures come back as values
 * `{code, message, status}` like client/net/api.ts; checkout sends the Idempotency-Key header
 * (which the shared Api class does not), and reports whether the reply was a replay.
 */
import type { ApiError, ApiResult } from "../../net/api.js";
import { httpError } from "../../net/api.js";
import type { Product } from "../../../shared/store/catalog.js";
import type { CartReply, Order, ProductList } from "../../../shared/store/protocol.js";

export interface CheckoutReply {
  status: number;
  replayed: boolean;
  order: Order;
}

export class StoreApi {
  constructor(private readonly token: () => string | undefined, private readonly base = "") {}

  products(query: { q?: string; category?: string; limit?: number; offset?: number }): Promise<ApiResult<ProductList>> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
    return this.call<ProductList>("GET", `/api/store/products?${params}`);
  }

  product(id: string): Promise<ApiResult<Product>> {
    return this.call<Product>("GET", `/api/store/products/${encodeURIComponent(id)}`);
  }

  /** The cart as it is, re-priced, with each line's stock now. */
  readCart(cartToken: string): Promise<ApiResult<CartReply>> {
    return this.call<CartReply>("POST", "/api/store/cart", { cartToken });
  }

  setLine(cartToken: string | undefined, productId: string, qty: number): Promise<ApiResult<CartReply>> {
    return this.call<CartReply>("POST", "/api/store/cart", { ...(cartToken ? { cartToken } : {}), productId, qty });
  }

  async checkout(cartToken: string, idempotencyKey: string): Promise<ApiResult<CheckoutReply>> {
    const r = await this.call<Order>("POST", "/api/store/checkout", { cartToken }, { "idempotency-key": idempotencyKey });
    if (!r.ok) return r;
    return { ok: true, status: r.status, value: { status: r.status, replayed: r.headers?.get("idempotent-replayed") === "true", order: r.value } };
  }

  orders(): Promise<ApiResult<{ items: Order[] }>> {
    return this.call<{ items: Order[] }>("GET", "/api/store/orders");
  }

  private async call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<ApiResult<T> & { headers?: Headers }> {
    const headers: Record<string, string> = { accept: "application/json", ...extra };
    if (body !== undefined) headers["content-type"] = "application/json";
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      return { ok: false, error: { code: "NETWORK_ERROR", message: `Cannot reach the server (${e instanceof Error ? e.message : String(e)}).`, status: 0 } };
    }
    const text = await res.text().catch(() => "");
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!res.ok) return { ok: false, error: httpError(res.status, data, text) as ApiError };
    return { ok: true, value: data as T, status: res.status, headers: res.headers };
  }
}

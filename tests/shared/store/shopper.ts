/**
 * A tiny HTTP client for store tests. Each StoreShopper comes from its own client address
 * (X-Forwarded-For, which the server honours from loopback proxies): the suites simulate many
 * devices on a LAN, so the per-address rate limit applies per shopper, as it would in real life.
 */
import { randomInt, randomUUID } from "node:crypto";

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class StoreShopper {
  readonly ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  token?: string;
  cartToken?: string;

  constructor(readonly base: string) {}

  async request<T = any>(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { "x-forwarded-for": this.ip, ...opts.headers };
    if (this.token && !("authorization" in headers)) headers.authorization = `Bearer ${this.token}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers["content-type"] ??= "application/json";
    const res = await fetch(this.base + path, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  }

  async signIn(name = "Shopper"): Promise<this> {
    const r = await this.request("POST", "/api/auth/guest", { body: { name } });
    if (r.status !== 201) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.token = r.body.token;
    return this;
  }

  async add(productId: string, qty: number): Promise<Reply> {
    const r = await this.request("POST", "/api/store/cart", { body: { ...(this.cartToken ? { cartToken: this.cartToken } : {}), productId, qty } });
    if (r.status === 200) this.cartToken = r.body.cartToken;
    return r;
  }

  checkout(key: string = randomUUID(), cartToken = this.cartToken): Promise<Reply> {
    return this.request("POST", "/api/store/checkout", { body: { cartToken }, headers: { "idempotency-key": key } });
  }
}

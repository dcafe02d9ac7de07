/**
 * The store's scene: a web shop over the canvas (DOM panels) with a quiet Phaser backdrop.
 * - Every command goes through the stateless HTTP API (storeApi.ts): search, product pages, the
 *   cart (a signed token kept in localStorage), checkout with an Idempotency-Key, order history.
 * - The store room only pushes: `stock` (stock and price changes by anyone, anywhere) updates every
 *   badge in place; `viewers` shows "N people looking at this"; the scene says which product it
 *   shows with `view {productId}`. See docs/store.md.
 */
import type { Product } from "../../../shared/store/catalog.js";
import { MAX_LINE_QTY } from "../../../shared/store/cart.js";
import type { CartReply, Order } from "../../../shared/store/protocol.js";
import type { CatalogSnapshotMessage, StockMessage, ViewersMessage } from "../../../shared/store/spec.js";
import { h, replaceChildren } from "../../ui/dom.js";
import { servicesOf, type Services } from "../../services.js";
import { RoomScene } from "../RoomScene.js";
import { ShopState } from "./shopState.js";
import { StoreApi } from "./storeApi.js";
import { cartView, ordersView, patchStock, patchViewers, productGrid, productPage, resultView, toolbar, type CheckoutResult } from "./views.js";
import { viewLink, viewOfLink, type View } from "./viewLink.js";
import "./store.css";


export class StoreScene extends RoomScene {
  private services!: Services;
  private api!: StoreApi;
  private shop!: ShopState;
  private root!: HTMLElement;
  private main!: HTMLElement;
  private cartButton!: HTMLButtonElement;
  private view: View = { name: "grid" };
  private query = { q: "", category: "" };
  private cart?: CartReply;
  private busy = false;
  private renderSeq = 0;

  constructor() {
    super({ key: "store" });
  }

  create(): void {
    this.services = servicesOf(this);
    this.api = new StoreApi(() => this.services.session.current()?.token);
    this.shop = new ShopState(safeStorage());
    this.drawBackdrop();

    this.cartButton = h("button", { class: "btn nav-cart", onclick: () => this.go({ name: "cart" }) }, "Cart");
    this.main = h("main", { class: "store-main" });
    this.root = h(
      "div",
      { class: "store" },
      h(
        "header",
        { class: "topbar store-topbar" },
        h("div", { class: "brand" }, h("span", { class: "brand-name" }, "Statecraft Store"), h("span", { class: "live-dot", title: "live stock" }), h("span", { class: "tagline" }, "live stock from the database")),
        h(
          "nav",
          { class: "store-nav" },
          h("button", { class: "btn nav-products", onclick: () => this.go({ name: "grid" }) }, "Products"),
          this.cartButton,
          h("button", { class: "btn nav-orders", onclick: () => this.go({ name: "orders" }) }, "My orders"),
          h("button", { class: "btn btn-ghost", onclick: () => void this.backToLobby() }, "← Lobby"),
        ),
      ),
      this.main,
    );
    this.mountPanel(this.root);

    this.room.onMessage("stock", (m: StockMessage) => {
      for (const e of this.shop.applyStock(m.changes)) patchStock(this.root, e.id, e.stock, e.priceCents);
    });
    this.room.onMessage("viewers", (m: ViewersMessage) => {
      this.shop.applyViewers(m.counts);
      for (const [id, n] of Object.entries(m.counts)) patchViewers(this.root, id, n);
    });
    this.room.onMessage("catalog", (m: CatalogSnapshotMessage) => this.applySnapshot(m));
    // a product that is not in the store: its page says so, the room's refusal of `view` need not too
    this.services.connection.handleErrors(this.room, (e) => e.code === "NOT_FOUND" && this.view.name === "product");
    void this.room.request("snapshot").then((m) => this.applySnapshot(m as CatalogSnapshotMessage), () => undefined);
    // after a reconnect (or a server restart) the pushes may have missed changes: ask again
    this.room.onReconnect(() => this.room.send("snapshot"));

    void this.refreshCart();
    this.go(viewOfLink(this.initialView()), "replace"); // a reload or a shared link: the page it names
  }

  /** Back/Forward to another of the store's pages: show it (the address bar is already there). */
  protected override onViewLink(link: string | undefined): void {
    const view = viewOfLink(link);
    const known = viewLink(view);
    this.go(view, known === link ? "keep" : "replace"); // a page typed that is no page: the grid, at its address
  }

  private applySnapshot(m: CatalogSnapshotMessage): void {
    for (const e of this.shop.applyStock(m.products)) patchStock(this.root, e.id, e.stock, e.priceCents);
    this.shop.applyViewers(Object.fromEntries([...this.shop.viewers.keys()].map((k) => [k, 0])));
    this.shop.applyViewers(m.viewers);
    for (const id of new Set([...Object.keys(m.viewers)])) patchViewers(this.root, id, m.viewers[id] ?? 0);
  }

  /** Shows `view`; `address`: push it as a new history entry (a click), replace the current one, or keep the bar as it is (Back/Forward). */
  private go(view: View, address: "push" | "replace" | "keep" = "push"): void {
    const leaving = this.view.name === "product" ? this.view.id : null;
    const entering = view.name === "product" ? view.id : null;
    if (leaving !== entering) this.room.send("view", { productId: entering });
    const link = viewLink(view);
    if (address !== "keep" && link !== null) this.showView(link, address === "push");
    this.view = view;
    void this.render();
  }

  private async render(): Promise<void> {
    const seq = ++this.renderSeq;
    const v = this.view;
    this.root.dataset.view = v.name;
    const show = (...children: (HTMLElement | null)[]) => {
      if (seq === this.renderSeq) replaceChildren(this.main, ...children);
    };
    switch (v.name) {
      case "grid": {
        // the toolbar stays while results change (a search keeps its focus and caret)
        let bar = this.main.querySelector<HTMLElement>(".store-toolbar");
        let results = this.main.querySelector<HTMLElement>(".store-results");
        if (!bar || !results) {
          bar = toolbar(this.query.q, this.query.category, { search: (q, category) => {
            this.query = { q, category };
            void this.render();
          } });
          results = h("div", { class: "store-results" }, h("p", { class: "muted" }, "Loading…"));
          show(bar, results);
        }
        const r = await this.api.products({ ...this.query, limit: 100 });
        if (seq !== this.renderSeq) return;
        if (!r.ok) return replaceChildren(results, h("p", { class: "field-error" }, r.error.message));
        const items = r.value.items.map((p) => this.live(p));
        replaceChildren(results, productGrid(items, r.value.total, (id) => this.go({ name: "product", id }), (id) => this.shop.viewers.get(id) ?? 0));
        return;
      }
      case "product": {
        show(h("p", { class: "muted" }, "Loading…"));
        const r = await this.api.product(v.id);
        if (!r.ok) {
          return show(h("div", { class: "product-missing card" },
            h("p", { class: "field-error" }, r.error.code === "NOT_FOUND" ? "This product is not in the store (any more)." : r.error.message),
            h("button", { class: "btn", type: "button", onclick: () => this.go({ name: "grid" }) }, "← All products"),
          ));
        }
        const p = this.live(r.value);
        return show(productPage(p, this.shop.viewers.get(p.id) ?? 0, { add: (typed) => void this.addToCart(p, typed), back: () => this.go({ name: "grid" }) }));
      }
      case "cart":
        await this.refreshCart();
        return show(cartView(this.cart, {
          setQty: (id, qty) => void this.setQty(id, qty),
          checkout: () => void this.checkout(),
          browse: () => this.go({ name: "grid" }),
        }, this.busy));
      case "result":
        return show(resultView(v.result, {
          orders: () => this.go({ name: "orders" }),
          cart: () => this.go({ name: "cart" }),
          browse: () => this.go({ name: "grid" }),
          retry: () => void this.checkout(),
        }));
      case "orders": {
        show(ordersView(undefined, undefined));
        const r = await this.api.orders();
        return show(ordersView(r.ok ? r.value.items : undefined, r.ok ? undefined : r.error.message));
      }
    }
  }

  /** A product with the newest stock and price known (HTTP reply or room push, whichever is newer). */
  private live(p: Product): Product {
    const pushed = this.shop.stock.get(p.id);
    return pushed && pushed.version > p.version ? { ...p, stock: pushed.stock, priceCents: pushed.priceCents, version: pushed.version } : p;
  }

  /** `typed` is the quantity field as typed: anything but a whole number from 1 adds nothing and says why. */
  private async addToCart(p: Product, typed: string): Promise<void> {
    const qty = Number(typed);
    const inCart = this.cart?.items.find((i) => i.productId === p.id)?.qty ?? 0;
    const stock = this.live(p).stock; // the newest known: the server checks again
    const stockLimited = stock < MAX_LINE_QTY;
    const room = Math.max(0, Math.min(MAX_LINE_QTY, stock) - inCart);
    const onlyLeft = (left: number) => `Only ${left} of ${p.name} in stock${inCart ? `, and ${inCart} already in your cart` : ""}: you can add ${Math.max(0, left - inCart)} more.`;
    if (typed.trim() === "" || !Number.isInteger(qty) || qty < 1) {
      return this.fail({ code: "INVALID_QTY", message: `Enter a whole number of items from 1 to ${Math.max(1, room)}.` });
    }
    if (qty > room) {
      if (stockLimited) return this.fail({ code: "INSUFFICIENT_STOCK", message: onlyLeft(stock) });
      return this.fail({ code: "CART_LINE_FULL", message: room > 0 ? `At most ${MAX_LINE_QTY} of one product per order: you can add ${room} more (${inCart} in your cart).` : `Your cart already holds the most of one product per order (${MAX_LINE_QTY}).` });
    }
    const r = await this.api.setLine(this.shop.cartToken, p.id, inCart + qty);
    if (!r.ok) {
      const left = (r.error.details as Array<{ available?: number }> | undefined)?.[0]?.available;
      if (r.error.code === "INSUFFICIENT_STOCK" && typeof left === "number") {
        return this.fail({ code: r.error.code, message: onlyLeft(left) });
      }
      return this.fail(r.error);
    }
    this.setCart(r.value);
    this.services.toaster.show(`Added ${qty} × ${p.name} to the cart.`, { kind: "success" });
  }

  private async setQty(productId: string, qty: number): Promise<void> {
    const r = await this.api.setLine(this.shop.cartToken, productId, Math.max(0, Math.min(MAX_LINE_QTY, qty)));
    if (!r.ok) return this.fail(r.error);
    this.setCart(r.value);
    void this.render();
  }

  /** Re-reads the cart: prices and stock come from the database. */
  private async refreshCart(): Promise<void> {
    const token = this.shop.cartToken;
    if (!token) {
      this.setCart(undefined);
      return;
    }
    const r = await this.api.readCart(token);
    if (r.ok) this.setCart(r.value);
    else if (r.error.status === 400 || r.error.status === 404) this.setCart(undefined); // expired or tampered: start over
  }

  private setCart(cart: CartReply | undefined): void {
    this.cart = cart && cart.items.length ? cart : undefined;
    this.shop.cartToken = this.cart ? cart!.cartToken : undefined;
    const n = this.cart?.items.reduce((s, i) => s + i.qty, 0) ?? 0;
    this.cartButton.textContent = n ? `Cart (${n})` : "Cart";
  }

  private async checkout(): Promise<void> {
    const token = this.shop.cartToken;
    if (!token || this.busy) return;
    this.busy = true;
    if (this.view.name === "cart") void this.render();
    const key = this.shop.checkoutKey(token, uuid);
    const r = await this.api.checkout(token, key);
    this.busy = false;
    let result: CheckoutResult;
    if (r.ok) {
      this.shop.settleCheckout();
      this.setCart(undefined);
      result = { kind: "ok", order: r.value.order as Order, replayed: r.value.replayed };
    } else {
      const retryable = r.error.status === 0 || r.error.status >= 500 || r.error.code === "RATE_LIMITED";
      if (!retryable) this.shop.settleCheckout(); // answered: a new attempt gets a new key
      const details = r.error.code === "INSUFFICIENT_STOCK" && Array.isArray(r.error.details)
        ? ` ${(r.error.details as Array<{ productId: string; requested: number; available: number }>).map((d) => `${this.cart?.items.find((i) => i.productId === d.productId)?.name ?? d.productId}: ${d.available} left, you asked for ${d.requested}.`).join(" ")}`
        : "";
      result = { kind: "refused", code: r.error.code, message: r.error.code === "INSUFFICIENT_STOCK" ? `Not enough stock.${details}` : r.error.message, retryable };
    }
    this.go({ name: "result", result });
  }

  private fail(error: { code: string; message: string }): void {
    this.services.toaster.show(error.message, { kind: "error", code: error.code });
  }

  private drawBackdrop(): void {
    const width = Math.max(this.scale.width, 3840); // covers any window size: the panel is the shop
    const height = Math.max(this.scale.height, 2160);
    const g = this.add.graphics();
    g.fillGradientStyle(0x0b0f17, 0x0b0f17, 0x141b2b, 0x141b2b, 1);
    g.fillRect(0, 0, width, height);
    g.lineStyle(1, 0x1c2638, 0.8);
    for (let y = 140; y < height; y += 120) g.lineBetween(0, y, width, y); // shelves
  }
}

/** A v4 UUID from getRandomValues (crypto.randomUUID needs a secure context; LAN pages are plain http). */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

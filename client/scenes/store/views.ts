/**
 * DOM views of the store scene (built with ui/dom.ts `h`: text always through textContent).
 * Stock badges and "people looking" carry `data-stock-for` / `data-viewers-for` so live pushes can
 * update them in place (`patchStock`, `patchViewers`) without re-rendering a view.
 */
import { h, replaceChildren } from "../../ui/dom.js";
import { CATEGORIES, type Product } from "../../../shared/store/catalog.js";
import { formatCents } from "../../../shared/store/money.js";
import type { CartReply, Order } from "../../../shared/store/protocol.js";
import { stockBadge } from "./shopState.js";

export function badge(productId: string, stock: number): HTMLElement {
  const b = stockBadge(stock);
  return h("span", { class: `stock-badge stock-${b.level}`, "data-stock-for": productId, "data-stock": stock }, b.text);
}

/** `mine`: the line is on this product's own page, so the count includes me (the page is a viewer). */
export function viewersLine(productId: string, n: number, mine = false): HTMLElement {
  return h("span", { class: "viewers", "data-viewers-for": productId, "data-mine": mine ? "1" : null, hidden: n <= 0 }, viewersText(n, mine));
}

function viewersText(n: number, mine: boolean): string {
  if (mine) return n <= 1 ? "only you are looking at this" : n === 2 ? "you and 1 other person are looking at this" : `you and ${n - 1} others are looking at this`;
  return n === 1 ? "1 person looking at this" : `${n} people looking at this`;
}

/** Updates every stock badge (and price) of one product in `root`. */
/** Under a cart line: shown while the line asks for more than the stock now (checkout would be refused). */
function shortage(productId: string, qty: number, stock: number): HTMLElement {
  const el = h("p", { class: "line-short", role: "alert", "data-short-for": productId, "data-qty": qty });
  showShortage(el, qty, stock);
  return el;
}

function showShortage(el: HTMLElement, qty: number, stock: number): void {
  el.hidden = qty <= stock;
  el.textContent = stock <= 0 ? "Sold out now: remove it to check out." : `Only ${stock} in stock now: lower the quantity to check out.`;
}

export function patchStock(root: HTMLElement, id: string, stock: number, priceCents: number): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[data-short-for="${id}"]`)) showShortage(el, Number(el.dataset.qty), stock);
  for (const el of root.querySelectorAll<HTMLElement>(`[data-stock-for="${id}"]`)) {
    const b = stockBadge(stock);
    el.className = `stock-badge stock-${b.level} stock-changed`;
    el.textContent = b.text;
    el.dataset.stock = String(stock);
  }
  for (const el of root.querySelectorAll<HTMLElement>(`[data-price-for="${id}"]`)) el.textContent = formatCents(priceCents);
  for (const el of root.querySelectorAll<HTMLButtonElement>(`[data-add-for="${id}"]`)) el.disabled = stock <= 0;
}

export function patchViewers(root: HTMLElement, id: string, n: number): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[data-viewers-for="${id}"]`)) {
    el.hidden = n <= 0;
    el.textContent = viewersText(n, el.dataset.mine === "1");
  }
}

export interface ToolbarHandlers {
  search(q: string, category: string): void;
}

export function toolbar(q: string, category: string, on: ToolbarHandlers): HTMLElement {
  const input = h("input", { type: "text", class: "store-search", placeholder: "Search products…", value: q, "aria-label": "Search products" });
  const select = h(
    "select",
    { class: "store-category", "aria-label": "Category" },
    h("option", { value: "" }, "All categories"),
    CATEGORIES.map((c) => h("option", { value: c, selected: c === category }, c[0]!.toUpperCase() + c.slice(1))),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => on.search(input.value, select.value);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fire, 250);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      clearTimeout(timer);
      fire();
    }
  });
  select.addEventListener("change", fire);
  return h("div", { class: "store-toolbar" }, input, select);
}

export function productGrid(products: Product[], total: number, open: (id: string) => void, viewers: (id: string) => number): HTMLElement {
  if (products.length === 0) return h("p", { class: "store-empty muted" }, "No products match this search.");
  return h(
    "div",
    {},
    h("p", { class: "muted store-count" }, `${total} product${total === 1 ? "" : "s"}`),
    h(
      "div",
      { class: "product-grid" },
      products.map((p) =>
        h(
          "button",
          { class: "product-card", "data-product": p.id, onclick: () => open(p.id) },
          h("img", { src: p.imageUrl, alt: p.name, loading: "lazy", width: 256, height: 256 }),
          h("span", { class: "product-name" }, p.name),
          h("span", { class: "product-meta" }, h("span", { class: "price", "data-price-for": p.id }, formatCents(p.priceCents, p.currency)), badge(p.id, p.stock)),
          viewersLine(p.id, viewers(p.id)),
        ),
      ),
    ),
  );
}

export function productPage(p: Product, viewers: number, on: { add(qty: string): void; back(): void }): HTMLElement {
  const qty = h("input", { type: "number", class: "qty", min: 1, max: 99, value: 1, "aria-label": "Quantity" });
  return h(
    "article",
    { class: "product-page card", "data-product": p.id },
    h("button", { class: "btn btn-small btn-ghost", onclick: on.back }, "← All products"),
    h(
      "div",
      { class: "product-page-body" },
      h("img", { src: p.imageUrl, alt: p.name, width: 320, height: 320 }),
      h(
        "div",
        { class: "product-info" },
        h("h2", {}, p.name),
        h("p", { class: "muted" }, p.category),
        h("p", { class: "price big", "data-price-for": p.id }, formatCents(p.priceCents, p.currency)),
        h("p", {}, badge(p.id, p.stock), " ", viewersLine(p.id, viewers, true)),
        h("p", { class: "description" }, p.description),
        h(
          "div",
          { class: "add-row" },
          qty,
          h("button", { class: "btn btn-primary add-to-cart", "data-add-for": p.id, disabled: p.stock <= 0, onclick: () => on.add(qty.value) }, "Add to cart"),
        ),
      ),
    ),
  );
}

export function cartView(cart: CartReply | undefined, on: { setQty(productId: string, qty: number): void; checkout(): void; browse(): void }, busy: boolean): HTMLElement {
  if (!cart || cart.items.length === 0) {
    return h("section", { class: "cart card" }, h("h2", {}, "Your cart"), h("p", { class: "muted" }, "The cart is empty."), h("button", { class: "btn", onclick: on.browse }, "Browse products"));
  }
  return h(
    "section",
    { class: "cart card" },
    h("h2", {}, "Your cart"),
    h(
      "table",
      { class: "cart-lines" },
      h("tbody", {}, cart.items.map((i) =>
        h(
          "tr",
          { "data-line": i.productId },
          h("td", {}, h("img", { src: i.imageUrl, alt: "", width: 48, height: 48 })),
          h("td", {}, h("span", { class: "line-name" }, i.name), h("br"), h("span", { class: "muted line-unit" }, `${formatCents(i.unitPriceCents, cart.currency)} each`), " ", badge(i.productId, i.stock),
            shortage(i.productId, i.qty, i.stock)),
          h("td", { class: "line-qty" },
            h("button", { class: "btn btn-small", "aria-label": `one less ${i.name}`, onclick: () => on.setQty(i.productId, i.qty - 1) }, "−"),
            h("span", { class: "qty-value" }, i.qty),
            h("button", { class: "btn btn-small", "aria-label": `one more ${i.name}`, onclick: () => on.setQty(i.productId, i.qty + 1) }, "+"),
            h("button", { class: "btn btn-small btn-ghost line-remove", onclick: () => on.setQty(i.productId, 0) }, "Remove")),
          h("td", { class: "num" }, formatCents(i.lineTotalCents, cart.currency)),
        ),
      )),
    ),
    h("p", { class: "cart-total" }, "Total ", h("strong", {}, formatCents(cart.totalCents, cart.currency))),
    h("p", { class: "muted hint" }, "Prices are checked again when you check out; nothing is reserved until then."),
    h("button", { class: "btn btn-primary checkout", disabled: busy, onclick: on.checkout }, busy ? "Placing your order…" : "Check out"),
  );
}

export function orderSummary(order: Order): HTMLElement {
  return h(
    "div",
    { class: "order", "data-order": order.orderId },
    h("div", { class: "order-head" }, h("code", {}, order.orderId), h("span", { class: "muted" }, new Date(order.createdAt).toLocaleString()), h("span", { class: "order-status" }, order.status)),
    h("ul", {}, order.items.map((l) => h("li", {}, `${l.qty} × ${l.name} — ${formatCents(l.lineTotalCents, order.currency)}`))),
    h("p", { class: "order-total" }, "Total ", h("strong", {}, formatCents(order.totalCents, order.currency))),
  );
}

export type CheckoutResult =
  | { kind: "ok"; order: Order; replayed: boolean }
  | { kind: "refused"; code: string; message: string; retryable: boolean };

export function resultView(result: CheckoutResult, on: { orders(): void; cart(): void; browse(): void; retry(): void }): HTMLElement {
  if (result.kind === "ok") {
    return h(
      "section",
      { class: "checkout-result ok card", role: "status" },
      h("h2", {}, "✓ Order confirmed"),
      h("p", {}, "Thank you! Your order is placed and the stock is yours.", result.replayed ? " (This is the answer to your earlier attempt: nothing was charged twice.)" : ""),
      orderSummary(result.order),
      h("div", { class: "row" }, h("button", { class: "btn btn-primary", onclick: on.orders }, "See my orders"), h("button", { class: "btn", onclick: on.browse }, "Keep shopping")),
    );
  }
  return h(
    "section",
    { class: "checkout-result refused card", role: "alert" },
    h("h2", {}, "✗ Order not placed"),
    h("p", {}, result.message),
    h("p", { class: "muted" }, h("code", {}, result.code), result.retryable ? " — it is safe to retry: the same attempt can never be charged twice." : " — nothing was reserved or charged."),
    h("div", { class: "row" },
      result.retryable ? h("button", { class: "btn btn-primary", onclick: on.retry }, "Retry") : null,
      h("button", { class: "btn", onclick: on.cart }, "Back to the cart")),
  );
}

export function ordersView(orders: Order[] | undefined, error: string | undefined): HTMLElement {
  return h(
    "section",
    { class: "orders card" },
    h("h2", {}, "My orders"),
    error ? h("p", { class: "field-error" }, error) : null,
    orders === undefined && !error ? h("p", { class: "muted" }, "Loading…") : null,
    orders?.length === 0 ? h("p", { class: "muted" }, "No orders yet.") : null,
    (orders ?? []).map(orderSummary),
  );
}

export { replaceChildren };

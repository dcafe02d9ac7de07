/**
 * The store's pages in the address bar, after the room's link (`…/#/join/<roomId>/<page>`): a
 * product's page is `product/<id>`, the cart `cart`, the order history `orders`, the product grid
 * nothing. Each page the shopper opens is a history entry, so the browser's Back returns to the
 * previous page (and from the grid to the lobby), and a reload or a shared link opens the same page.
 */
import type { CheckoutResult } from "./views.js";

export type View =
  | { name: "grid" }
  | { name: "product"; id: string }
  | { name: "cart" }
  | { name: "result"; result: CheckoutResult }
  | { name: "orders" };

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/** The link's page for `view`: undefined for the grid, null when the page has no address (a checkout's outcome). */
export function viewLink(view: View): string | undefined | null {
  switch (view.name) {
    case "grid":
      return undefined;
    case "product":
      return SEGMENT.test(view.id) ? `product/${view.id}` : null;
    case "cart":
      return "cart";
    case "orders":
      return "orders";
    case "result":
      return null;
  }
}

/** The page a link names; anything unknown is the grid. */
export function viewOfLink(link: string | undefined): View {
  if (link === "cart") return { name: "cart" };
  if (link === "orders") return { name: "orders" };
  const product = /^product\/([A-Za-z0-9_-]{1,64})$/.exec(link ?? "");
  return product ? { name: "product", id: product[1]! } : { name: "grid" };
}

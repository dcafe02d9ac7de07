/** The store's pages in the room link (client/scenes/store/viewLink.ts). */
import assert from "node:assert/strict";
import { viewLink, viewOfLink } from "../../client/scenes/store/viewLink.js";

describe("client: store page addresses", () => {
  it("round-trips the grid, a product, the cart and the orders", () => {
    for (const view of [{ name: "grid" }, { name: "product", id: "brass-compass" }, { name: "cart" }, { name: "orders" }] as const) {
      assert.deepEqual(viewOfLink(viewLink(view) ?? undefined), view);
    }
    assert.equal(viewLink({ name: "grid" }), undefined);
    assert.equal(viewLink({ name: "product", id: "p_1" }), "product/p_1");
  });

  it("a checkout's outcome has no address; unknown or malformed pages are the grid", () => {
    assert.equal(viewLink({ name: "result", result: { kind: "ok" } as never }), null);
    assert.equal(viewLink({ name: "product", id: "a b" }), null);
    for (const link of ["nope", "product", "product/", "product/a/b", "cart/x"]) assert.deepEqual(viewOfLink(link), { name: "grid" }, link);
  });
});

/**
 * The store room kind. The store's state lives in the database; this room holds none of its own.
 * It pushes live stock and price changes and "N people looking at this product" (counted through
 * Colyseus presence, so with Redis the count spans every process). Every command — cart,
 * checkout, orders — goes through the stateless HTTP API (shared/store/protocol.ts).
 */
import { z } from "zod";
import type { RoomSpec } from "../core/spec.js";
import { ProductId } from "./catalog.js";

/** Client → room: which product this client is looking at now (null: none). */
export const ViewMessage = z.object({ productId: ProductId.nullable() }).strict();
export type ViewMessage = z.infer<typeof ViewMessage>;

/** Client → room: "send me the snapshot" (answered as the request's reply, or as a `catalog` message). */
export const SnapshotMessage = z.union([z.undefined(), z.null(), z.object({}).strict()]);

export const StoreJoinOptions = z.object({}).strict();

/** Room → client, on `snapshot`: stock and price of every product, and who looks at what. */
export interface CatalogSnapshotMessage {
  products: StockEntry[];
  viewers: Record<string, number>;
}

/** Room → client: products whose stock or price changed (any process, any writer). */
export interface StockMessage {
  changes: StockEntry[];
}

/** Room → client: viewer counts that changed (0 = nobody looks any more). */
export interface ViewersMessage {
  counts: Record<string, number>;
}

export interface StockEntry {
  id: string;
  stock: number;
  priceCents: number;
  version: number;
}

export const storeSpec: RoomSpec = {
  name: "store",
  title: "Store",
  summary: "A stateless shop: the database is the authority; any process serves any request, a kill loses nothing.",
  maxClients: 1000,
  maxMessagesPerSecond: 10,
  reconnectSeconds: 20, // a dropped shopper still counts as viewing while the SDK reconnects
  joinOptions: StoreJoinOptions,
  messages: {
    view: ViewMessage,
    snapshot: SnapshotMessage,
  },
  placement: [
    {
      slice: "products, stock and prices",
      where: "database",
      written: "stock: in the checkout transaction (conditional decrement); catalog: loaded from assets/store at first start",
      repository: "server/rooms/store/productRepository.ts",
      onKill: "kept: nothing acknowledged is lost",
    },
    {
      slice: "orders and idempotency records",
      where: "database",
      written: "at checkout, in the same transaction as the stock decrement",
      repository: "server/rooms/store/orderRepository.ts",
      onKill: "kept: a retried checkout with the same Idempotency-Key replays the stored reply",
    },
    {
      slice: "catalog reads (product pages, searches)",
      where: "cache",
      onKill: "in-process LRU: refilled from the database on demand; Redis: kept, shared by every process",
    },
    {
      slice: "cart",
      where: "client",
      onKill: "kept: it is a signed token in the shopper's browser",
    },
    {
      slice: "who is looking at which product",
      where: "cache",
      onKill: "recounted within seconds as clients rejoin (Colyseus presence; stale entries expire)",
    },
  ],
};

/**
 * The pit room kind (issue #6): join options, messages and placement. One public room per
 * instrument (`filterBy: ["symbol"]`). Message and field names are a public contract
 * (docs/protocol.md). Prices are integers in ticks, quantities integers in lots.
 */
import { z } from "zod";
import type { RoomSpec } from "../core/spec.js";
import { isIntIn, ownKey, plainObject } from "../core/payload.js";
import { INSTRUMENTS } from "./instruments.js";

const SYMBOLS = INSTRUMENTS.map((i) => i.symbol) as [string, ...string[]];
/** Client order ids: 1–36 printable characters without spaces (a UUID fits). */
const CLIENT_ORDER_ID = /^[\x21-\x7e]{1,36}$/;
const clientOrderId = z.string().regex(CLIENT_ORDER_ID, "1–36 printable characters, no spaces");
const ticks = z.number().int().min(1).max(2 ** 31);
const lots = z.number().int().min(1).max(2 ** 31);

/**
 * `symbol` picks (or creates) the instrument's room; `joinById` may leave it out (a room link, the
 * lobby's Join). `reports: "batch"`: the execution reports of one group commit come as ONE
 * `executions` message (an array, in order) instead of one `execution` message each.
 */
export const PitJoinOptions = z
  .object({
    symbol: z.enum(SYMBOLS, { message: `symbol must be one of ${SYMBOLS.join(", ")}` }).optional(),
    reports: z.enum(["each", "batch"], { message: 'reports must be "each" (the default) or "batch"' }).optional(),
  })
  .strict();
export type PitJoinOptions = z.infer<typeof PitJoinOptions>;

export const PitOrderMessage = z
  .object({
    clientOrderId,
    side: z.enum(["buy", "sell"]),
    type: z.enum(["limit", "market"]),
    price: ticks.optional(),
    qty: lots,
    tif: z.enum(["GTC", "IOC", "FOK"]).optional(),
    postOnly: z.boolean().optional(),
  })
  .strict();
export type PitOrderMessage = z.infer<typeof PitOrderMessage>;

export const PitCancelMessage = z.object({ clientOrderId }).strict();
export type PitCancelMessage = z.infer<typeof PitCancelMessage>;

const isCount = (v: unknown): boolean => isIntIn(v, 1, 2 ** 31);

/**
 * `PitOrderMessage` without zod, for the hot path (every order): true only when zod would accept the
 * payload unchanged; false means "let zod decide" (it refuses with its issues, or accepts a form
 * left to it, e.g. `price: undefined`). Property-tested against the schema (tests/shared/pit/spec.test.ts).
 */
export function isPitOrderMessage(v: unknown): v is PitOrderMessage {
  const o = plainObject(v);
  if (o === null) return false;
  let required = 0;
  for (const k in o) {
    if (!ownKey(o, k)) return false;
    const x = o[k];
    switch (k) {
      case "clientOrderId":
        if (typeof x !== "string" || !CLIENT_ORDER_ID.test(x)) return false;
        required++;
        break;
      case "side":
        if (x !== "buy" && x !== "sell") return false;
        required++;
        break;
      case "type":
        if (x !== "limit" && x !== "market") return false;
        required++;
        break;
      case "qty":
        if (!isCount(x)) return false;
        required++;
        break;
      case "price":
        if (!isCount(x)) return false;
        break;
      case "tif":
        if (x !== "GTC" && x !== "IOC" && x !== "FOK") return false;
        break;
      case "postOnly":
        if (typeof x !== "boolean") return false;
        break;
      default:
        return false;
    }
  }
  return required === 4;
}

/** `PitCancelMessage` without zod (see isPitOrderMessage). */
export function isPitCancelMessage(v: unknown): v is PitCancelMessage {
  const o = plainObject(v);
  if (o === null) return false;
  let n = 0;
  for (const k in o) {
    if (k !== "clientOrderId" || !ownKey(o, k)) return false;
    n++;
  }
  return n === 1 && typeof o.clientOrderId === "string" && CLIENT_ORDER_ID.test(o.clientOrderId);
}

export const PitAmendMessage = z
  .object({ clientOrderId, qty: lots.optional(), price: ticks.optional() })
  .strict()
  .refine((m) => m.qty !== undefined || m.price !== undefined, { message: "amend needs qty or price" });
export type PitAmendMessage = z.infer<typeof PitAmendMessage>;

/** Depth levels per side in the room state; bounded arrays of market data. */
export const PIT_DEPTH_LEVELS = 20;
export const PIT_TAPE = 50;
export const PIT_CANDLES_1S = 120;
export const PIT_CANDLES_1M = 120;

export const pitSpec: RoomSpec = {
  name: "pit",
  title: "Trading pit",
  summary: "A price-time matching engine in room memory; every accepted order is journaled before it is acknowledged.",
  maxClients: 1_000,
  maxMessagesPerSecond: 200,
  reconnectSeconds: 20, // a dropped trader keeps the session (its cash stays in the room) while the SDK reconnects
  joinOptions: PitJoinOptions,
  fastChecks: { order: isPitOrderMessage, cancel: isPitCancelMessage },
  messages: { order: PitOrderMessage, cancel: PitCancelMessage, amend: PitAmendMessage },
  placement: [
    {
      slice: "order book, market data (depth, tape, candles, stats)",
      where: "room",
      onKill: "rebuilt at room creation from the latest snapshot and the journal tail: same state hash as the last acknowledged command",
    },
    {
      slice: "journal of accepted commands (audit trail), trades, balances, open orders, cash accounts and allocations, outbox",
      where: "database",
      written: "every batch of accepted commands (one event-loop turn), in one transaction, before any execution report or patch goes out",
      repository: "server/rooms/pit/journalRepository.ts",
      onKill: "kept: nothing acknowledged is lost",
    },
    {
      slice: "engine snapshots",
      where: "database",
      written: "every N accepted commands (PIT_SNAPSHOT_EVERY), in the batch's transaction",
      repository: "server/rooms/pit/journalRepository.ts",
      onKill: "kept: bounds the journal tail replayed at recovery",
    },
  ],
};

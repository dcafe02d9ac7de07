/**
 * The chess room kind: its messages, join options and placement (the room model, shared/core/spec).
 * Message and field names are a public contract (docs/protocol.md).
 */
import { z } from "zod";
import type { RoomSpec } from "../core/spec.js";
import { isIntIn, ownKey, plainObject } from "../core/payload.js";
import { TIME_CONTROLS } from "./timeControl.js";

const square = z.string().regex(/^[a-h][1-8]$/, "a square like e4");
const ply = z.number().int().min(0).max(10_000).optional();
/** Commands without a payload accept nothing or an empty object. */
const empty = z.union([z.undefined(), z.null(), z.object({}).strict()]);

export const MoveMessage = z.union([
  z.object({ san: z.string().min(2).max(12), ply }).strict(),
  z.object({ from: square, to: square, promotion: z.enum(["q", "r", "b", "n"]).optional(), ply }).strict(),
]);
export type MoveMessage = z.infer<typeof MoveMessage>;

/**
 * The `{san, ply?}` form of `MoveMessage` without zod (the room tries it first on every move): true
 * only for a plain object with a `san` string of 2–12 characters, an optional integer `ply` 0–10,000
 * and no other key — what zod accepts unchanged. False means "let zod decide" (the `{from, to}`
 * form, refusals). Property-tested against the schema (tests/shared/chess/spec.test.ts).
 */
export function isSanMoveMessage(v: unknown): v is MoveMessage {
  const o = plainObject(v);
  if (o === null) return false;
  let san = false;
  for (const k in o) {
    if (!ownKey(o, k)) return false;
    const x = o[k];
    if (k === "san") {
      if (typeof x !== "string" || x.length < 2 || x.length > 12) return false;
      san = true;
    } else if (k === "ply") {
      if (!isIntIn(x, 0, 10_000)) return false;
    } else return false;
  }
  return san;
}

export const ChessJoinOptions = z
  .object({
    timeControl: z.enum(TIME_CONTROLS, { message: `timeControl must be one of ${TIME_CONTROLS.join(", ")}` }).default("5+3"),
    spectate: z.boolean().default(false),
    private: z.boolean().default(false),
  })
  .strict();
export type ChessJoinOptions = z.infer<typeof ChessJoinOptions>;

/** Seconds a disconnected player has to come back before the opponent may claim the game. */
export const RECONNECT_SECONDS = 30;

export const chessSpec: RoomSpec = {
  name: "chess",
  title: "Chess",
  summary: "Authoritative, turn-based. Every move is stored before anyone sees it; a server kill loses nothing.",
  maxClients: 2 + 200,
  seats: 2,
  maxMessagesPerSecond: 20,
  reconnectSeconds: RECONNECT_SECONDS, // ChessRoom keeps seats by user itself (claims after the window): described here
  joinOptions: ChessJoinOptions,
  fastChecks: { move: isSanMoveMessage },
  messages: {
    move: MoveMessage,
    resign: empty,
    offerDraw: empty,
    acceptDraw: empty,
    declineDraw: empty,
    claimDraw: empty,
    claimVictory: empty,
    abort: empty,
    rematch: empty,
    declineRematch: empty,
  },
  placement: [
    {
      slice: "position, clocks, draw offers, who is connected",
      where: "room",
      onKill: "rebuilt from the stored moves; the running clock is charged only until the server was last seen alive",
    },
    {
      slice: "moves",
      where: "database",
      written: "every move, before it is broadcast",
      repository: "server/rooms/chess/gameRepository.ts",
      onKill: "kept: nothing acknowledged is lost",
    },
    {
      slice: "finished games (PGN), profiles and Glicko-2 ratings",
      where: "database",
      written: "at game end, game record and both ratings in one transaction",
      repository: "server/rooms/chess/gameRepository.ts",
      onKill: "kept",
    },
  ],
};

/**
 * The plaza room kind (issue #5): a Gather Town-like space where each client owns its avatar and
 * the server only routes. Message and field names are a public contract (docs/protocol.md).
 * Positions are integer pixels on the map (assets/plaza/plaza.json); radii and speeds come from it.
 */
import { z } from "zod";
import type { RoomSpec } from "../core/spec.js";
import { isIntIn, ownKey, plainObject } from "../core/payload.js";
import { STATUSES } from "./proximity.js";

const coord = z.number().int().min(0).max(1_000_000);
const facing = z.number().int().min(0).max(3);
/**
 * Control characters other than tab and line breaks (C0, DEL, C1) and the bidirectional overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069): invisible in a bubble, they can ring a terminal's
 * bell or make a line read backwards to the people it is relayed to. Ordinary right-to-left text
 * needs none of them.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const text = z
  .string()
  .trim()
  .min(1, "say something")
  .max(500)
  .refine((t) => !CONTROL.test(t), "must not contain control characters (tab and line breaks are fine)");
/** Signaling payloads (SDP offers, ICE candidates) are opaque to the server, bounded in size. */
const utf8 = new TextEncoder(); // bytes, not UTF-16 units: what counts against the frame limit
export const MAX_SIGNAL_BYTES = 12_000 // below the platform's MAX_MESSAGE_BYTES (16 KiB) frame limit;

export const PlazaJoinOptions = z
  .object({
    // a client rejoining (after a drop or a server restart) re-announces where it stood
    x: coord.optional(),
    y: coord.optional(),
    d: facing.optional(),
    status: z.enum(STATUSES).optional(),
    // benchmark only (PLAZA_ALLOW_BROADCAST=1): route every move to everyone, to measure the AOI against
    mode: z.enum(["aoi", "broadcast"]).optional(),
  })
  .strict();
export type PlazaJoinOptions = z.infer<typeof PlazaJoinOptions>;

export const PlazaMoveMessage = z.object({ x: coord, y: coord, d: facing.optional() }).strict();

/**
 * `PlazaMoveMessage` without zod, for the hot path (10,000 moves a second at 1,000 avatars): true
 * only for a plain object with integer `x`, `y` in range, an optional integer `d` 0–3 and no other
 * key — then zod would accept it unchanged. False means "let zod decide" (it refuses with its
 * issues, or accepts a form this check leaves to it, e.g. `d: undefined`). Property-tested against
 * the schema (tests/shared/plaza/spec.test.ts).
 */
export function isPlazaMoveMessage(v: unknown): v is PlazaMoveMessage {
  const o = plainObject(v);
  if (o === null) return false;
  let required = 0;
  for (const k in o) {
    if (!ownKey(o, k)) return false;
    if (k === "x" || k === "y") {
      if (!isIntIn(o[k], 0, 1_000_000)) return false;
      required++;
    } else if (k === "d") {
      if (!isIntIn(o[k], 0, 3)) return false;
    } else return false;
  }
  return required === 2;
}
export type PlazaMoveMessage = z.infer<typeof PlazaMoveMessage>;
export const PlazaStatusMessage = z.object({ status: z.enum(STATUSES) }).strict();
export const PlazaChatMessage = z.object({ text }).strict();
export const PlazaSignalMessage = z
  .object({ to: z.number().int().min(1), data: z.record(z.string(), z.unknown()) })
  .strict()
  .refine((m) => utf8.encode(JSON.stringify(m.data)).length <= MAX_SIGNAL_BYTES, { message: `signal data must be at most ${MAX_SIGNAL_BYTES} bytes of JSON`, path: ["data"] });
export type PlazaSignalMessage = z.infer<typeof PlazaSignalMessage>;

/** Stable rejection codes of the plaza (besides the platform's VALIDATION_FAILED, RATE_LIMITED, FORBIDDEN). */
export const PlazaCodes = {
  OUT_OF_MAP: "OUT_OF_MAP",
  BLOCKED: "BLOCKED",
  TOO_FAST: "TOO_FAST",
  NOT_NEAR: "NOT_NEAR",
  GHOST_MODE: "GHOST_MODE",
  NOT_OWNER: "NOT_OWNER",
} as const;

/** People in one call at most (the bubble, including oneself). */
export const PLAZA_BUBBLE_CAP = 4;

export const plazaSpec: RoomSpec = {
  name: "plaza",
  title: "Plaza",
  summary: "Walk around a map, chat and video-call whoever is near; the server only routes positions to those who can see them.",
  maxClients: 2_000,
  // the platform disconnects above this; the plaza's own per-message limits answer RATE_LIMITED first
  maxMessagesPerSecond: 60,
  reconnectSeconds: 20, // the avatar stands where it was while the SDK reconnects
  joinOptions: PlazaJoinOptions,
  fastChecks: { move: isPlazaMoveMessage },
  messages: {
    hello: z.object({}).strict().optional(), // no payload, or {}
    move: PlazaMoveMessage,
    status: PlazaStatusMessage,
    chat: PlazaChatMessage,
    announce: PlazaChatMessage,
    signal: PlazaSignalMessage,
  },
  placement: [
    {
      slice: "avatar positions, facing and status",
      where: "client",
      onKill: "kept by each client, which rejoins and re-announces where it stands and its status",
    },
    {
      slice: "routing index (latest position per client, spatial grid, who is shown whom)",
      where: "room",
      onKill: "lost; rebuilt as the clients rejoin and re-announce",
    },
    {
      slice: "chat, announcements and call signaling",
      where: "client",
      onKill: "relayed, never stored: a message in flight is lost; calls are peer-to-peer and redial after the rejoin",
    },
    {
      slice: "analytics: joins, leaves, distance walked, conversations started",
      where: "database",
      written: "batched and asynchronous: every PLAZA_ANALYTICS_FLUSH_MS (default 2 s) or 500 events; never read back for play",
      repository: "server/rooms/plaza/analyticsRepository.ts",
      onKill: "the last unflushed batch (at most a couple of seconds of events) is lost; play is unaffected",
    },
  ],
};

/**
 * The room model. Every room kind — built-in or from a mod — is described by one RoomSpec: its
 * name, title, capacity, the zod schemas of the messages it accepts, and a placement declaration
 * saying, for each slice of its state, where that slice lives and what a server kill does to it.
 *
 * The server registers room kinds from specs (server/rooms/registry.ts), `GET /api/rooms` serves
 * them, the lobby draws them, and a test checks the declarations against the code. This file is
 * pure: no I/O, no Colyseus, no Phaser.
 */
import type { ZodType } from "zod";
import { ok, reject, type Result } from "./errors.js";

/** Where one slice of a room's state lives. */
export type Placement = "room" | "client" | "cache" | "database";

export interface PlacementSlice {
  /** What the slice holds, e.g. "position and clocks". Unique within a spec. */
  slice: string;
  where: Placement;
  /** For `database`: when it is written ("every move, before broadcast", "at match end"). */
  written?: string;
  /** For `database`: the repository (server/rooms/<kind>/…) that owns the table(s). */
  repository?: string;
  /** What a server kill (SIGKILL) does to this slice, in a user's words. */
  onKill: string;
}

export interface RoomSpec {
  /** Room kind, as used in `client.joinOrCreate(name)`. Lowercase, [a-z][a-z0-9_-]*. */
  name: string;
  /** Human title for the lobby. */
  title: string;
  /** One line for the lobby card. */
  summary?: string;
  maxClients: number;
  /** Players who take part; the rest of maxClients watch (chess: 2 of 202). Default: maxClients. */
  seats?: number;
  /** Message type → payload schema. The only messages the room accepts. */
  messages: Record<string, ZodType>;
  /**
   * Optional allocation-free checks for hot message types (e.g. the shooter's 64 Hz input). A
   * check returns true only for a payload its zod schema accepts unchanged; the room then skips
   * zod for it. Anything else (false) still goes through zod, which refuses it with the usual
   * issues. Each check is property-tested against its schema.
   */
  fastChecks?: Partial<Record<string, (payload: unknown) => boolean>>;
  /** Schema of the join options (validated in onAuth; bad options are refused with INVALID_OPTIONS). */
  joinOptions?: ZodType;
  placement: PlacementSlice[];
  /**
   * Messages a client may send per second before it is disconnected with 4002 (default 30): a
   * budget of one second's worth, refilled at this rate (server/platform/messageBudget.ts).
   */
  maxMessagesPerSecond?: number;
  /**
   * Seconds a dropped client's seat is held so the SDK can reconnect to the same session (0 or
   * absent: none, the client leaves at once). The room model does the holding; a kind may manage
   * its own window instead (chess: seats belong to users, with claims after the window).
   */
  reconnectSeconds?: number;
}

/** What `GET /api/rooms` serves for one kind. */
export interface RoomKindInfo {
  name: string;
  title: string;
  summary?: string;
  maxClients: number;
  seats: number;
  messages: string[];
  /** Messages per second a client may send to a room of this kind (a budget of one second's worth). */
  maxMessagesPerSecond: number;
  /** Seconds a dropped connection's seat is held for the SDK's automatic reconnection (0: none). */
  reconnectSeconds: number;
  placement: PlacementSlice[];
  /** The one-word badge the lobby shows: where the live state of this kind lives. */
  badge: Placement;
}

/** A kind's message budget when its spec does not set one. */
export const DEFAULT_MESSAGES_PER_SECOND = 30;

const NAME = /^[a-z][a-z0-9_-]{1,31}$/;
const MESSAGE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const PLACEMENTS: readonly Placement[] = ["room", "client", "cache", "database"];
/** Message types the platform itself uses on every room; a spec may not redefine them. */
export const RESERVED_MESSAGES: readonly string[] = ["error", "__playground_message_types", "ping"];

/** Checks a spec for the mistakes a modder can make. Returns every problem, not only the first. */
export function validateSpec(spec: RoomSpec): Result<RoomSpec> {
  const problems: string[] = [];
  if (typeof spec !== "object" || spec === null) return reject("INVALID_SPEC", "spec must be an object");
  if (typeof spec.name !== "string" || !NAME.test(spec.name))
    problems.push(`name must match ${NAME} (got ${JSON.stringify(spec.name)})`);
  if (typeof spec.title !== "string" || spec.title.trim().length === 0 || spec.title.length > 60)
    problems.push("title must be 1-60 characters");
  if (!Number.isInteger(spec.maxClients) || spec.maxClients < 1 || spec.maxClients > 10_000)
    problems.push("maxClients must be an integer in 1..10000");
  if (typeof spec.messages !== "object" || spec.messages === null) {
    problems.push("messages must be an object of zod schemas");
  } else {
    for (const [type, schema] of Object.entries(spec.messages)) {
      if (!MESSAGE.test(type)) problems.push(`message type ${JSON.stringify(type)} must match ${MESSAGE}`);
      if (RESERVED_MESSAGES.includes(type)) problems.push(`message type "${type}" is reserved`);
      if (!isZodSchema(schema)) problems.push(`message "${type}" needs a zod schema`);
    }
  }
  if (spec.seats !== undefined && (!Number.isInteger(spec.seats) || spec.seats < 1 || spec.seats > spec.maxClients))
    problems.push("seats must be an integer in 1..maxClients");
  if (spec.maxMessagesPerSecond !== undefined && !(spec.maxMessagesPerSecond > 0 && Number.isFinite(spec.maxMessagesPerSecond)))
    problems.push("maxMessagesPerSecond must be a positive number");
  if (spec.reconnectSeconds !== undefined && !(spec.reconnectSeconds >= 0 && spec.reconnectSeconds <= 3600))
    problems.push("reconnectSeconds must be a number in 0..3600");
  if (spec.joinOptions !== undefined && !isZodSchema(spec.joinOptions))
    problems.push("joinOptions must be a zod schema");
  if (!Array.isArray(spec.placement) || spec.placement.length === 0) {
    problems.push("placement must declare at least one slice");
  } else {
    const seen = new Set<string>();
    for (const s of spec.placement) {
      const label = typeof s?.slice === "string" ? s.slice : "?";
      if (typeof s?.slice !== "string" || s.slice.trim() === "") problems.push("every slice needs a name");
      else if (seen.has(s.slice)) problems.push(`slice "${s.slice}" declared twice`);
      else seen.add(s.slice);
      if (!PLACEMENTS.includes(s?.where)) problems.push(`slice "${label}": where must be one of ${PLACEMENTS.join(", ")}`);
      if (typeof s?.onKill !== "string" || s.onKill.trim() === "")
        problems.push(`slice "${label}": onKill must say what a server kill does to it`);
      if (s?.where === "database") {
        if (!s.written) problems.push(`slice "${label}": a database slice must say when it is written`);
        if (!s.repository) problems.push(`slice "${label}": a database slice must name its repository`);
      }
    }
  }
  if (problems.length > 0) return reject("INVALID_SPEC", `room spec "${String(spec.name)}" is invalid: ${problems.join("; ")}`, problems);
  return ok(spec);
}

/** The lobby badge: where the kind's live state lives (the first slice declares it). */
export function badgeOf(spec: RoomSpec): Placement {
  return spec.placement[0]!.where;
}

export function describeSpec(spec: RoomSpec): RoomKindInfo {
  return {
    name: spec.name,
    title: spec.title,
    ...(spec.summary ? { summary: spec.summary } : {}),
    maxClients: spec.maxClients,
    seats: spec.seats ?? spec.maxClients,
    messages: Object.keys(spec.messages),
    maxMessagesPerSecond: spec.maxMessagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND,
    reconnectSeconds: spec.reconnectSeconds ?? 0,
    placement: spec.placement.map((s) => ({ ...s })),
    badge: badgeOf(spec),
  };
}

function isZodSchema(value: unknown): value is ZodType {
  return typeof value === "object" && value !== null && typeof (value as ZodType).safeParse === "function";
}

/**
 * The room kinds the server offers (`GET /api/rooms`), checked at the edge: an entry the lobby
 * cannot draw is dropped (and counted) instead of breaking the page.
 */
import { DEFAULT_MESSAGES_PER_SECOND, type PlacementSlice, type RoomKindInfo } from "../../../shared/core/spec.js";
import type { Api, ApiResult } from "../../net/api.js";

export type { RoomKindInfo, PlacementSlice };

export interface RoomKinds {
  kinds: RoomKindInfo[];
  /** Entries that were malformed and left out. */
  dropped: number;
}

export async function fetchRoomKinds(api: Api): Promise<ApiResult<RoomKinds>> {
  const reply = await api.get<unknown>("/api/rooms");
  if (!reply.ok) return reply;
  if (!Array.isArray(reply.value)) {
    return { ok: false, error: { code: "BAD_RESPONSE", message: "GET /api/rooms did not answer a list.", status: reply.status } };
  }
  return { ok: true, value: parseRoomKinds(reply.value), status: reply.status };
}

export function parseRoomKinds(list: unknown[]): RoomKinds {
  const kinds: RoomKindInfo[] = [];
  let dropped = 0;
  for (const item of list) {
    const kind = parseKind(item);
    if (kind) kinds.push(kind);
    else dropped++;
  }
  return { kinds, dropped };
}

function parseKind(value: unknown): RoomKindInfo | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== "string" || v.name === "") return null;
  const placement = Array.isArray(v.placement) ? v.placement.flatMap((s) => (isSlice(s) ? [s] : [])) : [];
  const badge = typeof v.badge === "string" ? v.badge : placement[0]?.where;
  if (!badge) return null;
  return {
    name: v.name,
    title: typeof v.title === "string" && v.title.trim() !== "" ? v.title : v.name,
    ...(typeof v.summary === "string" && v.summary !== "" ? { summary: v.summary } : {}),
    maxClients: typeof v.maxClients === "number" ? v.maxClients : 0,
    seats: typeof v.seats === "number" ? v.seats : typeof v.maxClients === "number" ? v.maxClients : 0,
    messages: Array.isArray(v.messages) ? v.messages.filter((m): m is string => typeof m === "string") : [],
    maxMessagesPerSecond: typeof v.maxMessagesPerSecond === "number" ? v.maxMessagesPerSecond : DEFAULT_MESSAGES_PER_SECOND,
    reconnectSeconds: typeof v.reconnectSeconds === "number" ? v.reconnectSeconds : 0,
    placement,
    badge: badge as RoomKindInfo["badge"],
  };
}

function isSlice(value: unknown): value is PlacementSlice {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.slice === "string" && typeof s.where === "string" && typeof s.onKill === "string";
}

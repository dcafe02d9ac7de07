/**
 * Turns whatever the SDK throws on a failed join into the one rejection shape `{code, message}`.
 *
 * Colyseus reports matchmaking failures as `MatchMakeError(message, numericCode)`; the numeric codes
 * (shared-types `ErrorCode`, HTTP statuses, WebSocket close codes) are mapped to the project's stable
 * string codes. When the server put a code in the message itself — `"ROOM_FULL: the room is full"` or
 * a JSON `{code, message}` — that code wins.
 */
import { isRejection, type Rejection } from "../../shared/core/errors.js";

/** Colyseus matchmaking codes (@colyseus/shared-types ErrorCode) and the HTTP statuses we may see. */
const NUMERIC: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  429: "RATE_LIMITED",
  500: "INTERNAL",
  503: "SERVER_UNAVAILABLE",
  520: "UNKNOWN_ROOM_KIND", // MATCHMAKE_NO_HANDLER
  521: "NO_ROOM_FOUND", // MATCHMAKE_INVALID_CRITERIA: `join` found nothing to join
  522: "ROOM_UNAVAILABLE", // MATCHMAKE_INVALID_ROOM_ID: not found, disposed or locked (full/private)
  523: "INTERNAL", // MATCHMAKE_UNHANDLED
  524: "SEAT_EXPIRED", // MATCHMAKE_EXPIRED
  525: "UNAUTHORIZED", // AUTH_FAILED
  526: "INTERNAL", // APPLICATION_ERROR
  4217: "INVALID_OPTIONS", // INVALID_PAYLOAD
  1006: "NETWORK_ERROR", // abnormal closure
};

const CODE_PREFIX = /^([A-Z][A-Z0-9_]{2,})(?::\s*|\s+-\s+)([\s\S]+)$/;

export function normalizeJoinError(e: unknown): Rejection {
  if (isRejection(e)) return { code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  const numeric = typeof (e as { code?: unknown })?.code === "number" ? (e as { code: number }).code : undefined;
  const stringCode = typeof (e as { code?: unknown })?.code === "string" ? (e as { code: string }).code : undefined;

  const fromMessage = codeFromMessage(message);
  if (fromMessage) return fromMessage;
  if (stringCode && /^[A-Z][A-Z0-9_]+$/.test(stringCode)) return { code: stringCode, message: message || stringCode };
  if (numeric === undefined && /fetch|network|ECONNREFUSED|Failed to/i.test(message)) {
    return { code: "NETWORK_ERROR", message: `Cannot reach the server (${message}).` };
  }
  const code = numeric !== undefined ? (NUMERIC[numeric] ?? `MATCHMAKE_${numeric}`) : "JOIN_FAILED";
  return { code, message: message || "Could not join the room." };
}

function codeFromMessage(message: string): Rejection | null {
  const trimmed = message.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (isRejection(parsed)) return { code: parsed.code, message: parsed.message };
    } catch {
      // not JSON after all
    }
  }
  const match = CODE_PREFIX.exec(trimmed);
  return match ? { code: match[1]!, message: match[2]!.trim() } : null;
}

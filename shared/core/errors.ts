/**
 * Rejections are values with stable codes (DESIGN.md "Conventions"). A rejected command changes
 * nothing; the sender receives `{code, message}` as an `error` message (rooms) or as the JSON body of
 * a 4xx reply (HTTP). Codes are part of the public contract (docs/protocol.md): never rename one.
 */
export const ErrorCodes = {
  // platform
  BAD_REQUEST: "BAD_REQUEST",
  VALIDATION_FAILED: "VALIDATION_FAILED",
  MESSAGE_TOO_LARGE: "MESSAGE_TOO_LARGE",
  UNKNOWN_MESSAGE: "UNKNOWN_MESSAGE",
  UNAUTHORIZED: "UNAUTHORIZED",
  TOKEN_EXPIRED: "TOKEN_EXPIRED",
  INVALID_TOKEN: "INVALID_TOKEN",
  INVALID_NAME: "INVALID_NAME",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  RATE_LIMITED: "RATE_LIMITED",
  INVALID_OPTIONS: "INVALID_OPTIONS",
  ROOM_FULL: "ROOM_FULL",
  INTERNAL: "INTERNAL",
  // chess
  NOT_YOUR_TURN: "NOT_YOUR_TURN",
  ILLEGAL_MOVE: "ILLEGAL_MOVE",
  GAME_OVER: "GAME_OVER",
  NOT_A_PLAYER: "NOT_A_PLAYER",
  // pit
  INSUFFICIENT_FUNDS: "INSUFFICIENT_FUNDS",
  INSUFFICIENT_ASSET: "INSUFFICIENT_ASSET",
  DUPLICATE_ORDER_ID: "DUPLICATE_ORDER_ID",
  // store
  INSUFFICIENT_STOCK: "INSUFFICIENT_STOCK",
} as const;

/** Codes are open-ended: a room kind (or a mod) may add its own SCREAMING_SNAKE codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes] | (string & {});

/** The one reply shape for a rejected command, in rooms and over HTTP. */
export interface Rejection {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail, e.g. the offending fields of a malformed payload. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Rejection };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function reject<T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

export function isRejection(value: unknown): value is Rejection {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Rejection).code === "string" &&
    typeof (value as Rejection).message === "string"
  );
}

/**
 * The close reason (with code 4000) of a connection whose seat a newer connection of the same user
 * took over (a second tab or device): chess, shooter, plaza. Part of the contract (docs/protocol.md):
 * clients tell it from their own `room.leave()` (reason "") by this text.
 */
export const SEAT_TAKEN_OVER = "this seat was taken over by a newer connection";

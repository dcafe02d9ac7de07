/**
 * The one Colyseus client of the page. It talks to the page's own origin (so a LAN player who opened
 * http://192.168.1.20:2567 connects there, and the vite dev proxy works unchanged), carries the
 * session token on every join (the SDK sends it as `_authToken`; the server's onAuth verifies it),
 * and returns join failures as values `{code, message}` instead of throwing.
 *
 * Every room joined through here gets the same reconnection policy (exponential back-off) and its
 * `"error"` messages — the `{code, message}` a room sends when it refuses a command — are handed to
 * the listeners registered with `onRoomError` (main.ts shows them as toasts). Messages that arrive
 * before the caller registered their handlers are held until `release(room)` (earlyMessages.ts);
 * RoomScene releases when its scene is created.
 */
import { Client, type Room } from "@colyseus/sdk";
import type { Rejection, Result } from "../../shared/core/errors.js";
import { isRejection } from "../../shared/core/errors.js";
import { EarlyMessages } from "./earlyMessages.js";
import { normalizeJoinError } from "./errors.js";

export interface ReconnectPolicy {
  enabled: boolean;
  maxRetries: number;
  /** ms */
  minDelay: number;
  /** ms */
  maxDelay: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { enabled: true, maxRetries: 10, minDelay: 250, maxDelay: 5000 };

export interface RoomErrorEvent {
  room: Room;
  /** The room kind, e.g. "chess". */
  kind: string;
  error: Rejection;
}

export type JoinResult = Result<Room>;

/** `http(s)://host:port` of the page: the game server (or the dev proxy in front of it). */
export function endpointFromLocation(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol}//${location.host}`;
}

export class Connection {
  readonly client: Client;
  private readonly errorListeners = new Set<(event: RoomErrorEvent) => void>();
  private readonly early = new WeakMap<Room, EarlyMessages>();
  private readonly handlers = new WeakMap<Room, (error: Rejection) => boolean>();
  private readonly stateAt = new WeakMap<Room, number>();

  constructor(
    readonly endpoint: string,
    private readonly reconnect: ReconnectPolicy = DEFAULT_RECONNECT,
  ) {
    this.client = new Client(endpoint);
  }

  /** The token sent with every join from now on (undefined: none). */
  setToken(token: string | undefined): void {
    this.client.auth.token = token ?? "";
  }

  /** Joins an open room of `kind` or creates one ("Quick play"). */
  joinOrCreate(kind: string, options: Record<string, unknown> = {}): Promise<JoinResult> {
    return this.attempt(() => this.client.joinOrCreate(kind, options));
  }

  create(kind: string, options: Record<string, unknown> = {}): Promise<JoinResult> {
    return this.attempt(() => this.client.create(kind, options));
  }

  /** Joins an existing open room of `kind`; NO_ROOM_FOUND when there is none. */
  join(kind: string, options: Record<string, unknown> = {}): Promise<JoinResult> {
    return this.attempt(() => this.client.join(kind, options));
  }

  /** Joins one room by id (also private ones). */
  joinById(roomId: string, options: Record<string, unknown> = {}): Promise<JoinResult> {
    return this.attempt(() => this.client.joinById(roomId, options));
  }

  /**
   * A scene's own handling of `room`'s errors, before the listeners of `onRoomError`: an error it
   * returns true for is handled (shown its own way, or expected) and goes no further; one it returns
   * false for goes on to them (the toast). One handler per room; a later call replaces it.
   */
  handleErrors(room: Room, handler: (error: Rejection) => boolean): void {
    this.handlers.set(room, handler);
  }

  /**
   * Called with every `{code, message}` a room sends as an `"error"` message that the room's
   * `handleErrors` handler, if any, did not take. Returns the function that removes the listener.
   */
  onRoomError(listener: (event: RoomErrorEvent) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /**
   * When `room`'s current state arrived (local `Date.now()`), or undefined before any. A scene that
   * starts after the join state came (the lobby joined, then the scene loaded) reads the state's
   * age from here: a clock ticked from the scene's own start would run late by the load time.
   */
  stateReceivedAt(room: Room): number | undefined {
    return this.stateAt.get(room);
  }

  /**
   * Delivers the messages `room` sent before its handlers were registered (in order, to those
   * handlers) and stops holding. Call it once the handlers are in place.
   */
  release(room: Room): void {
    this.early.get(room)?.release();
    this.early.delete(room);
  }

  private async attempt(join: () => Promise<Room>): Promise<JoinResult> {
    try {
      const room = await join();
      this.prepare(room);
      return { ok: true, value: room };
    } catch (e) {
      return { ok: false, error: normalizeJoinError(e) };
    }
  }

  private prepare(room: Room): void {
    this.early.set(room, new EarlyMessages(room));
    room.onStateChange(() => this.stateAt.set(room, Date.now()));
    room.reconnection.enabled = this.reconnect.enabled;
    room.reconnection.maxRetries = this.reconnect.maxRetries;
    room.reconnection.minDelay = this.reconnect.minDelay;
    room.reconnection.maxDelay = this.reconnect.maxDelay;
    room.onMessage("error", (payload: unknown) => {
      const error: Rejection = isRejection(payload)
        ? { code: payload.code, message: payload.message, ...(payload.details !== undefined ? { details: payload.details } : {}) }
        : { code: "ERROR", message: typeof payload === "string" ? payload : "The room refused the last command." };
      if (this.handlers.get(room)?.(error)) return;
      for (const listener of this.errorListeners) listener({ room, kind: room.name, error });
    });
  }
}

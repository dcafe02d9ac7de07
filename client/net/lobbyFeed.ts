/**
 * The live list of open rooms, from Colyseus's LobbyRoom (registered by the server as "lobby").
 * Protocol (@colyseus/core rooms/LobbyRoom): on join the room sends `"rooms"` with every listed room;
 * then `"+"` with `[roomId, room]` when a room is created or changes (players join/leave), and `"-"`
 * with `roomId` when it goes away. Private and unlisted rooms never appear.
 *
 * If the lobby connection drops for good (server restart), the feed joins again with back-off; the
 * list is replaced by the new lobby's "rooms" message, so nothing stale survives a restart.
 */
import type { Room } from "@colyseus/sdk";
import type { Connection } from "./connection.js";

export interface OpenRoom {
  roomId: string;
  /** Room kind. */
  name: string;
  clients: number;
  maxClients: number;
  metadata?: unknown;
}

export type FeedStatus = "idle" | "connecting" | "live" | "reconnecting";

export type LobbyMessage = { type: "rooms"; payload: unknown } | { type: "+"; payload: unknown } | { type: "-"; payload: unknown };

/** Applies one lobby message to the list (pure: returns a new map). Malformed entries are ignored. */
export function applyLobbyMessage(rooms: ReadonlyMap<string, OpenRoom>, message: LobbyMessage): Map<string, OpenRoom> {
  switch (message.type) {
    case "rooms": {
      const next = new Map<string, OpenRoom>();
      if (Array.isArray(message.payload)) {
        for (const item of message.payload) {
          const room = parseOpenRoom(item);
          if (room) next.set(room.roomId, room);
        }
      }
      return next;
    }
    case "+": {
      const next = new Map(rooms);
      if (Array.isArray(message.payload)) {
        const [roomId, data] = message.payload as [unknown, unknown];
        const room = parseOpenRoom(typeof data === "object" && data !== null ? { roomId, ...data } : null);
        if (room) next.set(room.roomId, room);
      }
      return next;
    }
    case "-": {
      const next = new Map(rooms);
      if (typeof message.payload === "string") next.delete(message.payload);
      return next;
    }
  }
}

function parseOpenRoom(value: unknown): OpenRoom | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.roomId !== "string" || typeof v.name !== "string") return null;
  const clients = typeof v.clients === "number" ? v.clients : 0;
  const maxClients = typeof v.maxClients === "number" ? v.maxClients : Infinity;
  return { roomId: v.roomId, name: v.name, clients, maxClients, ...(v.metadata !== undefined ? { metadata: v.metadata } : {}) };
}

export interface FeedOptions {
  /** Room name of the server's LobbyRoom. */
  lobbyName?: string;
  /** Back-off for re-joining after the lobby connection is lost, ms. */
  minDelay?: number;
  maxDelay?: number;
}

export class LobbyFeed {
  private rooms: Map<string, OpenRoom> = new Map();
  private room: Room | null = null;
  private state: FeedStatus = "idle";
  private stopped = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private lastError: string | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly options: FeedOptions = {},
  ) {}

  get status(): FeedStatus {
    return this.state;
  }

  /** Why the last connection attempt failed, for the status line. */
  get error(): string | null {
    return this.lastError;
  }

  list(): OpenRoom[] {
    return [...this.rooms.values()];
  }

  /** Called after every change of the list or the status. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const room = this.room;
    this.room = null;
    this.setStatus("idle");
    if (room) await room.leave(true).catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.setStatus(this.attempt === 0 ? "connecting" : "reconnecting");
    const joined = await this.connection.joinOrCreate(this.options.lobbyName ?? "lobby");
    if (this.stopped) {
      if (joined.ok) await joined.value.leave(true).catch(() => undefined);
      return;
    }
    if (!joined.ok) {
      this.lastError = `${joined.error.message} (${joined.error.code})`;
      this.scheduleRetry();
      return;
    }
    const room = joined.value;
    this.room = room;
    this.attempt = 0;
    this.lastError = null;
    room.onMessage("rooms", (payload: unknown) => this.apply({ type: "rooms", payload }));
    room.onMessage("+", (payload: unknown) => this.apply({ type: "+", payload }));
    room.onMessage("-", (payload: unknown) => this.apply({ type: "-", payload }));
    this.connection.release(room);
    room.onDrop(() => this.setStatus("reconnecting"));
    room.onReconnect(() => this.setStatus("live"));
    room.onLeave(() => {
      if (this.room !== room) return; // we left on purpose (stop)
      this.room = null;
      if (!this.stopped) this.scheduleRetry();
    });
    this.setStatus("live");
  }

  private scheduleRetry(): void {
    this.attempt++;
    const min = this.options.minDelay ?? 500;
    const max = this.options.maxDelay ?? 8000;
    const delay = Math.min(max, min * 2 ** Math.min(this.attempt - 1, 10));
    this.setStatus("reconnecting");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
  }

  private apply(message: LobbyMessage): void {
    this.rooms = applyLobbyMessage(this.rooms, message);
    this.emit();
  }

  private setStatus(status: FeedStatus): void {
    if (this.state === status) return;
    this.state = status;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

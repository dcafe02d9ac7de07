/**
 * The generic part of every room adapter. A kind's Room class extends this and calls
 * `bindCommands({...})` in onCreate with one handler per message of its spec. This class:
 * - validates every payload against the spec's zod schema at the edge (malformed payloads are
 *   refused with VALIDATION_FAILED and the offending fields; handlers can trust their input);
 * - turns a handler's returned rejection into the one reply shape `{code, message}` — sent as an
 *   `error` message, or as the rejection of `room.request(...)` when the client used a request;
 * - answers unknown message types with UNKNOWN_MESSAGE instead of dropping the client;
 * - counts messages and rejections per kind for /metrics;
 * - disconnects (4002) a client over its kind's message budget (`maxMessagesPerSecond`, a token
 *   bucket: messageBudget.ts) — in place of Colyseus's fixed-window count, which a stall of the
 *   server's own loop could trip for a client that stayed under the limit;
 * - reports uncaught handler exceptions to the log and the client (INTERNAL), never crashing.
 * Authentication and join-option validation happen before a seat is reserved (see registry.ts).
 */
import { Protocol, Room, ServerError, type Client, type RoomOptions, type RoomException, type RoomMethodName, OnMessageException } from "@colyseus/core";
import { isRejection, SEAT_TAKEN_OVER, type Rejection, type Result } from "../../shared/core/errors.js";
import { DEFAULT_MESSAGES_PER_SECOND, type RoomSpec } from "../../shared/core/spec.js";
import { currentPlatform, type Platform } from "../platform/context.js";
import type { Logger } from "../platform/logger.js";
import { describeIssues } from "../platform/validation.js";
import { MessageBudget } from "../platform/messageBudget.js";

/** Colyseus's per-message entry point (private in its types), wrapped below. */
type MessageEntry = { _onMessage(client: Client, buffer: Uint8Array): unknown };
const TAKEN_OVER = 4000; // CloseCode.CONSENTED: a leave, not a drop
const WITH_ERROR = 4002; // Colyseus's CloseCode.WITH_ERROR: what its own flood check closes with
const MESSAGE_TOO_BIG = 1009; // the WebSocket close for a message over MAX_MESSAGE_BYTES

/** What onAuth resolved for a client: `client.auth`. */
export interface AuthData<Options = unknown> {
  id: string;
  name: string;
  /** The join options, parsed by the spec's joinOptions schema. */
  options: Options;
}

export type CommandHandler<P = any> = (
  client: Client<{ auth: AuthData<any> }>,
  payload: P,
  request: { isRequest: boolean },
) => unknown;

type MessageCtx = { id?: number; reject(reason: unknown): void };

export abstract class StatecraftRoom<T extends RoomOptions = RoomOptions> extends Room<T> {
  /** Installed on each kind's class at registration. */
  static spec: RoomSpec;

  private _log?: Logger;
  private readonly budgets = new WeakMap<Client, MessageBudget>();
  private readonly cutOff = new WeakSet<Client>();

  constructor() {
    super();
    const spec = (this.constructor as typeof StatecraftRoom).spec;
    // capacity comes from the spec (Colyseus locks the room when it is reached)
    this.maxClients = spec?.maxClients ?? Infinity;
    // the message budget replaces Colyseus's fixed-window count (see the header)
    const perSecond = spec?.maxMessagesPerSecond ?? DEFAULT_MESSAGES_PER_SECOND;
    this.maxMessagesPerSecond = Infinity;
    const entry = this as unknown as MessageEntry;
    const process = entry._onMessage;
    entry._onMessage = (client, buffer) => {
      if (this.cutOff.has(client)) return; // closing: nothing more from it
      const now = performance.now();
      let budget = this.budgets.get(client);
      if (!budget) {
        this.budgets.set(client, (budget = new MessageBudget(perSecond, now)));
        // the SDK's join handshake (its first message) is not one of the client's messages
        if (buffer[0] === Protocol.JOIN_ROOM) return process.call(this, client, buffer);
      }
      if (!budget.take(now)) {
        this.cutOff.add(client);
        this.log.info("client over its message budget: disconnected", { sessionId: client.sessionId, perSecond });
        client.leave(WITH_ERROR);
        return;
      }
      return process.call(this, client, buffer);
    };
  }
  /**
   * A dropped connection (not a consented leave) keeps its seat for the kind's `reconnectSeconds`:
   * the SDK reconnects to the same session, and the kind sees neither a leave nor a join. Past the
   * window `onLeave` runs as for any leave. A kind may override this with its own rules (chess).
   */
  override async onDrop(client: Client, code?: number): Promise<void> {
    const seconds = (this.constructor as typeof StatecraftRoom).spec?.reconnectSeconds ?? 0;
    if (seconds <= 0) return; // onLeave follows
    // closed by the server for cause (over its message budget, a message too large): not a drop to
    // wait for — its seat is not held, onLeave follows now
    if (code === WITH_ERROR || code === MESSAGE_TOO_BIG) return;
    const reconnection = this.allowReconnection(client, seconds);
    this.held.set(client, reconnection);
    try {
      await reconnection;
    } catch {
      /* not back in time (or its seat was taken over): onLeave follows */
    } finally {
      this.held.delete(client);
    }
  }

  /** Dropped clients whose seat is held for their reconnection (onDrop). */
  private readonly held = new Map<Client, { reject: Function }>(); // (Colyseus types it so)

  /**
   * One seat per user: the user's older connections to this room are closed (4000, a consented
   * leave: `onLeave` runs for them at once, no reconnection hold), so a second tab or device takes
   * over instead of adding a second avatar or player. Call from `onJoin` with the new client.
   */
  protected takeOverSeat(client: Client, userId: string): void {
    for (const other of [...this.clients]) {
      if (other !== client && (other.auth as AuthData | undefined)?.id === userId) other.leave(TAKEN_OVER, SEAT_TAKEN_OVER);
    }
    // A connection that dropped (a reload: the page's old socket) is not in `clients` but its seat is
    // held for its reconnection: give that up too, so its avatar or player goes now (onLeave), not
    // when the window ends — else the user stands twice in the room until then.
    for (const [other, reconnection] of [...this.held]) {
      if ((other.auth as AuthData | undefined)?.id !== userId) continue;
      this.held.delete(other);
      reconnection.reject(new Error("the seat was taken over by a newer connection"));
    }
  }

  get spec(): RoomSpec {
    return (this.constructor as typeof StatecraftRoom).spec;
  }

  get platform(): Platform {
    return currentPlatform();
  }

  get log(): Logger {
    return (this._log ??= this.platform.logger.child({ room: this.spec.name, roomId: this.roomId }));
  }

  /** Registers one handler per message type of the spec. A missing or extra handler is a bug. */
  protected bindCommands(handlers: Record<string, CommandHandler>): void {
    const spec = this.spec;
    for (const type of Object.keys(handlers)) {
      if (!(type in spec.messages)) throw new Error(`room ${spec.name}: handler for "${type}" which the spec does not declare`);
    }
    for (const [type, schema] of Object.entries(spec.messages)) {
      const handler = handlers[type];
      if (!handler) throw new Error(`room ${spec.name}: no handler for message "${type}"`);
      const received = this.platform.metrics.messages.series({ kind: spec.name, type });
      const fast = spec.fastChecks?.[type];
      this.onMessage(type, (client: Client, payload: unknown, ctx: MessageCtx) => {
        received.inc();
        let data: unknown = payload;
        if (fast === undefined || !fast(payload)) {
          const parsed = schema.safeParse(payload);
          if (!parsed.success) {
            const issues = describeIssues(parsed.error);
            return this.refuse(client, ctx, type, {
              code: "VALIDATION_FAILED",
              message: `invalid "${type}" payload: ${issues.map((i) => `${i.path || "(payload)"}: ${i.message}`).join("; ")}`,
              details: issues,
            });
          }
          data = parsed.data;
        }
        let out: unknown;
        try {
          out = handler(client as never, data, ctx.id !== undefined ? AS_REQUEST : AS_MESSAGE);
        } catch (e) {
          return this.failed(client, ctx, type, e);
        }
        if (out instanceof Promise) return out.then((v) => this.settle(client, ctx, type, v), (e: unknown) => this.failed(client, ctx, type, e));
        return this.settle(client, ctx, type, out);
      });
    }
    this.onMessage("*", (client: Client, type: string | number) => {
      this.platform.metrics.messages.inc({ kind: spec.name, type: "(unknown)" });
      this.refuse(client, { reject() {} }, String(type), {
        code: "UNKNOWN_MESSAGE",
        message: `room "${spec.name}" accepts ${Object.keys(spec.messages).map((m) => `"${m}"`).join(", ")}; not "${String(type)}"`,
      });
    });
  }

  private settle(client: Client, ctx: MessageCtx, type: string, out: unknown): unknown {
    if (isRejection(out)) return this.refuse(client, ctx, type, out);
    if (isResult(out)) return out.ok ? out.value : this.refuse(client, ctx, type, out.error);
    return out;
  }

  /**
   * A handler threw (a bug, or a store that failed): logged, and the sender told INTERNAL — as the
   * rejection of its `room.request(...)` when it used one (Colyseus would resolve that with
   * `undefined`, a crash reading as a success), else as an `error` message.
   */
  private failed(client: Client, ctx: MessageCtx, type: string, error: unknown): undefined {
    this.log.error("uncaught exception in room", { method: "onMessage", type, error });
    return this.refuse(client, ctx, type, { code: "INTERNAL", message: "the server failed to handle this message; nothing was applied" });
  }

  /**
   * Refuses a command: the rejection of its `room.request`, or an `error` message naming the
   * refused message's `type` (so a client with several commands in flight knows which one it was).
   */
  private refuse(client: Client, ctx: MessageCtx, type: string, rejection: Rejection): undefined {
    this.platform.metrics.rejections.inc({ kind: this.spec.name, code: rejection.code });
    if (ctx.id !== undefined) ctx.reject(rejection);
    else client.send("error", { ...rejection, type });
    return undefined;
  }

  override onUncaughtException(error: RoomException, method: RoomMethodName): void {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (cause instanceof ServerError && method !== "onMessage") {
      // a join or creation the room refused on purpose (GAME_FULL, INVALID_OPTIONS, …): the client
      // has its code; nothing failed on the server
      this.log.info("join refused", { method, code: cause.code, message: cause.message });
      return;
    }
    this.log.error("uncaught exception in room", { method, error: cause });
    if (error instanceof OnMessageException && error.client) {
      error.client.send("error", { code: "INTERNAL", message: "the server failed to handle this message; nothing was applied", type: String(error.type) });
    }
  }
}

const AS_REQUEST = Object.freeze({ isRequest: true });
const AS_MESSAGE = Object.freeze({ isRequest: false });

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { ok?: unknown }).ok === "boolean" && ("value" in v || "error" in v);
}

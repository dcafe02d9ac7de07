/**
 * Registers room kinds with Colyseus from their specs. For each kind:
 * - the spec is validated (a bad mod spec stops the server with every problem listed);
 * - the class gets the spec and a static onAuth that verifies the guest token and parses the join
 *   options with the spec's schema — before a seat is reserved, on whichever process matchmakes;
 * - the room is listed live in the "lobby" room (Colyseus LobbyRoom);
 * - joins, rooms, clients and WebSocket bytes are counted per kind for /metrics.
 */
import type { Server, Client, AuthContext } from "@colyseus/core";
import { ServerError, LobbyRoom } from "@colyseus/core";
import { validateSpec, type RoomSpec } from "../../shared/core/spec.js";
import type { Platform } from "../platform/context.js";
import { describeIssues, summarizeIssues } from "../platform/validation.js";
import type { RoomKind } from "./kind.js";
import type { AuthData } from "./StatecraftRoom.js";

/** Colyseus numeric codes carried with our stable string code (`CODE: message`). */
const AUTH_FAILED = 525;
const APPLICATION_ERROR = 526;

export const LOBBY_ROOM = "lobby";

export function assertValidKinds(kinds: RoomKind[]): void {
  const names = new Set<string>();
  for (const kind of kinds) {
    const checked = validateSpec(kind.spec);
    if (!checked.ok) throw new Error(checked.error.message);
    if (names.has(kind.spec.name) || kind.spec.name === LOBBY_ROOM)
      throw new Error(`room kind "${kind.spec.name}" is registered twice (or uses a reserved name)`);
    names.add(kind.spec.name);
  }
}

export function registerKinds(server: Server, kinds: RoomKind[], platform: Platform): void {
  assertValidKinds(kinds);
  server.define(LOBBY_ROOM, LobbyRoom);
  const rooms = new Map<string, number>();
  const clients = new Map<string, number>();
  platform.registry.gauge("statecraft_rooms", "Rooms hosted by this process, by room kind", () =>
    kinds.map((k) => ({ labels: { kind: k.spec.name }, value: rooms.get(k.spec.name) ?? 0 })),
  );
  platform.registry.gauge("statecraft_clients", "Clients connected to rooms of this process, by room kind", () =>
    kinds.map((k) => ({ labels: { kind: k.spec.name }, value: clients.get(k.spec.name) ?? 0 })),
  );

  for (const kind of kinds) {
    const name = kind.spec.name;
    const klass = kind.room as unknown as { spec: RoomSpec; onAuth: unknown };
    klass.spec = kind.spec;
    klass.onAuth = (token: string | undefined, options: unknown, context: AuthContext) =>
      authenticate(platform, kind.spec, token, options, context);
    const handler = server.define(name, kind.room).enableRealtimeListing();
    if (kind.filterBy?.length) {
      handler.filterBy(kind.filterBy);
      normalizeFilterOptions(handler, kind.spec, kind.matchOptions);
    }
    const bump = (m: Map<string, number>, d: number) => m.set(name, Math.max(0, (m.get(name) ?? 0) + d));
    handler.on("create", () => bump(rooms, 1));
    handler.on("dispose", () => bump(rooms, -1));
    handler.on("join", (_room, client) => {
      bump(clients, 1);
      platform.metrics.joins.inc({ kind: name });
      countBytes(platform, name, client);
    });
    handler.on("leave", () => bump(clients, -1));
  }
}

/**
 * Matchmaking filters compare the options exactly as the client sent them, before the spec's
 * defaults apply: `joinOrCreate("chess")` filtered on nothing and joined a waiting room of ANY time
 * control, while `{timeControl: "5+3"}` (the default, spelled out) found only 5+3 rooms. Filter (and
 * record at creation) the options as the spec reads them, defaults included. Options the spec
 * refuses are left as they are: onAuth refuses them with a clear error anyway. A kind may add filter
 * values derived from the parsed options (`matchOptions`).
 */
function normalizeFilterOptions(
  handler: { getFilterOptions(options: any): any },
  spec: RoomSpec,
  derive: RoomKind["matchOptions"],
): void {
  const schema = spec.joinOptions;
  if (!schema) return;
  const raw = handler.getFilterOptions.bind(handler);
  handler.getFilterOptions = (options: Record<string, unknown> = {}) => {
    if (!isOptionsObject(options)) return raw({}); // onAuth refuses them (INVALID_OPTIONS)
    const parsed = schema.safeParse(options);
    if (!parsed.success || typeof parsed.data !== "object" || parsed.data === null) return raw(options);
    return raw({ ...options, ...parsed.data, ...derive?.(parsed.data) });
  };
}

/** Verifies the token and parses join options. Throws ServerError("CODE: message"). */
export async function authenticate(
  platform: Platform,
  spec: RoomSpec,
  token: string | undefined,
  rawOptions: unknown,
  context: AuthContext | undefined,
): Promise<AuthData> {
  const options = { ...(isOptionsObject(rawOptions) ? rawOptions : {}) } as Record<string, unknown>;
  const bearer = token ?? context?.token ?? (typeof options._authToken === "string" ? options._authToken : undefined);
  delete options._authToken;
  const verified = await platform.tokens.verify(bearer);
  if (!verified.ok) throw new ServerError(AUTH_FAILED, `${verified.error.code}: ${verified.error.message}`);
  if (rawOptions !== undefined && !isOptionsObject(rawOptions)) {
    const got = rawOptions === null ? "null" : Array.isArray(rawOptions) ? "an array" : typeof rawOptions;
    throw new ServerError(APPLICATION_ERROR, `INVALID_OPTIONS: join options must be a JSON object (got ${got})`);
  }
  let parsed: unknown = options;
  if (spec.joinOptions) {
    const result = spec.joinOptions.safeParse(options);
    if (!result.success) {
      throw new ServerError(APPLICATION_ERROR, `INVALID_OPTIONS: ${summarizeIssues(describeIssues(result.error))}`);
    }
    parsed = result.data;
  }
  return { id: verified.value.id, name: verified.value.name, options: parsed };
}

/** Counts WebSocket bytes both ways for one client of one kind. */
function countBytes(platform: Platform, kind: string, client: Client): void {
  const ws = (client as unknown as { ref?: { on?: Function; send?: Function; __counted?: boolean } }).ref;
  if (!ws || typeof ws.on !== "function" || typeof ws.send !== "function" || ws.__counted) return;
  ws.__counted = true;
  const bytesIn = platform.metrics.bytesIn.series({ kind });
  const bytesOut = platform.metrics.bytesOut.series({ kind });
  ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
    bytesIn.inc(Array.isArray(data) ? data.reduce((s, b) => s + b.length, 0) : (data as Buffer).byteLength);
  });
  const send = ws.send.bind(ws);
  ws.send = (data: Uint8Array | string, ...rest: unknown[]) => {
    bytesOut.inc(typeof data === "string" ? Buffer.byteLength(data) : data.byteLength);
    return send(data, ...rest);
  };
}

/** Join options as the protocol allows them: a JSON object (not null, not an array). */
function isOptionsObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

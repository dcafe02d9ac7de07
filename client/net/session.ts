/**
 * Guest sign-in. The token and the user are kept in localStorage under `statecraft.session`, so a
 * reload (or coming back tomorrow) keeps the same identity while the token is valid. When the
 * server says the token is no longer good (401 INVALID_TOKEN / TOKEN_EXPIRED / UNAUTHORIZED), the
 * store signs in again with the remembered name; only if that fails does the player see the form.
 *
 * Server contract (server/platform/auth.ts):
 *   POST /api/auth/guest {name} → 200/201 {token, user: {id, name}} | 400 {code: "INVALID_NAME", message}
 *   GET  /api/me (Bearer)       → 200 {user: {id, name}}            | 401 {code, message}
 */
import { normalizeName } from "../../shared/core/names.js";
import type { Api, ApiResult } from "./api.js";

export const SESSION_KEY = "statecraft.session";

export interface User {
  id: string;
  name: string;
}

export interface Session {
  token: string;
  user: User;
}

/** The subset of the Web Storage API we use (injectable for tests; null = memory only). */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const TOKEN_PROBLEMS = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "UNAUTHORIZED"]);

export class SessionStore {
  private session: Session | null;
  /** Set when a token is dropped, so the form still offers the old name. */
  private prefill = "";

  constructor(
    private readonly api: Api,
    private readonly storage: KeyValueStore | null,
  ) {
    this.session = readStored(storage);
  }

  /** The signed-in session, or null. */
  current(): Session | null {
    return this.session;
  }

  /** Signs in as a guest with `rawName`. The name is checked here first for instant feedback. */
  async signIn(rawName: string): Promise<ApiResult<Session>> {
    const name = normalizeName(rawName);
    if (!name.ok) return { ok: false, error: { ...name.error, status: 0 } };
    const reply = await this.api.post<unknown>("/api/auth/guest", { name: name.value });
    if (!reply.ok) return reply;
    const session = parseSession(reply.value);
    if (!session) return badShape(reply.status, "POST /api/auth/guest");
    this.set(session);
    return { ok: true, value: session, status: reply.status };
  }

  /**
   * Checks the stored session with the server. Returns null when there is nothing stored.
   * A token problem leads to one silent sign-in with the same name.
   */
  async restore(): Promise<ApiResult<Session> | null> {
    const stored = this.session;
    if (!stored) return null;
    const reply = await this.api.get<unknown>("/api/me", { token: stored.token });
    if (reply.ok) {
      const user = parseUser((reply.value as { user?: unknown } | undefined)?.user);
      if (!user) return badShape(reply.status, "GET /api/me");
      const session = { token: stored.token, user };
      this.set(session);
      return { ok: true, value: session, status: reply.status };
    }
    if (reply.error.status === 401 || TOKEN_PROBLEMS.has(reply.error.code)) {
      const again = await this.signIn(stored.user.name);
      if (!again.ok) this.keepNameOnly(stored.user);
      return again;
    }
    return reply; // server unreachable or failing: keep the stored session, let the caller retry
  }

  private set(session: Session): void {
    this.session = session;
    try {
      this.storage?.setItem(SESSION_KEY, JSON.stringify(session));
    } catch {
      // storage full or disabled (private mode): the session lives for this page only
    }
  }

  private keepNameOnly(user: User): void {
    this.session = null;
    try {
      this.storage?.setItem(SESSION_KEY, JSON.stringify({ user }));
    } catch {
      // see set()
    }
    this.prefill = user.name;
  }

  /** The name to prefill in the form: the current one, or the last one used on this browser. */
  suggestedName(): string {
    return this.session?.user.name ?? (this.prefill || readStoredName(this.storage));
  }
}

function readStored(storage: KeyValueStore | null): Session | null {
  try {
    const raw = storage?.getItem(SESSION_KEY);
    return raw ? parseSession(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

function readStoredName(storage: KeyValueStore | null): string {
  try {
    const raw = storage?.getItem(SESSION_KEY);
    return (raw && parseUser((JSON.parse(raw) as { user?: unknown }).user)?.name) || "";
  } catch {
    return "";
  }
}

export function parseSession(value: unknown): Session | null {
  if (typeof value !== "object" || value === null) return null;
  const { token, user } = value as { token?: unknown; user?: unknown };
  const parsed = parseUser(user);
  return typeof token === "string" && token !== "" && parsed ? { token, user: parsed } : null;
}

function parseUser(value: unknown): User | null {
  if (typeof value !== "object" || value === null) return null;
  const { id, name } = value as { id?: unknown; name?: unknown };
  if ((typeof id !== "string" && typeof id !== "number") || typeof name !== "string") return null;
  return { id: String(id), name };
}

function badShape(status: number, what: string): { ok: false; error: { code: string; message: string; status: number } } {
  return { ok: false, error: { code: "BAD_RESPONSE", message: `${what} answered in an unexpected shape.`, status } };
}

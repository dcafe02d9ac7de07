/**
 * JSON over HTTP to the game server. Every failure comes back as a value, `{code, message, status}`:
 * the server's own error body (`{code, message, details?}`) when it sent one, otherwise a code made
 * up here (NETWORK_ERROR, TIMEOUT, HTTP_<status>, BAD_RESPONSE). Nothing in here throws.
 */
import { isRejection, type Rejection } from "../../shared/core/errors.js";

export interface ApiError extends Rejection {
  /** HTTP status; 0 when no response arrived. */
  status: number;
}

export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; error: ApiError };

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  timeoutMs?: number;
}

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export class Api {
  /**
   * @param baseUrl "" for the page's own origin (production, and the vite dev proxy).
   */
  constructor(
    private readonly baseUrl = "",
    private readonly fetchFn: FetchFn = (input, init) => fetch(input, init),
  ) {}

  get<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    return this.request<T>("GET", path, undefined, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<ApiResult<T>> {
    return this.request<T>("POST", path, body, options);
  }

  private async request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 10_000);
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch (e) {
      clearTimeout(timer);
      return abort.signal.aborted
        ? fail(0, "TIMEOUT", `The server did not answer ${method} ${path} in time.`)
        : fail(0, "NETWORK_ERROR", `Cannot reach the server (${e instanceof Error ? e.message : String(e)}).`);
    }
    let data: unknown = undefined;
    let text = "";
    try {
      text = await response.text();
      data = text === "" ? undefined : JSON.parse(text);
    } catch {
      data = undefined; // not JSON: handled below
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) return { ok: false, error: httpError(response.status, data, text) };
    if (data === undefined && response.status !== 204) {
      return fail(response.status, "BAD_RESPONSE", `${method} ${path} answered something that is not JSON.`);
    }
    return { ok: true, value: data as T, status: response.status };
  }
}

/** The normalized error for a non-2xx reply. */
export function httpError(status: number, body: unknown, text = ""): ApiError {
  if (isRejection(body)) {
    const error: ApiError = { code: body.code, message: body.message, status };
    if (body.details !== undefined) error.details = body.details;
    return error;
  }
  const fromField =
    typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "string"
      ? (body as { error: string }).error
      : text.trim().slice(0, 200);
  return { code: `HTTP_${status}`, message: fromField || `The server answered ${status}.`, status };
}

function fail(status: number, code: string, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message, status } };
}

/**
 * HTTP conventions shared by every route: request ids, the error body `{code, message, details?}`,
 * body parsing with zod (400 listing the offending fields), bearer authentication, and the final
 * error handler (malformed JSON → 400, body too large → 413, anything else → 500 without internals).
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Socket } from "node:net";
import type { NextFunction, Request, Response, RequestHandler } from "express";
import type { ZodType } from "zod";
import type { Rejection } from "../../shared/core/errors.js";
import type { User } from "./db/users.js";
import { bearerToken, type TokenService } from "./auth.js";
import type { Logger } from "./logger.js";
import { describeIssues, summarizeIssues } from "./validation.js";

/**
 * An expected refusal (4xx, or a 5xx the code chose), answered as `{code, message}`. It carries no
 * stack trace: capturing one was the largest single cost of a refused request (a flood of 429s cost
 * more CPU per request than the cached reads they stood in for), and nobody reads it.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, details?: unknown, headers: Record<string, string> = {}) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function sendError(res: Response, status: number, rejection: Rejection): void {
  res.status(status).json(rejection.details === undefined ? { code: rejection.code, message: rejection.message } : rejection);
}

/** Parses `value` with `schema` or throws a 400 VALIDATION_FAILED naming each offending field. */
export function parseWith<T>(schema: ZodType<T>, value: unknown, what = "body"): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = describeIssues(result.error);
  throw new HttpError(400, "VALIDATION_FAILED", `invalid ${what}: ${summarizeIssues(issues)}`, issues);
}

/** Wraps an async route so a thrown HttpError becomes its reply. */
export function route(fn: (req: Request, res: Response) => Promise<unknown> | unknown): RequestHandler {
  // No closure per request: under tsx (esbuild's keepNames) each function created per request
  // also costs a defineProperty of its name, on the hottest path there is.
  return (req, res, next) => {
    let out: unknown;
    try {
      out = fn(req, res);
    } catch (e) {
      return next(e);
    }
    if (out instanceof Promise) out.catch(next);
  };
}

/**
 * Middlewares run in turn inside ONE router layer. Express's router spends about as much per
 * layer it walks past or into as a small handler does (matching, params, prefix trimming), and
 * every request walks the app's first layers: chaining the ones every request passes through
 * takes that cost once. An error (or "route"/"router") goes straight to the router's `next`.
 */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => new Chain(handlers, req, res, next).step();
}

/** One request's walk through a chain; `step` is bound once (a bound method, not a new closure). */
class Chain {
  private i = 0;
  readonly step: (err?: unknown) => void;

  constructor(private readonly handlers: RequestHandler[], private readonly req: Request, private readonly res: Response, private readonly next: NextFunction) {
    this.step = this.advance.bind(this);
  }

  private advance(err?: unknown): void {
    if (err !== undefined && err !== null) return this.next(err);
    if (this.i === this.handlers.length) return this.next();
    const handler = this.handlers[this.i++]!;
    try {
      void handler(this.req, this.res, this.step);
    } catch (e) {
      this.next(e);
    }
  }
}

/** The caller's X-Request-Id when it is a sane token (1–100 of [A-Za-z0-9_.:-]), else a new UUID. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === "string" && /^[\w\-.:]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFrom(req.header("x-request-id"));
    (req as Request & { id: string }).id = id;
    res.setHeader("X-Request-Id", id);
    next();
  };
}

declare module "express-serve-static-core" {
  interface Request {
    id?: string;
    user?: User;
  }
}

/** Requires `Authorization: Bearer <token>`; sets req.user. */
export function requireUser(tokens: TokenService): RequestHandler {
  return (req, _res, next) => {
    tokens
      .verify(bearerToken(req.header("authorization")))
      .then((r) => {
        if (!r.ok) return next(new HttpError(401, r.error.code, r.error.message, undefined, { "WWW-Authenticate": "Bearer" }));
        req.user = r.value;
        next();
      })
      .catch(next);
  };
}

export function notFound(): RequestHandler {
  // originalUrl: the path as the client wrote it (req.path is relative to the router it reached)
  return (req, res) => sendError(res, 404, { code: "NOT_FOUND", message: `no route for ${req.method} ${req.originalUrl.split("?")[0]}` });
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
      return sendError(res, err.status, { code: err.code, message: err.message, details: err.details });
    }
    const e = err as { type?: string; status?: number; message?: string; limit?: number; body?: string; code?: string };
    // the router's own: a path parameter that is not valid percent-encoding (e.g. /api/chess/games/%ZZ)
    if (err instanceof URIError) return sendError(res, 400, { code: "VALIDATION_FAILED", message: `the path is not valid percent-encoding: ${req.originalUrl.split("?")[0]}` });
    if (e?.type === "entity.parse.failed") return sendError(res, 400, { code: "BAD_REQUEST", message: unparsedBody(e.body) });
    if (isZlibError(e)) {
      const encoding = req.header("content-encoding") ?? "compressed";
      return sendError(res, 400, { code: "BAD_REQUEST", message: `body is not valid ${encoding} data (Content-Encoding: ${encoding})` });
    }
    if (e?.type === "entity.too.large")
      return sendError(res, 413, { code: "PAYLOAD_TOO_LARGE", message: `body is larger than ${e.limit} bytes` });
    if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported")
      return sendError(res, 415, { code: "UNSUPPORTED_MEDIA_TYPE", message: e.message ?? "unsupported body encoding" });
    logger.error("unhandled error in HTTP route", { method: req.method, path: req.path, requestId: req.id, error: err });
    sendError(res, 500, { code: "INTERNAL", message: `internal error (request id ${req.id ?? "?"})` });
  };
}

/** Why express.json refused a body: not JSON at all, or JSON that is not an object or array. */
function unparsedBody(body: string | undefined): string {
  if (body !== undefined) {
    try {
      const value: unknown = JSON.parse(body);
      return `body must be a JSON object (got ${value === null ? "null" : typeof value})`;
    } catch {
      /* not JSON */
    }
  }
  return "body is not valid JSON";
}

/** A body whose Content-Encoding (gzip, deflate, br) does not decode: zlib's own stream error. */
function isZlibError(e: { code?: string } | undefined): boolean {
  return typeof e?.code === "string" && (e.code.startsWith("Z_") || e.code.startsWith("ERR__ERROR") || e.code.startsWith("ERR_BROTLI"));
}

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers over 16 KB, a request
 * line that is not HTTP, a request that took too long to arrive) get the API's JSON error body
 * and an X-Request-Id too, instead of Node's bare status line; then the connection closes.
 */
export function answerClientErrors(server: http.Server): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] =
      err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", "HEADERS_TOO_LARGE", "the request's headers are larger than 16 KB"]
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request Timeout", "REQUEST_TIMEOUT", "the request did not arrive in time"]
          : [400, "Bad Request", "BAD_REQUEST", "the request is not valid HTTP"];
    const body = JSON.stringify({ code, message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

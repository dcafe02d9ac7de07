/**
 * Identity: signed guest tokens (JWT, HS256). The secret comes from AUTH_SECRET or is generated once
 * and kept in DATA_DIR/auth-secret, so tokens survive restarts and every process sharing DATA_DIR
 * (or AUTH_SECRET) accepts every other's tokens — that is what lets any process serve any request.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { ok, reject, type Result } from "../../shared/core/errors.js";
import type { User, UserRepository } from "./db/users.js";

const ISSUER = "statecraft";

export interface TokenService {
  sign(user: User): Promise<string>;
  verify(token: string | undefined | null): Promise<Result<User>>;
}

export function loadOrCreateSecret(dataDir: string, configured?: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const file = path.join(dataDir, "auth-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails if it exists: two processes starting together agree on one secret.
    fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const text = fs.readFileSync(file, "utf8").trim();
  if (text.length < 32) throw new Error(`${file} is too short to be a secret; delete it to regenerate`);
  return new TextEncoder().encode(text);
}

export function createTokenService(secret: Uint8Array, ttlSeconds: number, now: () => number = Date.now): TokenService {
  return {
    async sign(user) {
      const iat = Math.floor(now() / 1000);
      return new SignJWT({ name: user.name })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(secret);
    },
    async verify(token) {
      if (!token) return reject("UNAUTHORIZED", "a token is required: sign in with POST /api/auth/guest");
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: ISSUER,
          algorithms: ["HS256"],
          requiredClaims: ["exp"], // every token this server signs expires: one that does not was not signed by it as a session
          currentDate: new Date(now()),
        });
        if (typeof payload.sub !== "string" || typeof payload.name !== "string")
          return reject("INVALID_TOKEN", "token is missing its subject or name");
        return ok({ id: payload.sub, name: payload.name });
      } catch (e) {
        if (e instanceof joseErrors.JWTExpired) return reject("TOKEN_EXPIRED", "token has expired: sign in again");
        return reject("INVALID_TOKEN", "token is not valid (bad signature, malformed or from another server)");
      }
    },
  };
}

/**
 * Tokens whose user exists: a token can outlive its user's row (a database reset with the secret
 * kept, processes sharing a secret but not a database), and then nothing may be done in its name.
 * Users are never deleted while the server runs, so a user found once is remembered (a bounded
 * set: at most `remember` ids, the oldest forgotten first) and costs no query again.
 */
export function withKnownUsers(tokens: TokenService, users: Pick<UserRepository, "find">, remember = 100_000): TokenService {
  const known = new Set<string>();
  return {
    sign: (user) => tokens.sign(user),
    async verify(token) {
      const r = await tokens.verify(token);
      if (!r.ok || known.has(r.value.id)) return r;
      if (!(await users.find(r.value.id))) return reject("INVALID_TOKEN", "this token's user no longer exists: sign in again");
      if (known.size >= remember) known.delete(known.values().next().value!);
      known.add(r.value.id);
      return r;
    },
  };
}

/**
 * `Authorization: Bearer <token>` → token; no header → undefined (UNAUTHORIZED). A header of another
 * shape is passed on as it is, so that it is refused as INVALID_TOKEN rather than as missing.
 */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : header;
}

/**
 * One in-process Statecraft app per mocha process (Colyseus's matchmaker is a singleton: a second
 * boot in the same process breaks). Started lazily by the first suite that asks, on a free port
 * with a temporary SQLite DATA_DIR, hosting the built-in kinds plus the tests' own EchoRoom.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { loadConfig } from "../../server/config.js";
import { startApp, type StartedApp } from "../../server/app.js";
import { builtinKinds } from "../../server/rooms/index.js";
import { echoKind } from "./EchoRoom.js";

let app: Promise<StartedApp> | undefined;

export function testServer(): Promise<StartedApp> {
  app ??= (async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-test-"));
    const config = loadConfig(
      {
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: "0",
        DATA_DIR: dataDir,
        // Silent unless asked (LOG_LEVEL=warn npm test): some tests provoke errors on purpose.
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
        CLIENT_DIR: path.resolve(import.meta.dirname, "../../dist/client"),
        SHUTDOWN_GRACE_SECONDS: "2",
        GUEST_SIGNINS_PER_MINUTE: "100000", // suites sign in hundreds of guests from one address
      },
      process.cwd(),
    );
    return startApp(config, [...builtinKinds, echoKind]);
  })();
  return app;
}

export interface Guest {
  token: string;
  user: { id: string; name: string };
}

export async function signIn(baseUrl: string, name: string): Promise<Guest> {
  const res = await fetch(`${baseUrl}/api/auth/guest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Guest;
}

/** An SDK client signed in as a new guest. */
export async function sdkClient(baseUrl: string, name: string): Promise<{ client: Client; guest: Guest }> {
  const guest = await signIn(baseUrl, name);
  const client = new Client(baseUrl);
  client.auth.token = guest.token;
  return { client, guest };
}

/** Resolves with the next message of `type` (rejects after `ms`). */
export function nextMessage<T = unknown>(room: { onMessage(type: string, cb: (m: T) => void): () => void }, type: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${type}" message within ${ms} ms`));
    }, ms);
    const off = room.onMessage(type, (m: T) => {
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

/** Polls `predicate` until true (rejects after `ms`). */
export async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 5000, what = "condition"): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

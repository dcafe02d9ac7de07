/**
 * Starts `server/main.ts` as a separate process (scale-out, kill-and-recover, browser and statelessness
 * tests). Resolves once the process logs "listening"; the port is chosen by the OS unless given.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM and wait for exit (graceful). */
  stop(): Promise<void>;
  /** Send a signal (default SIGKILL) and wait for exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The Node flags `npm run serve` (and `npm start`) give the server, read from package.json so that
 * the tests and benchmarks run the server as users do (e.g. its young-generation size).
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const words = pkg.scripts.serve!.split(/\s+/);
  const at = words.indexOf("tsx");
  if (at < 0 || !words.at(-1)!.endsWith("server/main.ts")) throw new Error(`package.json "serve" is not "tsx [node flags] server/main.ts": ${pkg.scripts.serve}`);
  return words.slice(at + 1, -1);
}

export async function startServerProcess(opts: { env?: Record<string, string>; dataDir?: string; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-proc-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    CLIENT_DIR: path.join(ROOT, "dist/client"),
    GUEST_SIGNINS_PER_MINUTE: "100000",
    ...opts.env,
  };
  // A test process gets no Redis/Postgres unless the test asks for it.
  if (!opts.env?.REDIS_URL) delete env.REDIS_URL;
  if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL;
  // node itself with tsx's loader, not the tsx binary: the tsx binary runs the server in a child
  // process, so a SIGKILL sent to it would orphan the real server instead of killing it.
  const proc = spawn(process.execPath, [...serverNodeFlags(), "--import", "tsx", path.join(ROOT, "server/main.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), opts.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"listening".*?"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    proc,
    output: () => out,
    stop: () => kill("SIGTERM"),
    kill,
  };
}

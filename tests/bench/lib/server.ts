/**
 * The server under test, in its own process: `tsx server/main.ts` on a free loopback port with a
 * fresh temporary DATA_DIR (SQLite, persistence on), via tests/helpers/serverProcess.ts. Stopped
 * and its data directory removed by `stop()` or by the benchmark's cleanup, whichever comes first.
 *
 * Logging: LOG_LEVEL=info, because startServerProcess recognizes readiness by the "listening"
 * line, which is logged at info. The server logs nothing at info per request or per move, so this
 * costs nothing during a run (warn and error lines are counted and reported).
 *
 * Observation without changing the server: serverProbe.mjs is preloaded (NODE_OPTIONS=--import).
 * `windowStart()` / `windowEnd()` signal it (SIGUSR2) to watch the measurement window: event-loop
 * stalls and whether the process was running during them, GC pauses, and a CPU profile if asked.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startServerProcess, type ServerProcess } from "../../helpers/serverProcess.js";
import { killTree, onCleanup, processTree, sleep, trackPid, treeCpuSeconds, untrackPid } from "./procs.js";

/** What serverProbe.mjs reports for a window. */
export interface ServerProbe {
  wallMs: number;
  cpuMs: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  stalls: { count: number; totalMs: number; busyMs: number; runqueueMs: number; maxMs: number; list: { atMs: number; gapMs: number; cpuMs: number; runqueueMs: number }[] };
  gc: {
    count: number;
    totalMs: number;
    maxMs: number;
    byKind: Record<"minor" | "major" | "incremental" | "weakcb", { count: number; ms: number }>;
    /** Pauses of 5 ms or more, with when they began in the window. */
    long: { atMs: number; ms: number; kind: string }[];
  };
}

/** One line per stall of the window, with the long GC pauses that overlapped it (BENCH_VERBOSE=1). */
export function stallReport(probe: ServerProbe): string[] {
  return probe.stalls.list.map((s) => {
    const gcs = probe.gc.long.filter((g) => g.atMs < s.atMs + s.gapMs && g.atMs + g.ms > s.atMs);
    return `    stall at ${(s.atMs / 1000).toFixed(2)} s: ${s.gapMs} ms (CPU ${s.cpuMs}, run queue ${s.runqueueMs})` +
      (gcs.length ? `; GC ${gcs.map((g) => `${g.kind} ${g.ms} ms`).join(", ")}` : "");
  });
}

export interface BenchServer {
  url: string;
  port: number;
  dataDir: string;
  /** pid of the spawned process (the server itself, or a launcher whose child runs it). */
  pid: number;
  /** CPU seconds used so far by the server's process tree. */
  cpuSeconds(): number;
  /** Starts the measurement window inside the server (and the CPU profile, if asked). */
  windowStart(): void;
  /** Ends it and returns what the probe saw (undefined if it did not answer). */
  windowEnd(): Promise<ServerProbe | undefined>;
  /** Lines of stderr/stdout at level warn or error so far. */
  problems(): string[];
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server's measurement window into this directory. */
  cpuProfileDir?: string;
}

export async function startBenchServer(opts: BenchServerOptions = {}): Promise<BenchServer> {
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-bench-probe-"));
  const env: Record<string, string> = {
    LOG_LEVEL: "info",
    GUEST_SIGNINS_PER_MINUTE: "1000000",
    NODE_ENV: "production",
    ...opts.env,
    // Node 20 refuses --cpu-prof in NODE_OPTIONS; the probe drives the profiler through node:inspector
    // (BENCH_SERVER_NODE_OPTIONS: V8/Node flags for the server under test only, e.g. GC experiments)
    NODE_OPTIONS: [process.env.BENCH_SERVER_NODE_OPTIONS, `--import ${pathToFileURL(path.join(import.meta.dirname, "serverProbe.mjs")).href}`].filter(Boolean).join(" "),
    BENCH_PROBE_DIR: probeDir,
  };
  if (opts.cpuProfileDir) {
    fs.mkdirSync(opts.cpuProfileDir, { recursive: true });
    env.BENCH_CPU_PROFILE_DIR = path.resolve(opts.cpuProfileDir);
  }
  let proc: ServerProcess;
  try {
    proc = await startServerProcess({ env, timeoutMs: 60_000 });
  } catch (e) {
    fs.rmSync(probeDir, { recursive: true, force: true });
    throw e;
  }
  const pid = proc.proc.pid!;
  trackPid(pid);

  // the Node process running main.ts — not a tsx launcher (older helper) nor esbuild: SIGUSR2 would end them
  const signalServer = () => {
    const isServer = (p: number) => {
      try {
        const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8");
        return cmd.includes("server/main.ts") && !/\.bin\/tsx|tsx\/dist\/cli/.test(cmd);
      } catch {
        return false;
      }
    };
    for (const p of processTree(pid).filter(isServer)) {
      try {
        process.kill(p, "SIGUSR2");
      } catch {
        /* gone */
      }
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const tree = processTree(pid);
    await Promise.race([proc.stop(), sleep(20_000)]); // graceful first, then force
    for (const p of tree) killTree(p, "SIGKILL");
    untrackPid(pid);
    fs.rmSync(proc.dataDir, { recursive: true, force: true });
    fs.rmSync(probeDir, { recursive: true, force: true });
  };
  onCleanup(stop);

  return {
    url: proc.url,
    port: proc.port,
    dataDir: proc.dataDir,
    pid,
    cpuSeconds: () => treeCpuSeconds(pid),
    windowStart: () => signalServer(),
    windowEnd: async () => {
      signalServer();
      for (let i = 0; i < 50; i++) {
        await sleep(100);
        const file = fs.readdirSync(probeDir).find((f) => f.endsWith(".json"));
        if (!file) continue;
        try {
          return JSON.parse(fs.readFileSync(path.join(probeDir, file), "utf8")) as ServerProbe;
        } catch {
          /* still being written */
        }
      }
      return undefined;
    },
    problems: () => proc.output().split("\n").filter((l) => /"level":"(warn|error)"/.test(l) || /^\s*(Error|TypeError|RangeError)\b/.test(l)),
    stop,
  };
}

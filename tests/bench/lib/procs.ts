/**
 * Child processes of a benchmark: every process a benchmark starts is registered here and killed
 * when the benchmark ends, fails, or is interrupted (Ctrl-C), including grandchildren (the `tsx`
 * launcher runs the real Node process as its child, and SIGKILL on the launcher would orphan it).
 * Also reads a process tree's CPU time from /proc (Linux), to report how busy each side was.
 */
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();
let hooked = false;

function hookProcessExit(): void {
  if (hooked) return;
  hooked = true;
  // last resort, synchronous: SIGKILL whatever is still registered
  process.on("exit", () => {
    for (const pid of [...tracked]) killTree(pid, "SIGKILL");
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      process.stderr.write(`\nbench: ${sig}, stopping child processes\n`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

const tracked = new Set<number>();

/** Registers a cleanup to run (once) by `runCleanups()` — at the end of a benchmark or on a signal. */
export function onCleanup(fn: Cleanup): () => void {
  hookProcessExit();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs every registered cleanup, newest first, each bounded to 15 s. */
export async function runCleanups(): Promise<void> {
  const list = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of list) {
    try {
      await Promise.race([Promise.resolve(fn()), sleep(15_000)]);
    } catch (e) {
      process.stderr.write(`bench: cleanup failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
}

/** Tracks a pid so that it (and its descendants) is SIGKILLed if the bench process exits first. */
export function trackPid(pid: number | undefined): void {
  if (pid === undefined) return;
  hookProcessExit();
  tracked.add(pid);
}

export function untrackPid(pid: number | undefined): void {
  if (pid !== undefined) tracked.delete(pid);
}

/** Direct children of `pid` (Linux /proc), [] elsewhere. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const c of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childPids(all[i]!));
  return all;
}

/** Signals a process and its descendants (descendants first, so the launcher cannot respawn). */
export function killTree(pid: number, signal: NodeJS.Signals = "SIGKILL"): void {
  for (const p of processTree(pid).reverse()) {
    try {
      process.kill(p, signal);
    } catch {
      /* already gone */
    }
  }
}

const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat times are in these ticks

/** CPU seconds (user + system) used so far by a process tree; NaN where /proc is unavailable. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  let any = false;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from #3 (state) on
      ticks += Number(fields[11]) + Number(fields[12]); // utime (#14), stime (#15)
      any = true;
    } catch {
      /* gone */
    }
  }
  return any ? ticks / CLK_TCK : Number.NaN;
}

/**
 * Holds a process and all its threads (Linux `taskset -a`) to `cpus` ("0", "1-3"). Threads it
 * starts later inherit the mask. False where that cannot be done (no taskset, not Linux).
 */
export function pinToCpus(pid: number, cpus: string): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Time this process's main thread has spent runnable but not running so far (ms): other threads or
 * processes had its CPU (the 2nd field of /proc/self/schedstat); NaN where /proc is unavailable.
 */
export function runqueueWaitMs(): number {
  try {
    return Number(fs.readFileSync("/proc/self/schedstat", "utf8").split(" ")[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time the machine's virtual CPUs lost to the hypervisor so far (the `steal` column of
 * /proc/stat, all CPUs, seconds); NaN where /proc is unavailable. On a VM, a vCPU that the host
 * preempts stops every thread on it for that long, whatever the process does.
 */
export function machineStealSeconds(): number {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
    return Number(fields[8]) / CLK_TCK; // cpu user nice system idle iowait irq softirq steal …
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts a TypeScript worker script (path relative to the repo root) as a separate Node process
 * with an IPC channel (`node --import tsx script.ts`), tracked for cleanup. With BENCH_BOT_PROFILE=DIR
 * in the environment, each such process writes a V8 CPU profile into DIR when it exits
 * (summarize with `npx tsx tests/bench/lib/cpuprofile.ts DIR/<file>`).
 */
export function forkTs(script: string, opts: { env?: Record<string, string>; args?: string[] } = {}): ChildProcess {
  const env = { ...(process.env as Record<string, string>), ...opts.env };
  delete env.NODE_OPTIONS; // profiling flags meant for the server must not leak into workers
  const child = fork(path.join(ROOT, script), opts.args ?? [], {
    cwd: ROOT,
    env,
    execArgv: ["--import", "tsx", ...(process.env.BENCH_BOT_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_BOT_PROFILE}`] : [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  trackPid(child.pid);
  child.once("exit", () => untrackPid(child.pid));
  return child;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

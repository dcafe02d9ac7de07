/**
 * Plaza benchmark (issue #5): N avatars in one plaza room, each moving at 10 Hz, relayed by area
 * of interest; then, in the same run and on the same server, the same load relayed naively to
 * everyone (room mode `broadcast`, allowed by PLAZA_ALLOW_BROADCAST=1 on the bench server only).
 *
 * Setup: a fresh server process (tests/bench/lib/server.ts) and, per phase, one bot process
 * (plazaBots.ts, real SDK clients over loopback WebSockets). Per phase, over the measurement
 * window: relay latency (a move's send → its arrival at the other avatars of the bot process),
 * bytes the server sent to plaza clients (its own /metrics counter statecraft_bytes_sent_total,
 * read at window start and end), moves sent, and the server's CPU.
 *
 * The comparison with broadcast runs at `--compare-avatars` (default min(N, 200)), AOI and broadcast
 * on the same load: naive broadcast is O(N²) — at 1,000 avatars × 10 Hz it would have to send 10
 * million positions a second, which saturates the server (and the bots) on this machine, so its
 * bytes there measure the saturation, not the relay. Use --compare-avatars 1000 to see that.
 * bytesRatioVsBroadcast = (AOI bytes per move sent) / (broadcast bytes per move sent), normalized
 * per move (raw bytes/s ratio printed too). Targets: 1,000 avatars, p99 ≤ 50 ms, ratio ≤ 0.2.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PlazaBotInit, PlazaBotMessage, PlazaBotResult } from "./plazaBots.js";
import { checkKnown, numberOption, stringOption, type BenchArgs } from "./lib/cli.js";
import { forkTs, killTree, sleep } from "./lib/procs.js";
import { fmt, printTable, type Figures } from "./lib/report.js";
import { stallReport, startBenchServer, type BenchServer, type ServerProbe } from "./lib/server.js";
import { round } from "./lib/stats.js";

interface Phase {
  mode: "aoi" | "broadcast";
  avatars: number;
  result: PlazaBotResult;
  bytes: number; // sent by the server to plaza clients during the window
  serverCpuPct: number;
  setupSec: number;
  probe?: ServerProbe; // event-loop delay, stalls (on CPU / waiting for a CPU), GC — probed phases only
}

/** One of the server's own plaza series from /metrics (a scrape that fails is an error, never 0). */
async function plazaMetric(server: BenchServer, name: "statecraft_bytes_sent_total" | "statecraft_clients"): Promise<number> {
  const res = await fetch(`${server.url}/metrics`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
  const m = new RegExp(`^${name}\\{kind="plaza"\\} (\\S+)$`, "m").exec(await res.text());
  if (!m || !Number.isFinite(Number(m[1]))) throw new Error(`GET /metrics has no ${name} for kind plaza`);
  return Number(m[1]);
}

const bytesSent = (server: BenchServer) => plazaMetric(server, "statecraft_bytes_sent_total");

/**
 * After a phase: wait until the room has no client left. A bot whose leave did not get through before
 * its process exited is a dropped connection, and the plaza holds a dropped avatar for its
 * reconnection window: the next phase must not share the room with those.
 */
async function roomEmptied(server: BenchServer, timeoutMs = 30_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while ((await plazaMetric(server, "statecraft_clients")) > 0) {
    if (performance.now() > until) throw new Error("plaza clients still connected after the phase's bots exited");
    await sleep(250);
  }
}

/** One phase: a bot process joins, warms up, measures, leaves. `probe`: watch (and profile) this window. */
async function runPhase(server: BenchServer, init: Omit<PlazaBotInit, "type" | "url">, probe = false): Promise<Phase> {
  const child = forkTs("tests/bench/plazaBots.ts");
  const inbox: PlazaBotMessage[] = [];
  let wake: (() => void) | undefined;
  let exited = false;
  child.on("message", (m: PlazaBotMessage) => {
    inbox.push(m);
    wake?.();
  });
  child.once("exit", () => {
    exited = true;
    wake?.();
  });
  const next = async <T extends PlazaBotMessage["type"]>(type: T, timeoutMs: number): Promise<Extract<PlazaBotMessage, { type: T }>> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const fatal = inbox.find((m) => m.type === "fatal");
      if (fatal && fatal.type === "fatal") throw new Error(`plaza bot process failed: ${fatal.message}`);
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<PlazaBotMessage, { type: T }>;
      if (exited) throw new Error(`plaza bot process exited before "${type}"`);
      if (Date.now() > until) throw new Error(`plaza bot process: no "${type}" within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 1000);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
    }
  };
  try {
    child.send({ type: "init", url: server.url, ...init } satisfies PlazaBotInit);
    const ready = await next("ready", 60_000 + init.avatars * 200);
    console.log(`plaza ${init.mode}: ${ready.avatars} avatars joined in ${(ready.setupMs / 1000).toFixed(1)} s; warming up ${init.warmupSec} s, measuring ${init.measureSec} s…`);
    await next("measuring", (init.warmupSec + 30) * 1000);
    if (probe) server.windowStart(); // the probe watches the window (and profiles it with --profile-server)
    const b0 = await bytesSent(server);
    const c0 = server.cpuSeconds();
    const t0 = performance.now();
    const result = await next("result", (init.measureSec + 60) * 1000);
    const wall = (performance.now() - t0) / 1000;
    const bytes = (await bytesSent(server)) - b0;
    const seen = probe ? await server.windowEnd() : undefined;
    const cpuPct = ((server.cpuSeconds() - c0) / wall) * 100;
    return {
      mode: init.mode, avatars: ready.avatars, result, bytes, setupSec: ready.setupMs / 1000,
      serverCpuPct: Number.isFinite(cpuPct) && cpuPct >= 0 && cpuPct <= 100 * os.cpus().length ? cpuPct : Number.NaN,
      ...(seen ? { probe: seen } : {}),
    };
  } finally {
    await Promise.race([new Promise((r) => (exited ? r(undefined) : child.once("exit", r))), sleep(10_000)]);
    if (!exited && child.pid) killTree(child.pid, "SIGKILL");
    await roomEmptied(server);
  }
}

export async function runPlazaBench(options: BenchArgs): Promise<Figures> {
  checkKnown(options, ["quick", "avatars", "compare-avatars", "seconds", "warmup", "broadcast-seconds", "hz", "seed", "flush-ms", "profile-server"]);
  const quick = options.has("quick");
  const avatars = numberOption(options, "avatars", quick ? 150 : 1000, { min: 2, integer: true });
  const seconds = numberOption(options, "seconds", quick ? 5 : 15, { min: 1 });
  const warmup = numberOption(options, "warmup", quick ? 2 : 5, { min: 0 });
  const broadcastSeconds = numberOption(options, "broadcast-seconds", quick ? 3 : 5, { min: 1 });
  const hz = numberOption(options, "hz", 10, { min: 1 });
  const seed = numberOption(options, "seed", 1, { integer: true });
  const compareAvatars = numberOption(options, "compare-avatars", Math.min(avatars, 200), { min: 2, integer: true });
  const flushMs = options.has("flush-ms") ? numberOption(options, "flush-ms", 25, { min: 1, integer: true }) : undefined;

  console.log(`\nplaza: ${avatars} avatars moving at ${hz} Hz in one room; area-of-interest relay, then naive broadcast; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
  const server = await startBenchServer({ env: { SHUTDOWN_GRACE_SECONDS: "2", PLAZA_ALLOW_BROADCAST: "1", ...(flushMs ? { PLAZA_FLUSH_MS: String(flushMs) } : {}) }, cpuProfileDir: stringOption(options, "profile-server") });
  try {
    const common = { hz, seed, warmupSec: warmup, joinConcurrency: 16 };
    const aoi = await runPhase(server, { ...common, avatars, mode: "aoi", measureSec: seconds }, true);
    const profileDir = stringOption(options, "profile-server");
    if (profileDir && aoi.probe) {
      // the stalls of the profiled window: `npx tsx tests/bench/lib/cpuprofile.ts DIR --during DIR/probe.json`
      fs.writeFileSync(path.join(profileDir, "probe.json"), JSON.stringify(aoi.probe));
    }
    await sleep(1500); // the room disposes once the bots have left
    // the comparison runs where naive broadcast can still carry the load (it is O(N²))
    const cmpAoi = compareAvatars === avatars ? aoi : await runPhase(server, { ...common, avatars: compareAvatars, mode: "aoi", measureSec: broadcastSeconds });
    if (cmpAoi !== aoi) await sleep(1500);
    const bc = await runPhase(server, { ...common, avatars: compareAvatars, mode: "broadcast", measureSec: broadcastSeconds });
    const problems = server.problems();

    const rate = (p: Phase) => p.result.movesSent / (p.result.windowMs / 1000);
    const bps = (p: Phase) => p.bytes / (p.result.windowMs / 1000);
    const perMove = (p: Phase) => p.bytes / Math.max(1, p.result.movesSent);
    const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
    printTable(
      ["relay", "avatars", "window s", "moves/s", "entries recv/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "server KB/s", "KB/s per client", "bytes/move", "server CPU", "bots CPU"],
      (cmpAoi === aoi ? [aoi, bc] : [aoi, cmpAoi, bc]).map((p) => [
        p.mode === "aoi" ? "area of interest" : "broadcast to all", `${p.avatars}`, (p.result.windowMs / 1000).toFixed(1), fmt(rate(p)),
        fmt(p.result.entriesReceived / (p.result.windowMs / 1000)), ms(p.result.latency.p50), ms(p.result.latency.p90), ms(p.result.latency.p99), ms(p.result.latency.max),
        fmt(bps(p) / 1024), fmt(bps(p) / 1024 / p.avatars, 1), fmt(perMove(p)), `${p.serverCpuPct.toFixed(0)}%`, `${((p.result.cpuMs / p.result.windowMs) * 100).toFixed(0)}%`,
      ]),
      "latency = a move's send → its arrival at the other avatars; bytes = what the server sent to plaza clients (its /metrics); CPU = % of one core",
    );
    const ratio = perMove(cmpAoi) / perMove(bc);
    const rawRatio = bps(cmpAoi) / bps(bc);
    console.log(`plaza: bytes per move at ${compareAvatars} avatars, AOI / broadcast = ${ratio.toFixed(3)} (target ≤ 0.2; raw bytes/s ratio ${rawRatio.toFixed(3)}); ` +
      `AOI p99 ${ms(aoi.result.latency.p99)} ms (target ≤ 50); errors AOI ${JSON.stringify(aoi.result.errors)} broadcast ${JSON.stringify(bc.result.errors)}; ` +
      `bot loop p99 ${ms(aoi.result.loopDelayP99Ms)}/${ms(bc.result.loopDelayP99Ms)} ms; server warn/error lines ${problems.length}`);
    const pr = aoi.probe;
    if (pr) {
      console.log(`  server event loop (AOI, ${aoi.avatars} avatars): delay p50 ${ms(pr.loopDelayMs.p50)} / p99 ${ms(pr.loopDelayMs.p99)} / max ${ms(pr.loopDelayMs.max)} ms; ` +
        `${pr.stalls.count} stalls totalling ${fmt(pr.stalls.totalMs)} ms (on CPU ${fmt(pr.stalls.busyMs)} ms, waiting for a CPU ${fmt(pr.stalls.runqueueMs)} ms); GC ${fmt(pr.gc.totalMs)} ms ${JSON.stringify(pr.gc.byKind)}`);
      if (process.env.BENCH_VERBOSE) for (const line of stallReport(pr)) console.log(line);
    }
    for (const line of problems.slice(0, 5)) console.log(`  server: ${line.slice(0, 300)}`);
    return {
      bench: "plaza",
      avatars: aoi.avatars,
      hz,
      p50Ms: round(aoi.result.latency.p50),
      p90Ms: round(aoi.result.latency.p90),
      p99Ms: round(aoi.result.latency.p99),
      latencySamples: aoi.result.latency.n,
      movesPerSec: Math.round(rate(aoi)),
      bytesTotal: Math.round(aoi.bytes),
      bytesPerClient: Math.round(aoi.bytes / aoi.avatars),
      bytesPerSec: Math.round(bps(aoi)),
      bytesPerClientPerSec: Math.round(bps(aoi) / aoi.avatars),
      windowSec: round(aoi.result.windowMs / 1000, 1),
      serverCpuPct: Number.isFinite(aoi.serverCpuPct) ? Math.round(aoi.serverCpuPct) : null,
      broadcastP50Ms: round(bc.result.latency.p50),
      broadcastP99Ms: round(bc.result.latency.p99),
      broadcastMovesPerSec: Math.round(rate(bc)),
      broadcastBytesTotal: Math.round(bc.bytes),
      broadcastBytesPerSec: Math.round(bps(bc)),
      broadcastServerCpuPct: Number.isFinite(bc.serverCpuPct) ? Math.round(bc.serverCpuPct) : null,
      broadcastWindowSec: round(bc.result.windowMs / 1000, 1),
      compareAvatars: bc.avatars,
      compareAoiBytesPerSec: Math.round(bps(cmpAoi)),
      compareAoiP99Ms: round(cmpAoi.result.latency.p99),
      bytesRatioVsBroadcast: round(ratio, 3),
      bytesRatioRawVsBroadcast: round(rawRatio, 3),
      moveErrors: Object.values(aoi.result.errors).reduce((a, b) => a + b, 0),
      broadcastMoveErrors: Object.values(bc.result.errors).reduce((a, b) => a + b, 0),
      flushMs: flushMs ?? 25,
      serverProblems: problems.length,
      serverLoopDelayP99Ms: pr ? round(pr.loopDelayMs.p99) : null,
      serverStallOnCpuMs: pr ? Math.round(pr.stalls.busyMs) : null,
      serverStallRunqueueMs: pr ? Math.round(pr.stalls.runqueueMs) : null,
      loadAvg: round(os.loadavg()[0]!, 1),
      targetMet: aoi.avatars >= 1000 && aoi.result.latency.p99 <= 50 && ratio <= 0.2,
    };
  } finally {
    await server.stop();
  }
}

// Preloaded into the server under test (NODE_OPTIONS="--import <this file>", see server.ts) to
// observe it during the measurement window without changing its code. The benchmark sends SIGUSR2
// to start the window and SIGUSR2 again to end it; at the end this writes
// $BENCH_PROBE_DIR/<pid>.json with:
//  - event-loop stalls: gaps > STALL_MS between 5 ms ticks, each with the CPU the process used
//    during the gap (≈ the gap: the server was busy, e.g. GC or synchronous work) and the time its
//    main thread spent runnable but waiting for a CPU (/proc/self/schedstat: descheduled because
//    other processes had the cores); what is left is time blocked in a system call (I/O);
//    (process CPU includes Node's helper threads, so "on CPU" and "waiting" can overlap a little);
//  - GC pauses (count, total, max) and the event-loop delay percentiles;
//  - with $BENCH_CPU_PROFILE_DIR: a V8 CPU profile of the window (<pid>.cpuprofile). Node 20
//    refuses --cpu-prof in NODE_OPTIONS, hence node:inspector.
// Plain .mjs (no TypeScript): it runs before tsx's loader.
import { Session } from "node:inspector";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import fs from "node:fs";
import path from "node:path";

const probeDir = process.env.BENCH_PROBE_DIR;
const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
const STALL_MS = 20;
const GC_KINDS = { 1: "minor", 4: "major", 8: "incremental", 16: "weakcb" }; // perf_hooks constants.NODE_PERFORMANCE_GC_*

/** Time the main thread has spent runnable but not running (ms), from /proc/self/schedstat; NaN elsewhere. */
function runqueueWaitMs() {
  try {
    return Number(fs.readFileSync("/proc/self/schedstat", "utf8").split(" ")[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

if (probeDir && process.argv.some((a) => a.endsWith("server/main.ts"))) {
  let active = false;
  let session;
  let tick;
  let stalls = [];
  let gcs = [];
  const RESOLUTION_MS = 5;
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const delay = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ atMs: Math.round(e.startTime - windowStart), ms: e.duration, kind: GC_KINDS[e.detail?.kind] ?? String(e.detail?.kind) });
  });
  let windowStart = 0;
  let cpuStart;

  const start = () => {
    active = true;
    stalls = [];
    gcs = [];
    loop.reset();
    loop.enable();
    gcObserver.observe({ entryTypes: ["gc"] });
    windowStart = performance.now();
    cpuStart = process.cpuUsage();
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    let lastWait = runqueueWaitMs();
    tick = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage();
      const wait = runqueueWaitMs();
      const gap = now - last;
      if (gap > STALL_MS + 5) {
        const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
        stalls.push({ atMs: Math.round(last - windowStart), gapMs: Math.round(gap), cpuMs: Math.round(used), runqueueMs: Math.round(wait - lastWait) });
      }
      last = now;
      lastCpu = cpu;
      lastWait = wait;
    }, 5);
    if (profileDir) {
      session = new Session();
      session.connect();
      session.post("Profiler.enable");
      session.post("Profiler.setSamplingInterval", { interval: 500 });
      session.post("Profiler.start");
    }
  };

  const stop = () => {
    active = false;
    clearInterval(tick);
    loop.disable();
    gcObserver.disconnect();
    const wallMs = performance.now() - windowStart;
    const cpu = process.cpuUsage(cpuStart);
    const sum = (a) => a.reduce((s, v) => s + v, 0);
    const report = {
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      // the histogram records whole timer intervals: subtract the resolution to get the delay
      loopDelayMs: { p50: delay(loop.percentile(50)), p99: delay(loop.percentile(99)), max: delay(loop.max) },
      stalls: {
        count: stalls.length,
        totalMs: sum(stalls.map((s) => s.gapMs)),
        busyMs: sum(stalls.map((s) => Math.min(s.cpuMs, s.gapMs))),
        runqueueMs: sum(stalls.map((s) => Math.min(s.runqueueMs, s.gapMs))),
        maxMs: Math.max(0, ...stalls.map((s) => s.gapMs)),
        list: stalls.slice(0, 200),
      },
      gc: {
        count: gcs.length,
        totalMs: Math.round(sum(gcs.map((g) => g.ms))),
        maxMs: Math.round(Math.max(0, ...gcs.map((g) => g.ms))),
        byKind: Object.fromEntries(Object.values(GC_KINDS).map((k) => [k, { count: gcs.filter((g) => g.kind === k).length, ms: Math.round(sum(gcs.filter((g) => g.kind === k).map((g) => g.ms))) }])),
        // the pauses that can make a stall (≥ 5 ms), for matching against stalls.list
        long: gcs.filter((g) => g.ms >= 5).slice(0, 200).map((g) => ({ atMs: g.atMs, ms: Math.round(g.ms), kind: g.kind })),
      },
    };
    fs.mkdirSync(probeDir, { recursive: true });
    fs.writeFileSync(path.join(probeDir, `${process.pid}.json`), JSON.stringify(report));
    if (session) {
      const s = session;
      session = undefined;
      s.post("Profiler.stop", (err, res) => {
        s.disconnect();
        if (err || !res) return;
        fs.mkdirSync(profileDir, { recursive: true });
        fs.writeFileSync(path.join(profileDir, `${process.pid}.cpuprofile`), JSON.stringify(res.profile));
      });
    }
  };

  process.on("SIGUSR2", () => (active ? stop() : start()));
}

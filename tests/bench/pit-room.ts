/**
 * Pit benchmark, part (b): orders acknowledged end to end through the pit room with journaling on
 * SQLite (issue #6: target ≥ 20,000 acknowledged orders/s per process).
 *
 * Setup: a fresh server process (`tsx server/main.ts`, SQLite in a temporary DATA_DIR, PIT_BOTS=0,
 * traders funded generously on join: PIT_START_CASH / PIT_START_LOTS raised so nobody runs out) and
 * `botProcs` trader processes (pitBots.ts: real SDK clients over loopback WebSockets), all traders in
 * the ACME room, each keeping `inflight` commands in flight under the room's 200 msg/s limit.
 * After a warm-up, for a fixed window: acknowledged orders/s = orders whose first `execution`
 * report (sent by the room only after the journal commit) reached the sender and was not a
 * rejection; ack latency = send → that report. Cancels are part of the load but not counted as orders.
 */
import { type ChildProcess } from "node:child_process";
import os from "node:os";
import type { PitBotInit, PitBotMessage, PitBotResult, PitParentMessage } from "./pitBots.js";
import { forkTs, killTree, sleep } from "./lib/procs.js";
import { fmt, printTable, type Figures } from "./lib/report.js";
import { startBenchServer, type ServerProbe } from "./lib/server.js";
import { round, summarize } from "./lib/stats.js";

export interface PitRoomOptions {
  quick?: boolean;
  traders?: number;
  botProcs?: number;
  inflight?: number;
  seconds?: number;
  warmup?: number;
  /** Traders decode the room's state patches (as the SDK does by default); off by default: see pitBots.ts. */
  decodeState?: boolean;
  profileDir?: string;
}

class BotProcess {
  readonly child: ChildProcess;
  private readonly inbox: PitBotMessage[] = [];
  private waiter?: () => void;
  private failure?: Error;

  constructor() {
    this.child = forkTs("tests/bench/pitBots.ts");
    this.child.on("message", (m: PitBotMessage) => {
      if (m.type === "fatal") this.failure = new Error(`pit bot process failed: ${m.message}`);
      else this.inbox.push(m);
      this.waiter?.();
    });
    this.child.once("exit", (code, signal) => {
      this.failure ??= new Error(`pit bot process exited early (code ${code}, signal ${signal})`);
      this.waiter?.();
    });
  }

  send(m: PitParentMessage): void {
    if (this.child.connected) this.child.send(m);
  }

  async next<T extends PitBotMessage["type"]>(type: T, timeoutMs: number): Promise<Extract<PitBotMessage, { type: T }>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type);
      if (i >= 0) return this.inbox.splice(i, 1)[0] as Extract<PitBotMessage, { type: T }>;
      if (this.failure) throw this.failure;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`pit bot process: no "${type}" within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once("exit", () => r()));
    this.failure ??= new Error("exiting");
    this.send({ type: "exit" });
    await Promise.race([exited, sleep(5000)]);
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) killTree(this.child.pid, "SIGKILL");
  }
}

export async function runPitRoomBench(opts: PitRoomOptions = {}): Promise<Figures> {
  const quick = !!opts.quick;
  const traders = opts.traders ?? (quick ? 60 : 160);
  const botProcs = opts.botProcs ?? (quick ? 1 : 2);
  const inflight = opts.inflight ?? 8;
  const measureSec = opts.seconds ?? (quick ? 5 : 20);
  const warmupSec = opts.warmup ?? (quick ? 2 : 5);
  const rateCap = 195;
  const decodeState = !!opts.decodeState;

  console.log(`\npit (b) through the room: ${traders} traders in ACME over ${botProcs} bot process(es), ${inflight} commands in flight each (≤ ${rateCap} msg/s each), state patches ${decodeState ? "decoded" : "received, not decoded"}; ` +
    `${os.cpus().length} CPUs, machine load ${os.loadavg()[0]!.toFixed(1)}`);
  const server = await startBenchServer({
    env: {
      SHUTDOWN_GRACE_SECONDS: "2",
      PIT_BOTS: "0",
      PIT_START_CASH: String(1e12),
      PIT_START_LOTS: String(10_000_000),
    },
    cpuProfileDir: opts.profileDir,
  });
  const bots: BotProcess[] = [];
  try {
    const runId = Date.now().toString(36).slice(-5);
    const per = Math.floor(traders / botProcs);
    let first = 0;
    const setupStart = performance.now();
    for (let i = 0; i < botProcs; i++) {
      const n = i === botProcs - 1 ? traders - first : per;
      const bot = new BotProcess();
      bots.push(bot);
      const init: PitBotInit = { type: "init", url: server.url, traders: n, firstTrader: first, inflight, rateCap, joinConcurrency: 8, runId, decodeState };
      bot.send(init);
      first += n;
    }
    const ready = await Promise.all(bots.map((b) => b.next("ready", 120_000 + traders * 500)));
    const tradersReady = ready.reduce((s, r) => s + r.traders, 0);
    const setupSec = (performance.now() - setupStart) / 1000;
    console.log(`pit (b): ${tradersReady}/${traders} traders joined in ${setupSec.toFixed(1)} s; warming up ${warmupSec} s, then measuring ${measureSec} s…`);
    if (tradersReady === 0) throw new Error("no trader could join");

    for (const b of bots) b.send({ type: "start" });
    await sleep(warmupSec * 1000);
    const load0 = os.loadavg()[0]!;
    const cpu0 = server.cpuSeconds();
    server.windowStart();
    for (const b of bots) b.send({ type: "measure" });
    const t0 = performance.now();
    await sleep(measureSec * 1000);
    for (const b of bots) b.send({ type: "stop" });
    const results: PitBotResult[] = await Promise.all(bots.map((b) => b.next("result", 30_000)));
    const wallSec = (performance.now() - t0) / 1000;
    const serverCpuPct = ((server.cpuSeconds() - cpu0) / wallSec) * 100;
    const probe: ServerProbe | undefined = await server.windowEnd();
    const load1 = os.loadavg()[0]!;
    const problems = server.problems();

    const windowSec = Math.max(...results.map((r) => r.windowMs)) / 1000;
    const acked = results.reduce((s, r) => s + r.ordersAcked, 0);
    const rejectedInWindow = results.reduce((s, r) => s + r.ordersRejected, 0);
    const cancels = results.reduce((s, r) => s + r.cancelsAcked, 0);
    const sent = results.reduce((s, r) => s + r.sent, 0);
    const throttled = results.reduce((s, r) => s + r.throttled, 0);
    const drops = results.reduce((s, r) => s + r.drops, 0);
    const lat = summarize(results.flatMap((r) => r.latenciesMs));
    const rejections: Record<string, number> = {};
    const errors: Record<string, number> = {};
    for (const r of results) {
      for (const [k, v] of Object.entries(r.rejections)) rejections[k] = (rejections[k] ?? 0) + v;
      for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    }
    const rejectionCount = Object.values(rejections).reduce((a, b) => a + b, 0);
    const ordersPerSec = acked / windowSec;
    const botCpuPct = (results.reduce((s, r) => s + r.cpuMs, 0) / 1000 / windowSec) * 100;
    const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");

    console.log("");
    printTable(
      ["phase", "traders", "window s", "orders acked", "orders/s", "cancels/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "server CPU", "bots CPU"],
      [[
        "(b) through the room, SQLite journal", `${tradersReady}`, windowSec.toFixed(1), fmt(acked), fmt(ordersPerSec), fmt(cancels / windowSec),
        ms(lat.p50), ms(lat.p90), ms(lat.p99), ms(lat.max), `${serverCpuPct.toFixed(0)}%`, `${botCpuPct.toFixed(0)}%`,
      ]],
      "acknowledged = the sender received the order's first execution report (sent after the journal commit); latency = send → that report; CPU = % of one core",
    );
    console.log(`pit (b): ${fmt(ordersPerSec)} acknowledged orders/s (target ≥ 20,000); commands sent ${fmt(sent / windowSec)}/s; orders rejected in the window ${fmt(rejectedInWindow)}; ` +
      `rejections (whole run, by reason) ${JSON.stringify(rejections)}; error messages ${JSON.stringify(errors)}; drops ${drops}; rate-cap waits ${fmt(throttled)}; ` +
      `bot loop p99 ${results.map((r) => ms(r.loopDelayMs.p99)).join("/")} ms; server warn/error lines ${problems.length}; load ${load0.toFixed(1)} → ${load1.toFixed(1)}`);
    if (probe) {
      const st = probe.stalls;
      console.log(`  server event loop: delay p50 ${ms(probe.loopDelayMs.p50)} / p99 ${ms(probe.loopDelayMs.p99)} / max ${ms(probe.loopDelayMs.max)} ms; ${st.count} stalls totalling ${fmt(st.totalMs)} ms (on CPU ${fmt(st.busyMs)} ms, waiting for a CPU ${fmt(st.runqueueMs)} ms, the rest blocked in system calls); ` +
        `GC ${probe.gc.count} pauses, ${fmt(probe.gc.totalMs)} ms total, max ${probe.gc.maxMs} ms`);
    }
    for (const line of problems.slice(0, 5)) console.log(`  server: ${line.slice(0, 300)}`);

    return {
      roomOrdersPerSec: Math.round(ordersPerSec),
      roomAckP50Ms: round(lat.p50),
      roomAckP99Ms: round(lat.p99),
      roomTraders: tradersReady,
      roomRejections: rejectionCount,
      roomRejectionReasons: JSON.stringify(rejections),
      roomCancelsPerSec: Math.round(cancels / windowSec),
      roomInflightPerTrader: inflight,
      roomBotProcs: botProcs,
      roomBotsDecodeState: decodeState,
      roomWindowSec: round(windowSec, 1),
      roomServerCpuPct: Math.round(serverCpuPct),
      roomBotCpuPct: Math.round(botCpuPct),
      roomServerCpuUsPerOrder: ordersPerSec > 0 ? Math.round(((serverCpuPct / 100) * 1e6) / ordersPerSec) : null,
      roomDrops: drops,
      roomRateCapWaits: throttled,
      roomServerProblems: problems.length,
      roomServerGcMs: probe ? probe.gc.totalMs : null,
      roomServerStallMs: probe ? probe.stalls.totalMs : null,
      roomServerStallOnCpuMs: probe ? probe.stalls.busyMs : null,
      roomServerStallRunqueueMs: probe ? probe.stalls.runqueueMs : null,
      roomLoadAvg: round(Math.max(load0, load1), 1),
      roomTargetMet: ordersPerSec >= 20_000,
    };
  } finally {
    await Promise.all(bots.map((b) => b.exit()));
    await server.stop();
  }
}

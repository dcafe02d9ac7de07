/**
 * Shooter benchmark (issue #4): 16-player matches of bots at the 64 Hz fixed tick.
 *
 * Setup: the Statecraft app runs IN THIS PROCESS (SQLite in a temporary DATA_DIR) so the rooms'
 * own loop timers can be read: per-tick CPU (the simulation step: inputs, movement, shots,
 * interest views) and per-patch time (the batched fx/kill messages, then encoding every client's
 * StateView) come from the rooms
 * (server/rooms/shooter/tickTimer.ts); timer drift is how late each loop frame fires, compared
 * with an empty setInterval of the same period in the same process. Bots run in separate
 * processes (shooterBots.ts, real SDK clients over loopback WebSockets, one input per bot per step).
 *
 * Phase 1: one match of 16 — tick p50/p99, bytes per client per second (WebSocket bytes the
 * server sent to shooter clients, /metrics counter). Phase 2: `matches` concurrent matches —
 * drift p99 at that load and this process's CPU; matches per core = matches × (ticks/s kept ÷ 64)
 * / cores used.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance, PerformanceObserver } from "node:perf_hooks";
import type { ChildProcess } from "node:child_process";
import { matchMaker } from "@colyseus/core";
import { loadConfig } from "../../server/config.js";
import { startApp, type StartedApp } from "../../server/app.js";
import { builtinKinds } from "../../server/rooms/index.js";
import { currentPlatform } from "../../server/platform/context.js";
import type { ShooterRoom } from "../../server/rooms/shooter/ShooterRoom.js";
import type { AuthoritativeMode } from "../../server/rooms/shooter/authoritative.js";
import { FixedLoop } from "../../server/rooms/shooter/fixedLoop.js";
import type { ShooterBotMessage, ShooterBotResult, ShooterParentMessage } from "./shooterBots.js";
import { forkTs, killTree, machineStealSeconds, pinToCpus, runqueueWaitMs, sleep } from "./lib/procs.js";
import { fmt, printTable, type Figures } from "./lib/report.js";
import { round, summarize } from "./lib/stats.js";
import type { BenchArgs } from "./lib/cli.js";
import { checkKnown, numberOption } from "./lib/cli.js";

const PLAYERS = 16;

/** With --pin: the CPUs the bot processes are held to (the server has the others). */
let botCpus: string | undefined;

/** One bot process and its IPC messages, awaited by type. */
class Bots {
  readonly child: ChildProcess;
  private readonly got: ShooterBotMessage[] = [];
  private wake = () => {};
  private dead?: string;

  constructor() {
    this.child = forkTs("tests/bench/shooterBots.ts");
    if (botCpus) pinToCpus(this.child.pid!, botCpus);
    this.child.on("message", (m: ShooterBotMessage) => {
      if (m.type === "fatal") this.dead = m.message;
      else this.got.push(m);
      this.wake();
    });
    this.child.once("exit", (code) => {
      this.dead ??= `exited with code ${code}`;
      this.wake();
    });
  }

  tell(m: ShooterParentMessage): void {
    if (this.child.connected) this.child.send(m);
  }

  async await<T extends ShooterBotMessage["type"]>(type: T, ms: number): Promise<Extract<ShooterBotMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const at = this.got.findIndex((m) => m.type === type);
      if (at >= 0) return this.got.splice(at, 1)[0] as Extract<ShooterBotMessage, { type: T }>;
      if (this.dead) throw new Error(`shooter bot process: ${this.dead}`);
      if (Date.now() > deadline) throw new Error(`shooter bot process: no "${type}" in ${ms} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 200);
        this.wake = () => (clearTimeout(t), r());
      });
    }
  }

  async close(): Promise<void> {
    this.tell({ type: "exit" });
    await Promise.race([new Promise((r) => this.child.once("exit", r)), sleep(3000)]);
    if (this.child.exitCode === null && this.child.pid) killTree(this.child.pid);
  }
}

/** An empty timer on the rooms' own 64 Hz schedule: how late does a step with no work start? */
function emptyTimer(): { stop(): number[] } {
  const lateness: number[] = [];
  const loop = new FixedLoop(64, (late) => lateness.push(late), () => {});
  loop.start();
  return { stop: () => (loop.stop(), lateness) };
}

interface PhaseResult {
  matches: number;
  players: number;
  tick: ReturnType<typeof summarize>;
  patch: ReturnType<typeof summarize>;
  drift: ReturnType<typeof summarize>;
  emptyDrift: ReturnType<typeof summarize>;
  ticksPerSec: number;
  coresUsed: number;
  bytesPerClientPerSec: number;
  inputsPerSec: number;
  ackedRatio: number;
  botCpuPct: number;
  stealMs: number;
  /** This process's main thread, runnable but waiting for its CPU during the window (ms). */
  waitMs: number;
  gc: { count: number; totalMs: number; maxMs: number; over1Ms: number };
  errors: Record<string, number>;
}

async function phase(app: StartedApp, matches: number, botProcs: number, warmupSec: number, seconds: number, runId: string): Promise<PhaseResult> {
  const procs = Array.from({ length: Math.min(botProcs, matches) }, () => new Bots());
  try {
    let first = 0;
    procs.forEach((p, i) => {
      const n = Math.floor(matches / procs.length) + (i < matches % procs.length ? 1 : 0);
      p.tell({ type: "init", url: app.url, matches: n, botsPerMatch: PLAYERS, firstMatch: first, runId });
      first += n;
    });
    const ready = await Promise.all(procs.map((p) => p.await("ready", 60_000 + matches * 10_000)));
    const rooms = ready.flatMap((r) => r.roomIds).map((id) => matchMaker.getLocalRoomById(id) as unknown as ShooterRoom);
    const players = ready.reduce((s, r) => s + r.bots, 0);
    const driver = (r: ShooterRoom) => r.driver as AuthoritativeMode;
    for (const p of procs) p.tell({ type: "start" });
    await sleep(warmupSec * 1000);

    for (const r of rooms) {
      driver(r).timer.reset();
      r.patchTimer.reset();
    }
    const ticks0 = rooms.map((r) => driver(r).world.tick);
    const registry = currentPlatform().registry;
    const bytes0 = registry.value("statecraft_bytes_sent_total", { kind: "shooter" });
    const cpu0 = process.cpuUsage();
    const steal0 = machineStealSeconds();
    const wait0 = runqueueWaitMs();
    const gcPauses: number[] = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPauses.push(e.duration);
    });
    gcObserver.observe({ entryTypes: ["gc"] });
    const empty = emptyTimer();
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const stealMs = (machineStealSeconds() - steal0) * 1000;
    const waitMs = runqueueWaitMs() - wait0;
    gcObserver.disconnect();
    const emptyLate = empty.stop();
    const bytes = registry.value("statecraft_bytes_sent_total", { kind: "shooter" }) - bytes0;
    const ticks = rooms.reduce((s, r, i) => s + driver(r).world.tick - ticks0[i]!, 0);
    for (const p of procs) p.tell({ type: "stop" });
    const results: ShooterBotResult[] = await Promise.all(procs.map((p) => p.await("result", 20_000)));

    const samples = rooms.map((r) => driver(r).timer.samples());
    const errors: Record<string, number> = {};
    for (const res of results) for (const [k, v] of Object.entries(res.errors)) errors[k] = (errors[k] ?? 0) + v;
    const inputs = results.reduce((s, r) => s + r.inputs, 0);
    return {
      matches: rooms.length,
      players,
      tick: summarize(samples.flatMap((s) => s.cpuMs)),
      patch: summarize(rooms.flatMap((r) => r.patchTimer.samples().cpuMs)),
      drift: summarize(samples.flatMap((s) => s.driftMs)),
      emptyDrift: summarize(emptyLate),
      ticksPerSec: ticks / rooms.length / wall,
      coresUsed: (cpu.user + cpu.system) / 1e6 / wall,
      bytesPerClientPerSec: bytes / players / wall,
      inputsPerSec: inputs / (wall + warmupSec),
      ackedRatio: inputs > 0 ? results.reduce((s, r) => s + r.acked, 0) / inputs : 0,
      botCpuPct: (results.reduce((s, r) => s + r.cpuMs, 0) / 1000 / (wall + warmupSec)) * 100,
      stealMs,
      waitMs,
      gc: { count: gcPauses.length, totalMs: gcPauses.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...gcPauses), over1Ms: gcPauses.filter((d) => d > 1).length },
      errors,
    };
  } finally {
    await Promise.all(procs.map((p) => p.close()));
    // rooms dispose as their bots leave; a bot whose leave did not get through is a dropped player,
    // held for the reconnection window (its room keeps ticking): the next phase waits for those too
    for (const until = performance.now() + 30_000; (await matchMaker.query({ name: "shooter" })).length > 0; await sleep(250)) {
      if (performance.now() > until) throw new Error("shooter rooms still open after the phase's bots exited");
    }
  }
}

export async function runShooterBench(options: BenchArgs): Promise<Figures> {
  checkKnown(options, ["quick", "matches", "seconds", "warmup", "bot-procs", "pin"]);
  const quick = options.has("quick");
  const matches = numberOption(options, "matches", quick ? 2 : 8, { min: 1, integer: true });
  const seconds = numberOption(options, "seconds", quick ? 4 : 15, { min: 1 });
  const warmup = numberOption(options, "warmup", quick ? 2 : 4, { min: 0 });
  const botProcs = numberOption(options, "bot-procs", quick ? 1 : 2, { min: 1, integer: true });

  // --pin (default on a machine with ≥ 2 CPUs; --pin 0 turns it off): this process — the server —
  // on CPU 0 and the bots on the others, so that the server's loop never waits for a CPU the bots
  // hold: "matches on one server core", measured as such
  const cpus = os.cpus().length;
  const pin = numberOption(options, "pin", cpus >= 2 ? 1 : 0, { min: 0, integer: true }) !== 0 && cpus >= 2 && pinToCpus(process.pid, "0");
  if (pin) botCpus = cpus === 2 ? "1" : `1-${cpus - 1}`;
  else if (cpus >= 2) console.log("shooter: not pinned (--pin 0, or taskset unavailable): server and bots share every CPU");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-bench-shooter-"));
  const config = loadConfig({
    NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "error",
    GUEST_SIGNINS_PER_MINUTE: "1000000", SHUTDOWN_GRACE_SECONDS: "1",
    CLIENT_DIR: path.resolve(import.meta.dirname, "../../dist/client"),
  }, process.cwd());
  console.log(`\nshooter: ${PLAYERS}-player matches at 64 Hz tick / 32 Hz patches; ${os.cpus().length} CPUs, machine load ${os.loadavg()[0]!.toFixed(1)}`);
  const app = await startApp(config, builtinKinds);
  const runId = Date.now().toString(36).slice(-4);
  try {
    console.log(`shooter: phase 1, one match (${warmup} s warm-up, ${seconds} s measured)…`);
    const one = await phase(app, 1, 1, warmup, seconds, `${runId}a`);
    console.log(`shooter: phase 2, ${matches} concurrent matches over ${botProcs} bot process(es)…`);
    const many = await phase(app, matches, botProcs, warmup, seconds, `${runId}b`);
    const ms = (v: number) => v.toFixed(3);
    printTable(
      ["phase", "players", "tick p50 ms", "tick p99 ms", "patch p99 ms", "drift p50 / p99 ms", "empty timer p99 ms", "ticks/s", "server cores", "KB/s per client", "inputs acked", "bots CPU"],
      [one, many].map((p) => [
        `${p.matches} match${p.matches > 1 ? "es" : ""}`, `${p.players}`, ms(p.tick.p50), ms(p.tick.p99), ms(p.patch.p99), `${ms(p.drift.p50)} / ${ms(p.drift.p99)}`, ms(p.emptyDrift.p99),
        p.ticksPerSec.toFixed(1), p.coresUsed.toFixed(2), (p.bytesPerClientPerSec / 1024).toFixed(2), `${(p.ackedRatio * 100).toFixed(1)}%`, `${p.botCpuPct.toFixed(0)}%`,
      ]),
      "tick = one simulation step (inputs, movement, shots, interest views); patch = sending the batched fx/kill messages and encoding all views; drift = how late each step starts after its ideal time on the 64 Hz schedule; server cores = this process's CPU / wall time",
    );
    // normalized to the tick rate actually kept: a starved loop that drops steps does less work
    const matchesPerCore = many.coresUsed > 0 ? (many.matches * Math.min(1, many.ticksPerSec / 64)) / many.coresUsed : 0;
    console.log(`shooter: ${fmt(matchesPerCore, 1)} matches per core (target ≥ 8 with drift p99 ≤ 2 ms: drift p99 ${ms(many.drift.p99)} ms at ${many.matches}); ` +
      `one match tick p99 ${ms(one.tick.p99)} ms (target ≤ 1); ${(one.bytesPerClientPerSec / 1024).toFixed(2)} KB/s per client (target ≤ 15); errors ${JSON.stringify({ ...one.errors, ...many.errors })}; load ${os.loadavg()[0]!.toFixed(1)}; ` +
      `the hypervisor took ${Math.round(many.stealMs)} ms of vCPU time during the ${many.matches}-match window (/proc/stat steal); ` +
      `the server's main thread waited ${Math.round(many.waitMs)} ms for its CPU while runnable (/proc/self/schedstat: other threads or processes had it)`);
    return {
      bench: "shooter",
      players: PLAYERS,
      tickP50Ms: round(one.tick.p50, 4),
      tickP99Ms: round(one.tick.p99, 4),
      patchP99Ms: round(one.patch.p99, 4),
      matchesPerCore: round(matchesPerCore, 1),
      concurrentMatches: many.matches,
      concurrentTickP99Ms: round(many.tick.p99, 4),
      tickDriftP50Ms: round(many.drift.p50, 3),
      tickDriftP99Ms: round(many.drift.p99, 3),
      emptyTimerDriftP99Ms: round(many.emptyDrift.p99, 3),
      singleMatchDriftP99Ms: round(one.drift.p99, 3),
      ticksPerSec: round(many.ticksPerSec, 1),
      serverCores: round(many.coresUsed, 2),
      bytesPerClientPerSec: Math.round(one.bytesPerClientPerSec),
      concurrentBytesPerClientPerSec: Math.round(many.bytesPerClientPerSec),
      inputsAckedRatio: round(many.ackedRatio, 3),
      botCpuPct: Math.round(many.botCpuPct),
      loadAvg: round(os.loadavg()[0]!, 1),
      // vCPU time the hypervisor took during the 8-match window (all CPUs): the host, not this process
      stealMsDuringWindow: Math.round(many.stealMs),
      runqueueWaitMsDuringWindow: Math.round(many.waitMs),
      gcPausesDuringWindow: many.gc.count,
      gcPausesOver1Ms: many.gc.over1Ms,
      gcMaxPauseMs: round(many.gc.maxMs, 2),
      gcTotalMs: Math.round(many.gc.totalMs),
      pinned: pin ? `server cpu 0, bots cpu ${botCpus}` : "no",
    };
  } finally {
    await app.stop();
  }
}

/**
 * `npm run bench -- chess [--quick] [--games N] [--seconds S] …`: the chess room under load.
 *
 * Setup, per phase: a fresh server process (`tsx server/main.ts`, SQLite in a temporary DATA_DIR,
 * persistence on: every move is inserted before it is broadcast) and one or more bot processes
 * (chessBots.ts, real SDK clients over loopback WebSockets). Both players of a game are in the
 * same bot process. Games are private 15+10 rooms (nobody flags); the moves come from a pool of
 * seeded, legal, long games made before timing (chessGames.ts, 120–200 plies per game played); a
 * game whose sequence is used up is resigned and replaced by a rematch, so the count of games in
 * play stays at the target.
 *
 * (a) latency at load — `--games` concurrent games (default 1,000 = 2,000 clients), each bot
 *     moving after a 0.5–1.5 s think time when it is its turn; after `--warmup` seconds, for
 *     `--seconds`: move→opponent latency = from the mover's `send` to the opponent's client having
 *     decoded the move (same process, same clock). p50 / p99 / max over every move in the window.
 * (b) capacity — `--capacity-games` games (default 200), bots move the moment they see it is their
 *     turn; moves per second = moves seen by the opponents during the window. Then, in the same
 *     run (servers stopped), the bare chess.js peer: the same pool of games replayed with
 *     `new Chess()` + `chess.move(san)` in one process; ratioVsChessJs = room ÷ chess.js.
 *
 * What the ratio compares: the room's end-to-end throughput (WebSocket in, validation, rules on
 * chess.js, one SQLite insert per move, a state patch to both players, the SDK decoding it), with
 * the server on one core and the bots on the other, against chess.js's move() alone on one core.
 */
import { type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BotInit, BotMessage, BotMode, BotResult, ParentMessage } from "./chessBots.js";
import { chessJsReplay, makeGamePool, type GamePool } from "./chessGames.js";
import { checkKnown, numberOption, stringOption, UsageError, type BenchArgs } from "./lib/cli.js";
import { forkTs, killTree, sleep } from "./lib/procs.js";
import { fmt, printTable, type Figures } from "./lib/report.js";
import { stallReport, startBenchServer, type ServerProbe } from "./lib/server.js";
import { round, summarize, type Summary } from "./lib/stats.js";

export const description = "chess room: move→opponent latency at 1,000 games, and moves/s vs a bare chess.js loop";

/**
 * Between a slice of the capacity window and the chess.js run after it: moves in flight land, then
 * the run waits until the server is quiet (under QUIET_CPU of a core over a QUIET_STEP_MS step, at
 * most QUIET_MAX_MS): work the server put off (GC, WAL checkpoints, games ending) must not share
 * the machine with the peer's run, or the peer is measured slow and the ratio flatters the room.
 */
const PEER_SETTLE_MS = 300;
const QUIET_STEP_MS = 100;
const QUIET_CPU = 0.05;
const QUIET_MAX_MS = 5_000;

const OPTIONS = ["quick", "games", "seconds", "warmup", "capacity-games", "capacity-seconds", "bot-procs", "capacity-bot-procs", "only", "seed", "profile-server", "think-ms", "peer-slices"] as const;

interface PhaseConfig {
  mode: BotMode;
  games: number;
  botProcs: number;
  warmupSec: number;
  measureSec: number;
  pool: GamePool;
  thinkMs: [number, number];
  profileDir?: string;
  /**
   * Capacity: the window is cut into `slices`; after each, the bots pause and chess.js runs alone
   * for `runMs` in this process, so the room and its peer are measured on the machine as it is at
   * the same minute (its speed drifts by 1.5× or more between minutes here).
   */
  peer?: { slices: number; runMs: number };
}

interface PhaseResult {
  mode: BotMode;
  gamesTarget: number;
  gamesReady: number;
  setupSec: number;
  windowSec: number;
  acked: number;
  sent: number;
  movesPerSec: number;
  latency: Summary;
  latencyHistogram: string;
  ping: Summary;
  serverCpuPct: number;
  /** The server's CPU per acknowledged move: the window's slices plus the pauses between them. */
  serverCpuUsPerMove: number;
  pauseServerCpuMs: number;
  botCpuPct: number;
  botLoopP99Ms: number;
  botLoopMaxMs: number;
  throttled: number;
  activeGames: number;
  rematches: number;
  replaceFailures: number;
  drops: number;
  errors: Record<string, number>;
  persisted: { checked: number; matching: number; detail: string[] };
  serverProblems: string[];
  probe?: ServerProbe;
  loadAvg: [number, number]; // 1-minute load average of the machine at the start and end of the window
  peerRuns: PeerRun[]; // chess.js alone, one run after each slice of the window (PhaseConfig.peer)
  peerQuietWaitsMs: number[]; // before each: how long the server took to go quiet (QUIET_MAX_MS: it did not)
}

interface PeerRun {
  perSec: number;
  cpuUs: number; // CPU time per move
}

export async function runChessBench(options: BenchArgs): Promise<Figures> {
  checkKnown(options, OPTIONS);
  const quick = options.has("quick");
  const latencyGames = numberOption(options, "games", quick ? 50 : 1000, { min: 1, integer: true });
  const measureSec = numberOption(options, "seconds", quick ? 5 : 30, { min: 1 });
  const warmupSec = numberOption(options, "warmup", quick ? 2 : 10, { min: 0 });
  const capacityGames = numberOption(options, "capacity-games", quick ? 50 : 200, { min: 1, integer: true });
  const capacitySec = numberOption(options, "capacity-seconds", quick ? 5 : 20, { min: 1 });
  const botProcs = numberOption(options, "bot-procs", 1, { min: 1, integer: true });
  const capacityBotProcs = numberOption(options, "capacity-bot-procs", 1, { min: 1, integer: true });
  const seed = numberOption(options, "seed", 1, { integer: true });
  const only = stringOption(options, "only");
  if (only !== undefined && only !== "latency" && only !== "capacity") throw new UsageError(`--only expects latency or capacity (got ${JSON.stringify(only)})`);
  const profileDir = stringOption(options, "profile-server");
  const thinkRaw = stringOption(options, "think-ms") ?? "500-1500";
  const thinkMatch = /^(\d+)-(\d+)$/.exec(thinkRaw);
  if (!thinkMatch || Number(thinkMatch[1]) > Number(thinkMatch[2])) throw new UsageError(`--think-ms expects LO-HI in ms, e.g. 500-1500 (got ${JSON.stringify(thinkRaw)})`);
  const thinkMs: [number, number] = [Number(thinkMatch[1]), Number(thinkMatch[2])];

  const poolSize = quick ? 16 : 32;
  const t0 = performance.now();
  const pool = makeGamePool(poolSize, seed);
  const lengths = pool.sequences.map((s) => s.length);
  console.log(`chess bench: a pool of ${pool.sequences.length} seeded games of ${Math.min(...lengths)}–${Math.max(...lengths)} plies (each game played is 60–100 % of one) ` +
    `made in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${os.cpus().length} CPUs, node ${process.version}; machine load ${os.loadavg()[0]!.toFixed(1)}`);

  let latency: PhaseResult | undefined;
  let capacity: PhaseResult | undefined;
  if (only !== "capacity") {
    latency = await runPhase({ mode: "latency", games: latencyGames, botProcs, warmupSec, measureSec, pool, thinkMs, profileDir: profileDir && `${profileDir}/latency` });
  }
  let peer: ReturnType<typeof chessJsPeer> | undefined;
  if (only !== "latency") {
    chessJsReplay(pool, 1000); // chess.js's JIT warm-up, on a quiet machine before the phase
    const peerSlices = { slices: numberOption(options, "peer-slices", quick ? 2 : 4, { min: 1, integer: true }), runMs: quick ? 1000 : 2000 };
    capacity = await runPhase({ mode: "capacity", games: capacityGames, botProcs: capacityBotProcs, warmupSec: quick ? 2 : 5, measureSec: capacitySec, pool, thinkMs, profileDir: profileDir && `${profileDir}/capacity`, peer: peerSlices });
    peer = chessJsPeer(capacity.peerRuns);
  }

  // ---- table ----
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const rows = [latency, capacity].filter((p): p is PhaseResult => !!p).map((p) => [
    p.mode === "latency" ? `(a) latency, think ${thinkMs[0]}–${thinkMs[1]} ms` : "(b) capacity, no think time",
    `${p.gamesReady}`,
    p.windowSec.toFixed(1),
    fmt(p.acked),
    fmt(p.movesPerSec),
    ms(p.latency.p50),
    ms(p.latency.p90),
    ms(p.latency.p99),
    ms(p.latency.max),
    `${ms(p.ping.p50)} / ${ms(p.ping.p99)}`,
    `${p.serverCpuPct.toFixed(0)}%`,
    `${p.botCpuPct.toFixed(0)}%`,
    ms(p.botLoopP99Ms),
  ]);
  if (peer) rows.push(["bare chess.js move() loop, 1 process", "–", "–", "–", fmt(peer.movesPerSec), "–", "–", "–", "–", "–", "–", "–", "–"]);
  console.log("");
  printTable(["phase", "games", "window s", "moves", "moves/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "ping p50/p99", "server CPU", "bots CPU", "bot loop p99 ms"], rows,
    "move→opponent latency = mover's send → opponent's client decoded the move; ping = bare SDK ping round trip to the same server (the floor); CPU = % of one core during the window");
  for (const p of [latency, capacity]) {
    if (!p) continue;
    console.log(`${p.mode}: set up ${p.gamesReady}/${p.gamesTarget} games in ${p.setupSec.toFixed(1)} s; ${p.rematches} games replaced by rematches (${p.replaceFailures} failed; ${p.activeGames} playing, the rest between games, when the window closed); ` +
      `${p.drops} unexpected disconnects; rejections ${JSON.stringify(p.errors)}; rate-cap waits ${p.throttled}; ` +
      `every move seen is stored: ${p.persisted.matching}/${p.persisted.checked} sampled games${p.persisted.matching < p.persisted.checked ? ` (${p.persisted.detail.join("; ")})` : ""}; server warn/error lines ${p.serverProblems.length}`);
    console.log(`  latency distribution: ${p.latencyHistogram}`);
    console.log(`  machine load (1-min average, ${os.cpus().length} CPUs): ${p.loadAvg[0].toFixed(1)} at the start of the window, ${p.loadAvg[1].toFixed(1)} at its end`);
    if (p.probe) {
      const st = p.probe.stalls;
      console.log(`  server event loop: delay p50 ${ms(p.probe.loopDelayMs.p50)} / p99 ${ms(p.probe.loopDelayMs.p99)} / max ${ms(p.probe.loopDelayMs.max)} ms; ` +
        `${st.count} stalls > 25 ms totalling ${fmt(st.totalMs)} ms (max ${st.maxMs} ms), of which process CPU ${fmt(st.busyMs)} ms, waiting for a CPU (other processes) ${fmt(st.runqueueMs)} ms, the rest blocked in system calls; ` +
        `GC ${p.probe.gc.count} pauses, ${fmt(p.probe.gc.totalMs)} ms total, max ${p.probe.gc.maxMs} ms (${JSON.stringify(p.probe.gc.byKind)})`);
      if (process.env.BENCH_VERBOSE) for (const line of stallReport(p.probe)) console.log(line);
    }
    for (const line of p.serverProblems.slice(0, 5)) console.log(`  server: ${line.slice(0, 300)}`);
  }
  if (peer && capacity) {
    const ratio = capacity.movesPerSec / peer.movesPerSec;
    const serverUs = capacity.serverCpuUsPerMove;
    console.log(`room ÷ chess.js = ${ratio.toFixed(2)} (target ≥ 0.5); chess.js runs between the window's slices: ${peer.runs.map((r) => fmt(r)).join(", ")} moves/s (median ${fmt(peer.movesPerSec)}), each after the server went quiet (${capacity.peerQuietWaitsMs.map((w) => fmt(w)).join(", ")} ms)`);
    console.log(`CPU time per move: server ${fmt(serverUs)} µs, bare chess.js ${fmt(peer.cpuUsPerMove, 1)} µs → the server on a whole core of its own would do ≈ ${fmt(1e6 / serverUs)} moves/s ` +
      `(${(peer.cpuUsPerMove / serverUs).toFixed(2)}× chess.js; derived, not measured)`);
  }
  if (latency) console.log(`latency p99 ${ms(latency.latency.p99)} ms over ${fmt(latency.latency.n)} moves (target ≤ 20 ms)`);

  const figures: Figures = {
    bench: "chess",
    games: latency ? latency.gamesReady : null,
    p50Ms: latency ? round(latency.latency.p50) : null,
    p99Ms: latency ? round(latency.latency.p99) : null,
    movesPerSec: capacity ? Math.round(capacity.movesPerSec) : null,
    ratioVsChessJs: capacity && peer ? round(capacity.movesPerSec / peer.movesPerSec) : null,
    samples: latency ? latency.latency.n : null,
    p90Ms: latency ? round(latency.latency.p90) : null,
    maxMs: latency ? round(latency.latency.max) : null,
    latencyMovesPerSec: latency ? Math.round(latency.movesPerSec) : null,
    latencyServerCpuPct: latency ? Math.round(latency.serverCpuPct) : null,
    latencyBotLoopP99Ms: latency ? round(latency.botLoopP99Ms) : null,
    pingP50Ms: latency ? round(latency.ping.p50) : null,
    latencyServerStalls: latency?.probe ? latency.probe.stalls.count : null,
    latencyServerStallMs: latency?.probe ? latency.probe.stalls.totalMs : null,
    latencyServerStallOnCpuMs: latency?.probe ? latency.probe.stalls.busyMs : null,
    latencyServerStallRunqueueMs: latency?.probe ? latency.probe.stalls.runqueueMs : null,
    pingP99Ms: latency ? round(latency.ping.p99) : null,
    capacityGames: capacity ? capacity.gamesReady : null,
    capacityRematches: capacity ? capacity.rematches : null,
    capacityP50Ms: capacity ? round(capacity.latency.p50) : null,
    capacityP99Ms: capacity ? round(capacity.latency.p99) : null,
    capacityServerCpuPct: capacity ? Math.round(capacity.serverCpuPct) : null,
    capacityBotCpuPct: capacity ? Math.round(capacity.botCpuPct) : null,
    serverCpuUsPerMove: capacity ? Math.round(capacity.serverCpuUsPerMove) : null,
    capacityPauseServerCpuMs: capacity ? Math.round(capacity.pauseServerCpuMs) : null,
    chessJsQuietWaitMaxMs: capacity ? Math.round(Math.max(0, ...capacity.peerQuietWaitsMs)) : null,
    rateCapWaits: capacity ? capacity.throttled : null,
    chessJsMovesPerSec: peer ? Math.round(peer.movesPerSec) : null,
    chessJsCpuUsPerMove: peer ? round(peer.cpuUsPerMove, 1) : null,
    cpuRatioVsChessJs: capacity && peer ? round(peer.cpuUsPerMove / capacity.serverCpuUsPerMove) : null,
    rejections: [latency, capacity].reduce((s, p) => s + (p ? Object.values(p.errors).reduce((a, b) => a + b, 0) : 0), 0),
    persistence: "sqlite",
    seenMovesStored: [latency, capacity].every((p) => !p || p.persisted.matching === p.persisted.checked),
    thinkMs: `${thinkMs[0]}-${thinkMs[1]}`,
    windowSec: measureSec,
    warmupSec,
    capacityWindowSec: capacity ? round(capacity.windowSec, 1) : null,
    latencyLoadAvg: latency ? round(Math.max(...latency.loadAvg), 1) : null,
    capacityLoadAvg: capacity ? round(Math.max(...capacity.loadAvg), 1) : null,
    cpus: os.cpus().length,
    node: process.version,
    quick,
  };
  return figures;
}

/**
 * chess.js alone on the same games: the runs made between the capacity window's slices (wall
 * clock), their median, and the CPU time per move of the median run, to compare with the server's
 * CPU per move.
 */
function chessJsPeer(runs: PeerRun[]): { movesPerSec: number; cpuUsPerMove: number; runs: number[] } {
  if (runs.length === 0) throw new Error("no chess.js run was made");
  const sorted = [...runs].sort((a, b) => a.perSec - b.perSec);
  const mid = sorted.length / 2;
  const movesPerSec = sorted.length % 2 ? sorted[Math.floor(mid)]!.perSec : (sorted[mid - 1]!.perSec + sorted[mid]!.perSec) / 2;
  const cpuUsPerMove = sorted.length % 2 ? sorted[Math.floor(mid)]!.cpuUs : (sorted[mid - 1]!.cpuUs + sorted[mid]!.cpuUs) / 2;
  return { movesPerSec, cpuUsPerMove, runs: runs.map((r) => r.perSec) };
}

/** chess.js alone for `ms`, in this process: moves per second and CPU time per move. */
function chessJsRun(pool: GamePool, ms: number): PeerRun {
  const r = chessJsReplay(pool, ms);
  return { perSec: r.moves / r.seconds, cpuUs: (r.cpuSeconds * 1e6) / r.moves };
}

// ---- one phase: a server, its bots, a window ----------------------------------------------------

class BotProcess {
  readonly child: ChildProcess;
  private readonly inbox: BotMessage[] = [];
  private waiter?: () => void;
  private failure?: Error;

  constructor() {
    this.child = forkTs("tests/bench/chessBots.ts");
    this.child.on("message", (m: BotMessage) => {
      if (m.type === "fatal") this.failure = new Error(`bot process failed: ${m.message}`);
      else this.inbox.push(m);
      this.waiter?.();
    });
    this.child.once("exit", (code, signal) => {
      this.failure ??= new Error(`bot process exited early (code ${code}, signal ${signal})`);
      this.waiter?.();
    });
  }

  send(m: ParentMessage): void {
    if (this.child.connected) this.child.send(m);
  }

  async next<T extends BotMessage["type"]>(type: T, timeoutMs: number): Promise<Extract<BotMessage, { type: T }>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type);
      if (i >= 0) return this.inbox.splice(i, 1)[0] as Extract<BotMessage, { type: T }>;
      if (this.failure) throw this.failure;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`bot process: no "${type}" within ${Math.round(timeoutMs / 1000)} s`);
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

async function runPhase(cfg: PhaseConfig): Promise<PhaseResult> {
  console.log(`\n[${cfg.mode}] starting the server and ${cfg.botProcs} bot process(es) for ${cfg.games} games…`);
  const server = await startBenchServer({ env: { SHUTDOWN_GRACE_SECONDS: "2" }, cpuProfileDir: cfg.profileDir });
  const bots: BotProcess[] = [];
  try {
    const per = Math.floor(cfg.games / cfg.botProcs);
    let first = 0;
    const setupStart = performance.now();
    for (let i = 0; i < cfg.botProcs; i++) {
      const n = i === cfg.botProcs - 1 ? cfg.games - first : per;
      const bot = new BotProcess();
      bots.push(bot);
      const init: BotInit = {
        type: "init", url: server.url, games: n, firstGame: first, mode: cfg.mode, sequences: cfg.pool.sequences,
        thinkMs: cfg.thinkMs, timeControl: "15+10", joinConcurrency: 16,
      };
      bot.send(init);
      first += n;
    }
    const ready = await Promise.all(bots.map((b) => b.next("ready", 120_000 + cfg.games * 200)));
    const gamesReady = ready.reduce((s, r) => s + r.games, 0);
    const setupSec = (performance.now() - setupStart) / 1000;
    console.log(`[${cfg.mode}] ${gamesReady}/${cfg.games} games seated in ${setupSec.toFixed(1)} s; warming up ${cfg.warmupSec} s…`);
    if (gamesReady === 0) throw new Error("no game could be set up");

    for (const b of bots) b.send({ type: "start" });
    await sleep(cfg.warmupSec * 1000);
    const load0 = os.loadavg()[0]!;
    for (const b of bots) b.send({ type: "measure" });
    server.windowStart();
    const slices = cfg.peer?.slices ?? 1;
    console.log(`[${cfg.mode}] measuring ${cfg.measureSec} s${cfg.peer ? ` in ${slices} slices, chess.js alone for ${cfg.peer.runMs / 1000} s after each` : ""}…`);
    // the window's server CPU and wall time leave out the pauses, as the bots' own figures do
    let serverCpuSec = 0;
    let wallSec = 0;
    let pauseCpuSec = 0; // the server's CPU while the bots are paused: GC or checkpoint work put off, counted per move
    const peerRuns: PeerRun[] = [];
    const peerQuietWaitsMs: number[] = [];
    for (let i = 0; i < slices; i++) {
      const cpu0 = server.cpuSeconds();
      const w0 = performance.now();
      await sleep((cfg.measureSec * 1000) / slices);
      const last = i === slices - 1;
      for (const b of bots) b.send({ type: last ? "stop" : "pause" });
      serverCpuSec += server.cpuSeconds() - cpu0;
      wallSec += (performance.now() - w0) / 1000;
      if (!cfg.peer) continue;
      const pc0 = server.cpuSeconds();
      await sleep(PEER_SETTLE_MS); // moves in flight land; the server and the bots go idle
      peerQuietWaitsMs.push(await untilQuiet(server));
      peerRuns.push(chessJsRun(cfg.pool, cfg.peer.runMs));
      if (!last) pauseCpuSec += server.cpuSeconds() - pc0;
      if (!last) for (const b of bots) b.send({ type: "resume" });
    }
    const probe = await server.windowEnd();
    if (probe && cfg.profileDir) fs.writeFileSync(path.join(cfg.profileDir, "probe.json"), JSON.stringify(probe));
    const results: BotResult[] = await Promise.all(bots.map((b) => b.next("result", 30_000)));

    const windowSec = Math.max(...results.map((r) => r.windowMs)) / 1000;
    const acked = results.reduce((s, r) => s + r.acked, 0);
    const errors: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    const persisted = await checkPersisted(server.url, results.flatMap((r) => r.sampleGames));
    return {
      mode: cfg.mode,
      gamesTarget: cfg.games,
      gamesReady,
      setupSec,
      windowSec,
      acked,
      sent: results.reduce((s, r) => s + r.sent, 0),
      movesPerSec: acked / windowSec,
      latency: summarize(results.flatMap((r) => r.latenciesMs)),
      latencyHistogram: histogram(results.flatMap((r) => r.latenciesMs)),
      ping: summarize(results.flatMap((r) => r.pingsMs)),
      serverCpuPct: (serverCpuSec / wallSec) * 100,
      serverCpuUsPerMove: ((serverCpuSec + pauseCpuSec) * 1e6) / Math.max(1, acked),
      pauseServerCpuMs: pauseCpuSec * 1000,
      botCpuPct: (results.reduce((s, r) => s + r.cpuMs, 0) / 1000 / windowSec) * 100,
      botLoopP99Ms: Math.max(...results.map((r) => r.loopDelayMs.p99)),
      botLoopMaxMs: Math.max(...results.map((r) => r.loopDelayMs.max)),
      throttled: results.reduce((s, r) => s + r.throttled, 0),
      activeGames: results.reduce((s, r) => s + r.activeGames, 0),
      rematches: results.reduce((s, r) => s + r.rematches, 0),
      replaceFailures: results.reduce((s, r) => s + r.replaceFailures, 0),
      drops: results.reduce((s, r) => s + r.drops, 0),
      errors,
      persisted,
      serverProblems: server.problems(),
      probe,
      loadAvg: [load0, os.loadavg()[0]!],
      peerRuns,
      peerQuietWaitsMs,
    };
  } finally {
    await Promise.all(bots.map((b) => b.exit()));
    await server.stop();
    if (cfg.profileDir) {
      console.log(`[${cfg.mode}] server CPU profile of the window: npx tsx tests/bench/lib/cpuprofile.ts ${cfg.profileDir}` +
        ` (add --during ${cfg.profileDir}/probe.json for the event-loop stalls only)`);
    }
  }
}

/** Waits until the server process uses under QUIET_CPU of a core for a whole step; returns the ms waited. */
async function untilQuiet(server: { cpuSeconds(): number }): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < QUIET_MAX_MS) {
    const c0 = server.cpuSeconds();
    await sleep(QUIET_STEP_MS);
    if (server.cpuSeconds() - c0 < (QUIET_CPU * QUIET_STEP_MS) / 1000) break;
  }
  return performance.now() - t0;
}

/** Share of samples per latency band, e.g. "<2 ms 61% | 2–5 ms 30% | …". */
function histogram(values: number[]): string {
  const edges = [1, 2, 5, 10, 20, 50, 100, 200, 500];
  const counts = new Array(edges.length + 1).fill(0) as number[];
  for (const v of values) {
    let i = edges.findIndex((e) => v < e);
    if (i < 0) i = edges.length;
    counts[i]!++;
  }
  const label = (i: number) => (i === 0 ? `<${edges[0]} ms` : i === edges.length ? `≥${edges[i - 1]} ms` : `${edges[i - 1]}–${edges[i]} ms`);
  return counts.map((c, i) => (c ? `${label(i)} ${((100 * c) / Math.max(1, values.length)).toFixed(1)}%` : "")).filter(Boolean).join(" | ");
}

/**
 * Every move a client saw must be stored (the room writes before it broadcasts): for a few games,
 * GET /api/chess/games/:id must list at least as many moves as the client saw. More is fine: a
 * move still in flight when the bots stopped looking is stored but not yet seen.
 */
async function checkPersisted(url: string, samples: { gameId: string; plies: number }[]): Promise<PhaseResult["persisted"]> {
  let matching = 0;
  const detail: string[] = [];
  for (const s of samples) {
    try {
      const res = await fetch(`${url}/api/chess/games/${encodeURIComponent(s.gameId)}`);
      const body = (await res.json()) as { moves?: string[] };
      const stored = body.moves?.length ?? -1;
      if (stored >= s.plies) matching++;
      detail.push(`${s.gameId}: stored ${stored}, seen ${s.plies}`);
    } catch (e) {
      detail.push(`${s.gameId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { checked: samples.length, matching, detail };
}

/**
 * Chess bench bots: a separate process (started by tests/bench/chess.ts over IPC) that seats pairs
 * of guest players in private chess rooms through the real SDK (`@colyseus/sdk` Client over
 * WebSocket) and plays pre-made legal games (chessGames.ts) move by move.
 *
 * Both players of a game live in this process, so one clock measures move→opponent latency: from
 * the mover's `room.send("move", …)` to the moment the opponent's client has decoded the patch
 * that carries the move (its `onStateChange` sees `moves.length` grow). That includes the bots'
 * own event-loop delays on both ends; the loop delay is reported next to the figures.
 *
 * Modes: "latency" — a bot whose turn it is waits a jittered think time (thinkMs) before moving;
 * "capacity" — it moves as soon as it sees it is its turn (kept under the room's message-rate
 * limit, 20/s per client: a bot never sends more than RATE_CAP messages in any rolling second; how
 * often that cap delayed a move is reported as `throttled`). When a game's sequence is used up,
 * the side to move resigns, both ask for a rematch, join it (`nextGameId`) and play the next
 * sequence, so the number of games in play stays at the target.
 *
 * Protocol (process.send / process.on("message")): parent → init, start, measure, (pause, resume)*, stop, exit;
 * bot → ready, result, fatal.
 */
import { Client, type Room } from "@colyseus/sdk";
import { WebSocket } from "ws";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sequenceFor, type GamePool } from "./chessGames.js";
import { rng32 } from "../helpers/rng.js";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket; // Node 20: the SDK's reconnection path wants a global

export type BotMode = "latency" | "capacity";

export interface BotInit {
  type: "init";
  url: string;
  games: number;
  firstGame: number; // global index of this process's first game (names, sequence choice)
  mode: BotMode;
  sequences: string[][];
  thinkMs: [number, number]; // latency mode: uniform think time when it is the bot's turn
  timeControl: string;
  joinConcurrency: number;
}

/**
 * `pause` / `resume` (capacity mode): the bots stop sending and stop counting while the parent
 * measures chess.js alone on the machine, then carry on; the window's time and CPU leave the pauses out.
 */
export type ParentMessage = BotInit | { type: "start" } | { type: "measure" } | { type: "pause" } | { type: "resume" } | { type: "stop" } | { type: "exit" };

export interface BotResult {
  type: "result";
  latenciesMs: number[];
  /** Round trips of a bare SDK ping (no room logic) to the same server during the window: the floor. */
  pingsMs: number[];
  acked: number; // moves seen by the opponent during the window
  sent: number; // moves sent during the window
  windowMs: number;
  errors: Record<string, number>; // rejections received, by code (whole run)
  drops: number; // unexpected leaves (whole run)
  rematches: number; // games replaced during the whole run
  replaceFailures: number;
  throttled: number; // capacity mode: moves delayed by the per-client rate cap (window)
  loopDelayMs: { p50: number; p99: number; max: number };
  cpuMs: number; // this process, during the window
  activeGames: number; // games playing when the window closed
  sampleGames: { gameId: string; plies: number }[];
}

export type BotMessage =
  | { type: "ready"; games: number; setupMs: number; failed: number }
  | BotResult
  | { type: "fatal"; message: string };

/** The room allows 20 messages per client per second; stay clearly under it. */
const RATE_CAP = 16;

interface Seat {
  client: Client;
  name: string;
  room?: Room<any, any>;
  seen: number; // moves.length last seen
  scheduledPly: number; // ply this seat has scheduled (or sent) a move for
  rematchAsked: boolean;
  sends: number[]; // ring of the last RATE_CAP send times
  sendIdx: number;
}

interface Game {
  index: number;
  seats: [Seat, Seat];
  seq: string[];
  seqNo: number;
  sentPly: number;
  sentAt: number;
  replacing: boolean;
  dead: boolean;
}

let init!: BotInit;
const pool = (): GamePool => ({ sequences: init.sequences, plies: 0 });
const games: Game[] = [];
let running = false; // bots move only between start and stop
let measuring = false;
let latencies: number[] = [];
let pings: number[] = [];
let pingTimer: NodeJS.Timeout | undefined;
let pingCursor = 0;
const PING_EVERY_MS = 50;
let acked = 0;
let sent = 0;
let throttled = 0;
let windowStart = 0;
let cpuStart: NodeJS.CpuUsage | undefined;
let pausedAt = 0; // while paused: when the pause began
let pausedMs = 0; // pauses inside the window, left out of windowMs
let pausedCpuUs = 0; // and this process's CPU during them, left out of cpuMs
let pauseCpu: NodeJS.CpuUsage | undefined;
const errors: Record<string, number> = {};
let drops = 0;
let rematches = 0;
let replaceFailures = 0;
const loop = monitorEventLoopDelay({ resolution: 1 });

const send = (m: BotMessage) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let random = rng32(1);

async function signIn(name: string): Promise<Client> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${init.url}/api/auth/guest`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    if (res.status === 201) {
      const { token } = (await res.json()) as { token: string };
      const client = new Client(init.url);
      client.auth.token = token;
      return client;
    }
    if (attempt >= 5) throw new Error(`guest sign-in failed: HTTP ${res.status} ${await res.text()}`);
    await sleep(200 * (attempt + 1));
  }
}

function newSeat(client: Client, name: string): Seat {
  return { client, name, seen: 0, scheduledPly: -1, rematchAsked: false, sends: new Array(RATE_CAP).fill(-1e9), sendIdx: 0 };
}

function colorOf(seat: Seat): string | undefined {
  return seat.room?.state.players?.get(seat.room.sessionId)?.color;
}

/** White moves at even plies (every bench game starts from the initial position). */
function moverAt(ply: number): "white" | "black" {
  return ply % 2 === 0 ? "white" : "black";
}

async function waitUntil(pred: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function bind(game: Game, seat: Seat, room: Room<any, any>): void {
  seat.room = room;
  room.reconnection.minUptime = 0;
  room.onStateChange(() => {
    if (seat.room === room) onState(game, seat);
  });
  room.onMessage("error", (e: { code?: string }) => {
    const code = e?.code ?? "UNKNOWN";
    errors[code] = (errors[code] ?? 0) + 1;
  });
  room.onLeave((code: number) => {
    if (seat.room === room && running && !game.replacing) {
      drops++;
      game.dead = true;
      errors[`LEFT_${code}`] = (errors[`LEFT_${code}`] ?? 0) + 1;
    }
  });
}

function onState(game: Game, seat: Seat): void {
  if (game.replacing || game.dead) return;
  const state = seat.room!.state;
  const n: number = state.moves.length;
  const mine = colorOf(seat);
  if (n > seat.seen) {
    if (mine !== undefined && mine !== moverAt(n - 1)) {
      // the opponent of the last mover: this is the observation being measured
      if (measuring) {
        acked += n - seat.seen;
        if (game.sentPly === n - 1) latencies.push(performance.now() - game.sentAt);
      }
    }
    seat.seen = n;
  }
  if (!running) return;
  if (state.status === "playing") {
    if (mine === moverAt(n) && seat.scheduledPly < n) {
      seat.scheduledPly = n;
      if (init.mode === "latency") {
        const [lo, hi] = init.thinkMs;
        setTimeout(() => play(game, seat, n), lo + random() * (hi - lo));
      } else {
        play(game, seat, n);
      }
    }
  } else if (state.status === "ended") {
    if (!seat.rematchAsked) {
      seat.rematchAsked = true;
      seat.room!.send("rematch");
      stamp(seat);
    }
    if (state.nextGameId) void replace(game, state.nextGameId as string);
  }
}

function stamp(seat: Seat): void {
  seat.sends[seat.sendIdx] = performance.now();
  seat.sendIdx = (seat.sendIdx + 1) % RATE_CAP;
}

function play(game: Game, seat: Seat, ply: number): void {
  if (!running || game.replacing || game.dead || seat.seen !== ply || seat.room?.state.status !== "playing") return;
  if (game.sentPly === ply) return; // already sent (a rate-cap retry and a resume can both ask)
  const oldest = seat.sends[seat.sendIdx]!; // the send RATE_CAP sends ago
  const wait = oldest + 1000 - performance.now();
  if (wait > 0) {
    if (measuring) throttled++;
    setTimeout(() => play(game, seat, ply), wait + 1);
    return;
  }
  stamp(seat);
  if (ply < game.seq.length) {
    game.sentPly = ply;
    game.sentAt = performance.now();
    seat.room.send("move", { san: game.seq[ply]!, ply });
    if (measuring) sent++;
  } else {
    seat.room.send("resign"); // the sequence is used up: end it and rematch
  }
}

async function replace(game: Game, nextGameId: string): Promise<void> {
  if (game.replacing) return;
  game.replacing = true;
  const old = game.seats.map((s) => s.room!);
  try {
    const rooms = await Promise.all(game.seats.map((s) => s.client.joinById(nextGameId)));
    for (const r of old) void r.leave().catch(() => undefined);
    game.seqNo++;
    game.seq = sequenceFor(pool(), game.index, game.seqNo);
    game.sentPly = -1;
    game.seats.forEach((s, i) => {
      s.seen = 0;
      s.scheduledPly = -1;
      s.rematchAsked = false;
      bind(game, s, rooms[i]!);
    });
    await waitUntil(() => rooms.every((r) => r.state.status === "playing" && r.state.players?.size === 2 && r.state.players.get(r.sessionId)?.color), 10_000, "rematch start");
    rematches++;
    game.replacing = false;
    for (const s of game.seats) onState(game, s);
  } catch (e) {
    replaceFailures++;
    game.dead = true;
    errors.REPLACE_FAILED = (errors.REPLACE_FAILED ?? 0) + 1;
    if (replaceFailures <= 3) process.stderr.write(`bench bot: rematch failed: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

async function setupGame(index: number): Promise<Game> {
  const a = newSeat(await signIn(`bench${index}a`), `bench${index}a`);
  const b = newSeat(await signIn(`bench${index}b`), `bench${index}b`);
  const game: Game = { index, seats: [a, b], seq: sequenceFor(pool(), index, 0), seqNo: 0, sentPly: -1, sentAt: 0, replacing: false, dead: false };
  const ra = await a.client.create("chess", { timeControl: init.timeControl, private: true });
  bind(game, a, ra);
  const rb = await b.client.joinById(ra.roomId);
  bind(game, b, rb);
  await waitUntil(() => [ra, rb].every((r) => r.state.status === "playing" && r.state.players?.size === 2 && r.state.players.get(r.sessionId)?.color), 15_000, "game start");
  return game;
}

async function setup(): Promise<void> {
  random = rng32(0x5eed + init.firstGame);
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < init.games) {
      const index = init.firstGame + next++;
      for (let attempt = 0; ; attempt++) {
        try {
          games.push(await setupGame(index));
          break;
        } catch (e) {
          if (attempt >= 2) {
            failed++;
            process.stderr.write(`bench bot: game ${index} could not be set up: ${e instanceof Error ? e.message : String(e)}\n`);
            break;
          }
          await sleep(500);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(init.joinConcurrency, init.games) }, worker));
  send({ type: "ready", games: games.length, setupMs: performance.now() - t0, failed });
}

/** One SDK ping at a time, round-robin over the games' first seats (a few per room per minute). */
function pingOne(): void {
  const live = games.filter((g) => !g.dead && !g.replacing);
  if (live.length === 0) return;
  const room = live[pingCursor++ % live.length]!.seats[0].room!;
  const t0 = performance.now();
  room.ping(() => {
    if (measuring) pings.push(performance.now() - t0);
  });
}

/** The window's figures, taken the moment the window closes. */
function result(): BotResult {
  loop.disable();
  const cpu = process.cpuUsage(cpuStart);
  const live = games.filter((g) => !g.dead && !g.replacing);
  return {
    type: "result",
    latenciesMs: latencies,
    pingsMs: pings,
    acked,
    sent,
    windowMs: performance.now() - windowStart - pausedMs,
    errors,
    drops,
    rematches,
    replaceFailures,
    throttled,
    // the histogram records whole 1 ms timer intervals: subtract the resolution to get the delay
    loopDelayMs: { p50: Math.max(0, loop.percentile(50) / 1e6 - 1), p99: Math.max(0, loop.percentile(99) / 1e6 - 1), max: Math.max(0, loop.max / 1e6 - 1) },
    cpuMs: (cpu.user + cpu.system - pausedCpuUs) / 1000,
    activeGames: live.length,
    sampleGames: [], // filled once moves in flight have landed
  };
}

process.on("message", (m: ParentMessage) => {
  switch (m.type) {
    case "init":
      init = m;
      setup().catch((e) => send({ type: "fatal", message: e instanceof Error ? e.stack ?? e.message : String(e) }));
      break;
    case "start":
      running = true;
      for (const g of games) for (const s of g.seats) onState(g, s);
      break;
    case "measure":
      latencies = [];
      pings = [];
      pingTimer = setInterval(pingOne, PING_EVERY_MS);
      acked = 0;
      sent = 0;
      throttled = 0;
      loop.reset();
      loop.enable();
      cpuStart = process.cpuUsage();
      windowStart = performance.now();
      pausedMs = 0;
      pausedCpuUs = 0;
      measuring = true;
      break;
    case "pause":
      // moves in flight still land, uncounted, as at "stop"
      running = false;
      measuring = false;
      clearInterval(pingTimer);
      pausedAt = performance.now();
      pauseCpu = process.cpuUsage();
      break;
    case "resume": {
      pausedMs += performance.now() - pausedAt;
      const c = process.cpuUsage(pauseCpu);
      pausedCpuUs += c.user + c.system;
      running = true;
      measuring = true;
      pingTimer = setInterval(pingOne, PING_EVERY_MS);
      // a move that came due during the pause was not sent: ask again for every seat
      for (const g of games) {
        for (const s of g.seats) {
          s.scheduledPly = Math.min(s.scheduledPly, s.seen - 1);
          onState(g, s);
        }
      }
      break;
    }
    case "stop": {
      measuring = false;
      running = false;
      clearInterval(pingTimer);
      const r = result();
      // let moves already in flight land, so sample games' stored and seen plies can be compared
      setTimeout(() => {
        const live = games.filter((g) => !g.dead && !g.replacing);
        r.sampleGames = live.slice(0, 5).map((g) => ({ gameId: g.seats[0].room!.roomId, plies: g.seats[0].seen }));
        send(r);
      }, 500);
      break;
    }
    case "exit":
      process.exit(0);
  }
});

process.on("disconnect", () => process.exit(0)); // the parent is gone: never outlive it
process.on("unhandledRejection", (e) => {
  send({ type: "fatal", message: `unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
});

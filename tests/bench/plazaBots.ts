/**
 * Plaza bench avatars: a separate process (started by tests/bench/plaza.ts over IPC) that signs in
 * `avatars` guests, joins them to one plaza room (mode aoi or broadcast) at seeded random walkable
 * tiles through the real SDK (WebSocket over loopback), and walks each at `hz` moves per second
 * (4 tiles/s, turning at walls and now and then at random; moves are spread evenly over each
 * 1/hz period, not sent in bursts).
 *
 * Relay latency: every avatar of this process remembers when it sent its last few positions; when
 * any avatar here receives a `moved` entry (id, x, y, d) of an avatar of this process, latency =
 * receive time − send time of that position (same process, same clock). Latencies go into a 0.1 ms
 * histogram (exact to 0.1 ms up to 10 s). Counted only inside the measurement window.
 * Protocol: parent → init; bot → ready, measuring, result (then it leaves and exits) or fatal.
 */
import { Client, type Room } from "@colyseus/sdk";
import { WebSocket } from "ws";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isWalkable, pathIsClear, readUpdate, type UpdateHandlers } from "../../shared/plaza/index.js";
import { PLAZA_MAP } from "../../shared/plaza/world.js";
import { createRng } from "../../shared/core/rng.js";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface PlazaBotInit {
  type: "init";
  url: string;
  avatars: number;
  mode: "aoi" | "broadcast";
  hz: number;
  warmupSec: number;
  measureSec: number;
  seed: number;
  joinConcurrency: number;
}

export interface PlazaBotResult {
  type: "result";
  windowMs: number;
  movesSent: number; // inside the window
  entriesReceived: number; // position entries (moved) received by all avatars, inside the window
  latency: { n: number; p50: number; p90: number; p99: number; max: number };
  errors: Record<string, number>; // `error` messages by code, whole run (and MALFORMED_UPDATE: updates the bots could not read)
  cpuMs: number;
  loopDelayP99Ms: number;
}
export type PlazaBotMessage = { type: "ready"; avatars: number; setupMs: number } | { type: "measuring" } | PlazaBotResult | { type: "fatal"; message: string };

interface Avatar {
  room: Room<any, any>;
  id: number;
  x: number;
  y: number;
  angle: number;
  sent: { x: number; y: number; t: number }[]; // last positions sent, newest last
}

const SPEED = 4 * PLAZA_MAP.tileSize; // px/s, under the map's max speed
const HIST_RES = 10; // buckets per ms
const HIST_MAX = 10_000 * HIST_RES;

let init!: PlazaBotInit;
const avatars: Avatar[] = [];
const byId = new Map<number, Avatar>();
let measuring = false;
let movesSent = 0;
let entriesReceived = 0;
const hist = new Uint32Array(HIST_MAX + 1);
const errors: Record<string, number> = {};
const loop = monitorEventLoopDelay({ resolution: 1 });
const send = (m: PlazaBotMessage) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One `moved` entry of an `update` (shared/plaza/wire.ts), read in place: no object per entry. */
let now = 0;
function onMoved(id: number, x: number, y: number): void {
  entriesReceived++;
  const a = byId.get(id);
  if (!a) return;
  for (let k = a.sent.length - 1; k >= 0; k--) {
    const s = a.sent[k]!;
    if (s.x === x && s.y === y) {
      hist[Math.min(HIST_MAX, Math.round((now - s.t) * HIST_RES))]!++;
      break;
    }
  }
}
const updateHandlers: UpdateHandlers = { moved: onMoved };
let malformed = 0;
function onUpdate(bytes: Uint8Array): void {
  if (!measuring) return;
  now = performance.now();
  if (!readUpdate(bytes, updateHandlers)) malformed++;
}

async function joinOne(idx: number, rng: ReturnType<typeof createRng>): Promise<Avatar> {
  let x = 0, y = 0;
  do {
    x = rng.int(0, PLAZA_MAP.width - 1) * PLAZA_MAP.tileSize + PLAZA_MAP.tileSize / 2;
    y = rng.int(0, PLAZA_MAP.height - 1) * PLAZA_MAP.tileSize + PLAZA_MAP.tileSize / 2;
  } while (!isWalkable(PLAZA_MAP, x, y));
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${init.url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `bot${idx}` }) });
      if (res.status !== 201) throw new Error(`guest sign-in: HTTP ${res.status}`);
      const client = new Client(init.url);
      client.auth.token = ((await res.json()) as { token: string }).token;
      const room = await client.joinOrCreate<any>("plaza", { x, y, mode: init.mode });
      room.reconnection.enabled = false;
      const a: Avatar = { room, id: 0, x, y, angle: rng.next() * Math.PI * 2, sent: [] };
      const welcomed = new Promise<void>((resolve) => room.onMessage("welcome", (w: { id: number }) => {
        a.id = w.id;
        resolve();
      }));
      room.onMessage("update", onUpdate);
      room.onMessage("snapshot", () => undefined);
      room.onMessage("error", (e: { code: string }) => void (errors[e.code] = (errors[e.code] ?? 0) + 1));
      await welcomed;
      return a;
    } catch (e) {
      if (attempt >= 2) throw e;
      await sleep(300);
    }
  }
}

function step(a: Avatar, rng: ReturnType<typeof createRng>): void {
  const d = SPEED / init.hz;
  if (rng.next() < 0.05) a.angle += (rng.next() - 0.5) * Math.PI;
  let nx = a.x, ny = a.y;
  for (let tries = 0; tries < 6; tries++) {
    nx = Math.round(a.x + Math.cos(a.angle) * d);
    ny = Math.round(a.y + Math.sin(a.angle) * d);
    if (pathIsClear(PLAZA_MAP, a.x, a.y, nx, ny)) break;
    a.angle = rng.next() * Math.PI * 2;
    nx = a.x;
    ny = a.y;
  }
  a.x = nx;
  a.y = ny;
  const facing = Math.abs(Math.cos(a.angle)) > Math.abs(Math.sin(a.angle)) ? (Math.cos(a.angle) < 0 ? 1 : 2) : Math.sin(a.angle) < 0 ? 3 : 0;
  a.sent.push({ x: nx, y: ny, t: performance.now() });
  if (a.sent.length > 4) a.sent.shift();
  a.room.send("move", { x: nx, y: ny, d: facing });
  if (measuring) movesSent++;
}

function percentileOf(p: number, n: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (let i = 0; i <= HIST_MAX; i++) {
    seen += hist[i]!;
    if (seen >= rank) return i / HIST_RES;
  }
  return Number.NaN;
}

async function run(): Promise<void> {
  const rng = createRng(init.seed);
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < init.avatars) {
      const a = await joinOne(next++, rng);
      avatars.push(a);
      byId.set(a.id, a);
    }
  };
  await Promise.all(Array.from({ length: Math.min(init.joinConcurrency, init.avatars) }, worker));
  send({ type: "ready", avatars: avatars.length, setupMs: performance.now() - t0 });

  // each avatar moves once per period, at its own phase: 1/SLOTS of them every period/SLOTS ms
  const SLOTS = 10;
  let slot = 0;
  const timer = setInterval(() => {
    for (let i = slot; i < avatars.length; i += SLOTS) step(avatars[i]!, rng);
    slot = (slot + 1) % SLOTS;
  }, 1000 / init.hz / SLOTS);
  await sleep(init.warmupSec * 1000);
  loop.enable();
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  measuring = true;
  send({ type: "measuring" });
  await sleep(init.measureSec * 1000);
  measuring = false;
  const windowMs = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  let n = 0, max = 0;
  for (let i = 0; i <= HIST_MAX; i++) if (hist[i]) (n += hist[i]!), (max = i / HIST_RES);
  send({
    type: "result", windowMs, movesSent, entriesReceived,
    latency: { n, p50: percentileOf(50, n), p90: percentileOf(90, n), p99: percentileOf(99, n), max },
    errors: { ...errors, ...(malformed ? { MALFORMED_UPDATE: malformed } : {}) }, cpuMs: (cpu.user + cpu.system) / 1000, loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - 1),
  });
  await Promise.all(avatars.map((a) => Promise.race([a.room.leave().catch(() => undefined), sleep(2000)])));
  process.exit(0);
}

process.on("message", (m: PlazaBotInit) => {
  if (m.type !== "init") return;
  init = m;
  run().catch((e) => send({ type: "fatal", message: e instanceof Error ? e.stack ?? e.message : String(e) }));
});
process.on("disconnect", () => process.exit(0));

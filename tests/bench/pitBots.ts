/**
 * Pit bench traders: a separate process (started by tests/bench/pit-room.ts over IPC) that signs in
 * guest traders, joins them all to the ACME pit room through the real SDK (WebSocket over loopback)
 * and keeps `inflight` commands in flight per trader (pipelining), each trader under the room's
 * message-rate limit (RATE_CAP in any rolling second; the room allows 200).
 *
 * "Acknowledged" = the sender received the first execution report for the command, which the room
 * sends only after the batch's journal commit (the traders join with `reports: "batch"`: a commit's
 * reports to one trader come as one `executions` array). Ack latency = send → that report (same clock).
 *
 * Order mix (ACME refPrice 10,000, band 1,000): while a trader has more than MAX_OPEN resting
 * orders, the next command cancels its oldest; otherwise 15 % cancel of a random own resting
 * order (if any), 55 % resting limit GTC 1–60 ticks away from the reference on the passive side,
 * 30 % crossing limit IOC up to 60 ticks through the reference on the aggressive side. Sides are
 * 50/50, qty 1–10 lots. Protocol: parent → init, start, measure, stop, exit; bot → ready, result, fatal.
 *
 * Load-generator economies (they keep the traders' processes from taking the CPU the server is
 * measured on — both share this machine's 2 cores):
 * - unless `decodeState`, a trader decodes the room's state once (on join) and then receives the
 *   state patches without decoding them (its commands need only its execution reports). With
 *   decoding, the schema decoder took ≈ 30 % of the traders' busy CPU (docs/benchmarks.md).
 *   The server's work is the same: it encodes and sends every patch.
 * - a trader's commands sent in one turn (one `executions` message answers several) leave in one
 *   socket write (the socket is corked for the turn), as a program trading over an API sends a
 *   burst; the server then often reads several of them in one read. (A person in a browser sends a
 *   few commands a second, one write each.)
 */
import { Client, type Room } from "@colyseus/sdk";
import { WebSocket } from "ws";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { rng32 } from "../helpers/rng.js";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface PitBotInit {
  type: "init";
  url: string;
  traders: number;
  firstTrader: number;
  inflight: number;
  rateCap: number;
  joinConcurrency: number;
  runId: string;
  decodeState: boolean;
}
export type PitParentMessage = PitBotInit | { type: "start" } | { type: "measure" } | { type: "stop" } | { type: "exit" };

export interface PitBotResult {
  type: "result";
  windowMs: number;
  ordersAcked: number; // orders whose first report was not a rejection, during the window
  ordersRejected: number; // orders whose first report was a rejection, during the window
  cancelsAcked: number; // cancels answered (canceled or rejected), during the window
  sent: number; // commands sent during the window
  latenciesMs: number[]; // order send → first report, during the window
  rejections: Record<string, number>; // by reason, whole run (orders and cancels)
  throttled: number; // sends delayed by the rate cap, during the window
  drops: number;
  errors: Record<string, number>; // `error` messages by code, whole run
  loopDelayMs: { p50: number; p99: number; max: number };
  cpuMs: number;
}
export type PitBotMessage = { type: "ready"; traders: number; setupMs: number; failed: number } | PitBotResult | { type: "fatal"; message: string };

const MAX_OPEN = 20;
const REF = 10_000;

interface Pending {
  kind: "order" | "cancel";
  sentAt: number;
  measured: boolean;
}

interface Trader {
  idx: number;
  room: Room<any, any>;
  socket?: { cork(): void; uncork(): void }; // the trader's TCP socket (ws under the SDK's transport)
  counter: number;
  open: string[]; // own resting order ids, oldest first
  pendingOrders: Map<string, Pending>;
  pendingCancels: Map<string, Pending>;
  inflight: number;
  sends: number[];
  sendIdx: number;
  waiting: boolean;
  dead: boolean;
}

let init!: PitBotInit;
const traders: Trader[] = [];
let running = false;
let measuring = false;
let windowStart = 0;
let cpuStart: NodeJS.CpuUsage | undefined;
let latencies: number[] = [];
let ordersAcked = 0;
let ordersRejected = 0;
let cancelsAcked = 0;
let sent = 0;
let throttled = 0;
let drops = 0;
const rejections: Record<string, number> = {};
const errors: Record<string, number> = {};
const loop = monitorEventLoopDelay({ resolution: 1 });

const send = (m: PitBotMessage) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let random = rng32(1);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

async function signIn(name: string): Promise<Client> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${init.url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
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

interface Report {
  clientOrderId: string;
  status: "accepted" | "rejected" | "partially_filled" | "filled" | "canceled";
  reason?: string;
  leavesQty: number;
}

function onReport(t: Trader, r: Report): void {
  const id = r.clientOrderId;
  const now = performance.now();
  const po = t.pendingOrders.get(id);
  if (po) {
    t.pendingOrders.delete(id);
    t.inflight--;
    if (r.status === "rejected") {
      rejections[r.reason ?? "UNKNOWN"] = (rejections[r.reason ?? "UNKNOWN"] ?? 0) + 1;
      if (po.measured && measuring) ordersRejected++;
    } else {
      if (po.measured && measuring) {
        ordersAcked++;
        latencies.push(now - po.sentAt);
      }
      if ((r.status === "accepted" || r.status === "partially_filled") && r.leavesQty > 0) t.open.push(id);
    }
    pump(t);
    return;
  }
  if (r.status === "filled" || r.status === "canceled") {
    const i = t.open.indexOf(id);
    if (i >= 0) t.open.splice(i, 1);
  }
  const pc = t.pendingCancels.get(id);
  if (pc && (r.status === "canceled" || r.status === "rejected")) {
    t.pendingCancels.delete(id);
    t.inflight--;
    if (r.status === "rejected") rejections[`cancel:${r.reason ?? "UNKNOWN"}`] = (rejections[`cancel:${r.reason ?? "UNKNOWN"}`] ?? 0) + 1;
    if (pc.measured && measuring) cancelsAcked++;
    pump(t);
  }
}

function nextCommand(t: Trader): void {
  const now = performance.now();
  const cancelable = t.open.filter((id) => !t.pendingCancels.has(id));
  let cancelId: string | undefined;
  if (cancelable.length > MAX_OPEN) cancelId = cancelable[0];
  else if (cancelable.length > 0 && random() < 0.15) cancelId = cancelable[int(0, cancelable.length - 1)];
  if (cancelId !== undefined) {
    t.pendingCancels.set(cancelId, { kind: "cancel", sentAt: now, measured: measuring });
    t.room.send("cancel", { clientOrderId: cancelId });
  } else {
    const id = `b${init.runId}t${t.idx}n${t.counter++}`;
    const buy = random() < 0.5;
    const qty = int(1, 10);
    const crossing = random() < 0.3 / 0.85;
    t.pendingOrders.set(id, { kind: "order", sentAt: now, measured: measuring });
    if (crossing) {
      const price = buy ? REF + int(0, 60) : REF - int(0, 60);
      t.room.send("order", { clientOrderId: id, side: buy ? "buy" : "sell", type: "limit", price, qty, tif: "IOC" });
    } else {
      const price = buy ? REF - int(1, 60) : REF + int(1, 60);
      t.room.send("order", { clientOrderId: id, side: buy ? "buy" : "sell", type: "limit", price, qty });
    }
  }
  t.inflight++;
  if (measuring) sent++;
}

/** Fills the trader's pipeline up to `inflight`, under the rate cap. */
function pump(t: Trader): void {
  if (!running || t.dead || t.waiting) return;
  while (t.inflight < init.inflight) {
    const oldest = t.sends[t.sendIdx]!;
    const wait = oldest + 1000 - performance.now();
    if (wait > 0) {
      if (measuring) throttled++;
      t.waiting = true;
      setTimeout(() => {
        t.waiting = false;
        pump(t);
      }, wait + 1);
      return;
    }
    t.sends[t.sendIdx] = performance.now();
    t.sendIdx = (t.sendIdx + 1) % t.sends.length;
    nextCommand(t);
  }
}

async function setupTrader(idx: number): Promise<Trader> {
  const client = await signIn(`pitbench${idx}`);
  // reports: "batch": a group commit's reports to this trader come as one `executions` array (protocol.md)
  const room = await client.joinOrCreate("pit", { symbol: "ACME", reports: "batch" });
  if (!init.decodeState) {
    // patches arrive and are dropped (the state decoded on join goes stale; nothing here reads it)
    const serializer = (room as unknown as { serializer: { patch: (...a: unknown[]) => void } }).serializer;
    serializer.patch = () => undefined;
  }
  const socket = (room as unknown as { connection?: { transport?: { ws?: { _socket?: Trader["socket"] } } } }).connection?.transport?.ws?._socket;
  if (!socket) throw new Error("pit bench bot: no socket under the SDK's WebSocket transport (SDK internals changed?)");
  const t: Trader = {
    idx, room, socket, counter: 0, open: [], pendingOrders: new Map(), pendingCancels: new Map(), inflight: 0,
    sends: new Array(init.rateCap).fill(-1e9), sendIdx: 0, waiting: false, dead: false,
  };
  room.onMessage("executions", (list: Report[]) => {
    socket.cork();
    for (const r of list) onReport(t, r);
    socket.uncork();
  });
  room.onMessage("error", (e: { code?: string }) => {
    const code = e?.code ?? "UNKNOWN";
    errors[code] = (errors[code] ?? 0) + 1;
  });
  room.onLeave((code: number) => {
    if (!t.dead) {
      t.dead = true;
      drops++;
      errors[`LEFT_${code}`] = (errors[`LEFT_${code}`] ?? 0) + 1;
    }
  });
  room.onMessage("*", () => undefined);
  return t;
}

async function setup(): Promise<void> {
  random = rng32(0x917 + init.firstTrader);
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < init.traders) {
      const idx = init.firstTrader + next++;
      for (let attempt = 0; ; attempt++) {
        try {
          traders.push(await setupTrader(idx));
          break;
        } catch (e) {
          if (attempt >= 2) {
            failed++;
            process.stderr.write(`pit bench bot: trader ${idx} could not join: ${e instanceof Error ? e.message : String(e)}\n`);
            break;
          }
          await sleep(500);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(init.joinConcurrency, init.traders) }, worker));
  send({ type: "ready", traders: traders.length, setupMs: performance.now() - t0, failed });
}

function result(): PitBotResult {
  loop.disable();
  const cpu = process.cpuUsage(cpuStart);
  return {
    type: "result",
    windowMs: performance.now() - windowStart,
    ordersAcked, ordersRejected, cancelsAcked, sent,
    latenciesMs: latencies,
    rejections, throttled, drops, errors,
    loopDelayMs: { p50: Math.max(0, loop.percentile(50) / 1e6 - 1), p99: Math.max(0, loop.percentile(99) / 1e6 - 1), max: Math.max(0, loop.max / 1e6 - 1) },
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.on("message", (m: PitParentMessage) => {
  switch (m.type) {
    case "init":
      init = m;
      setup().catch((e) => send({ type: "fatal", message: e instanceof Error ? e.stack ?? e.message : String(e) }));
      break;
    case "start":
      running = true;
      for (const t of traders) {
        t.socket?.cork();
        pump(t);
        t.socket?.uncork();
      }
      break;
    case "measure":
      latencies = [];
      ordersAcked = ordersRejected = cancelsAcked = sent = throttled = 0;
      loop.reset();
      loop.enable();
      cpuStart = process.cpuUsage();
      windowStart = performance.now();
      measuring = true;
      break;
    case "stop": {
      const r = result();
      measuring = false;
      running = false;
      send(r);
      break;
    }
    case "exit":
      process.exit(0);
  }
});

process.on("disconnect", () => process.exit(0));
process.on("unhandledRejection", (e) => {
  send({ type: "fatal", message: `unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
});

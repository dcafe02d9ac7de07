/**
 * Shooter bench bots: a separate process (started by tests/bench/shooter.ts over IPC) that signs in
 * guests, fills `matches` shooter rooms with `botsPerMatch` real SDK clients each (the first bot
 * creates the room, the others join it by id), and on "start" drives them at 64 Hz: every bot
 * sends one input per step (tests/helpers/shooterBot.ts: wander, aim at the nearest player in
 * view, fire within 500 px). The bots are split into PHASE_GROUPS loops whose steps are spread
 * evenly over the 15.6 ms period, as real players' clients are not in step with each other: from
 * one loop, every bot's input arrived in the same millisecond, a burst of 64 messages per process
 * per step that held the server's loop for milliseconds and measured the bots' lockstep as drift. Protocol: parent → init, start, stop, exit;
 * bot → ready, result, fatal.
 */
import { Client } from "@colyseus/sdk";
import { WebSocket } from "ws";
import { performance } from "node:perf_hooks";
import { ShooterBot, skirmishPolicy, type BotPolicy } from "../helpers/shooterBot.js";
import { FixedLoop } from "../../server/rooms/shooter/fixedLoop.js";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface ShooterBotInit {
  type: "init";
  url: string;
  matches: number;
  botsPerMatch: number;
  firstMatch: number;
  runId: string;
}
export type ShooterParentMessage = ShooterBotInit | { type: "start" } | { type: "stop" } | { type: "exit" };
export interface ShooterBotResult {
  type: "result";
  inputs: number;
  acked: number;
  errors: Record<string, number>;
  cpuMs: number;
}
export type ShooterBotMessage = { type: "ready"; roomIds: string[]; bots: number } | ShooterBotResult | { type: "fatal"; message: string };

const send = (m: ShooterBotMessage) => process.send?.(m);
const HZ = 64;
const PHASE_GROUPS = 8;
const bots: { bot: ShooterBot; policy: BotPolicy }[] = [];
let stopLoop: (() => void) | undefined;
let cpu0: NodeJS.CpuUsage | undefined;

async function signIn(url: string, name: string): Promise<Client> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}/api/auth/guest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
    if (res.status === 201) {
      const client = new Client(url);
      client.auth.token = ((await res.json()) as { token: string }).token;
      return client;
    }
    if (attempt >= 5) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}

async function setup(init: ShooterBotInit): Promise<void> {
  const roomIds: string[] = [];
  for (let m = 0; m < init.matches; m++) {
    const match = init.firstMatch + m;
    const first = await (await signIn(init.url, `b${init.runId}m${match}p0`)).create<any>("shooter", {});
    const rooms = [first];
    const rest = await Promise.all(
      Array.from({ length: init.botsPerMatch - 1 }, async (_, i) => (await signIn(init.url, `b${init.runId}m${match}p${i + 1}`)).joinById<any>(first.roomId, {})),
    );
    rooms.push(...rest);
    rooms.forEach((room, i) => {
      room.reconnection.enabled = false;
      bots.push({ bot: new ShooterBot(room), policy: skirmishPolicy(match * 100 + i + 1) });
    });
    roomIds.push(first.roomId);
  }
  send({ type: "ready", roomIds, bots: bots.length });
}

function start(): void {
  cpu0 = process.cpuUsage();
  const now = performance.now();
  const loops = Array.from({ length: PHASE_GROUPS }, (_, g) => {
    const group = bots.filter((_, i) => i % PHASE_GROUPS === g);
    const loop = new FixedLoop(HZ, () => {
      for (const { bot, policy } of group) bot.send(policy(bot));
    }, (e) => send({ type: "fatal", message: String(e instanceof Error ? e.stack : e) }));
    loop.start(now + (g * 1000) / HZ / PHASE_GROUPS);
    return loop;
  });
  stopLoop = () => loops.forEach((l) => l.stop());
}

function stop(): void {
  stopLoop?.();
  const errors: Record<string, number> = {};
  for (const { bot } of bots) for (const e of bot.errors) errors[e.code] = (errors[e.code] ?? 0) + 1;
  const c = process.cpuUsage(cpu0);
  send({
    type: "result",
    inputs: bots.reduce((s, b) => s + b.bot.seq, 0),
    acked: bots.reduce((s, b) => s + b.bot.ack(), 0),
    errors,
    cpuMs: (c.user + c.system) / 1000,
  });
}

process.on("message", (m: ShooterParentMessage) => {
  if (m.type === "init") setup(m).catch((e) => send({ type: "fatal", message: String(e?.stack ?? e) }));
  else if (m.type === "start") start();
  else if (m.type === "stop") stop();
  else if (m.type === "exit") {
    for (const { bot } of bots) void bot.room.leave().catch(() => undefined);
    setTimeout(() => process.exit(0), 300);
  }
});

/**
 * A shooter player driven by code through a real @colyseus/sdk room: it sends one input per
 * 64 Hz step (a fixed-step accumulator on a 15 ms timer, like a browser's) and reads its own
 * player, ack and ammo from the state. Used by the room tests and the benchmark's bot process.
 */
import type { Room } from "@colyseus/sdk";
import { createRng, type Rng } from "../../shared/core/rng.js";

export interface BotInput {
  mx: number;
  my: number;
  aim: number;
  fire: boolean;
  reload?: boolean;
}

export type BotPolicy = (bot: ShooterBot) => BotInput;

export class ShooterBot {
  seq = 0;
  relaySeq = 0;
  /** Relay mode: what the server relayed to me, by player id (x, y px; seq). */
  readonly relayed = new Map<string, { x: number; y: number; seq: number }>();
  private timer?: () => void;
  /** Shots of this bot reported back in "fx" messages. */
  ownShots = 0;
  errors: { code: string; message: string }[] = [];

  constructor(readonly room: Room<any>) {
    room.onMessage("fx", (m: { shots: [string, ...number[]][] }) => {
      for (const s of m.shots) if (s[0] === room.sessionId) this.ownShots++;
    });
    room.onMessage("error", (e: { code: string; message: string }) => this.errors.push(e));
    room.onMessage("relay", (m: { players: [string, number, number, number, number, number][]; gone: string[] }) => {
      for (const [id, x, y, , , seq] of m.players) this.relayed.set(id, { x, y, seq });
      for (const id of m.gone) this.relayed.delete(id);
    });
    room.onMessage("hit", () => {});
    room.onMessage("kill", () => {});
    room.onMessage("match", () => {});
  }

  get id(): string {
    return this.room.sessionId;
  }

  /** My player as the server last sent it (px). */
  me(): { x: number; y: number; hp: number; alive: boolean } | undefined {
    const p = this.room.state.players?.get(this.id);
    return p ? { x: p.x8 / 8, y: p.y8 / 8, hp: p.hp, alive: p.alive } : undefined;
  }

  ack(): number {
    return this.room.state.selves?.get(this.id)?.ack ?? 0;
  }

  /** Other players in my state (the ones in my view). */
  others(): { id: string; x: number; y: number; alive: boolean }[] {
    const out: { id: string; x: number; y: number; alive: boolean }[] = [];
    this.room.state.players?.forEach((p: any, id: string) => {
      if (id !== this.id) out.push({ id, x: p.x8 / 8, y: p.y8 / 8, alive: p.alive });
    });
    return out;
  }

  send(input: BotInput, extra: Record<string, unknown> = {}): number {
    const seq = ++this.seq;
    const view = Math.max(0, (this.room.state.tick ?? 0) - 6); // ~100 ms interpolation delay
    this.room.send("input", { seq, mx: input.mx, my: input.my, aim: input.aim, fire: input.fire, reload: input.reload ?? false, view, ...extra });
    return seq;
  }

  /** Relay mode: reports my own position (the client owns it there). */
  report(x: number, y: number, aim = 0, extra: Record<string, unknown> = {}): number {
    const seq = ++this.relaySeq;
    this.room.send("report", { seq, x, y, aim, ...extra });
    return seq;
  }

  /** Relay mode: a shot I resolved myself, claiming `target` was hit. */
  shoot(aim: number, target?: string, pellets?: number): void {
    this.room.send("shoot", { seq: ++this.relaySeq, aim, ...(target ? { target } : {}), ...(pellets !== undefined ? { pellets } : {}) });
  }

  /** Sends `perStep` inputs from `policy` every 1/hz s until stopped. */
  play(policy: BotPolicy, { hz = 64, perStep = 1 } = {}): void {
    this.stop();
    this.timer = everyStep(hz, () => {
      for (let k = 0; k < perStep; k++) this.send(policy(this));
    });
  }

  stop(): void {
    this.timer?.();
    this.timer = undefined;
  }
}

/** Wander between random waypoints; aim and fire at the nearest player in view. */
export function skirmishPolicy(seed: number): BotPolicy {
  const rng: Rng = createRng(seed);
  let goal = { x: 0, y: 0 }, until = 0;
  return (bot) => {
    const me = bot.me();
    if (!me) return { mx: 0, my: 0, aim: 0, fire: false };
    if (until-- <= 0) {
      goal = { x: me.x + (rng.next() - 0.5) * 600, y: me.y + (rng.next() - 0.5) * 600 };
      until = 64 + rng.int(0, 64);
    }
    const dx = goal.x - me.x, dy = goal.y - me.y, len = Math.hypot(dx, dy) || 1;
    let target: { x: number; y: number } | undefined, best = Infinity;
    for (const o of bot.others()) {
      const d = Math.hypot(o.x - me.x, o.y - me.y);
      if (o.alive && d < best) [best, target] = [d, o];
    }
    const aim = target ? Math.atan2(target.y - me.y, target.x - me.x) : Math.atan2(dy, dx);
    return { mx: dx / len, my: dy / len, aim, fire: target !== undefined && best < 500 };
  };
}

/** Calls `fn` once per 1/hz s on average (a fixed-step accumulator on a whole-ms timer, like a browser's frame loop). Returns stop. */
export function everyStep(hz: number, fn: () => void): () => void {
  const stepMs = 1000 / hz;
  let last = performance.now(), acc = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    acc += now - last;
    last = now;
    let ran = 0;
    while (acc >= stepMs && ran < 4) {
      acc -= stepMs;
      ran++;
      fn();
    }
    if (ran === 4) acc = 0;
  }, Math.floor(stepMs));
  return () => clearInterval(timer);
}

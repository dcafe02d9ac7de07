/**
 * Chess sounds, lichess-style: a soft click for a move, a heavier one for a capture, a two-note
 * chime when a game starts or ends, a tick when the viewer's clock runs low. Synthesized with Web
 * Audio (no sound files to ship); muted with the panel's Sound button (remembered per browser).
 *
 * `soundFor` is the pure part: which sound a change of snapshot calls for.
 */
import type { ChessSnapshot } from "./snapshot.js";

export type ChessSound = "move" | "capture" | "start" | "end" | "lowTime";

/** Remaining time under which the viewer hears one tick (once per game). */
export const LOW_TIME_MS = 10_000;

/** The sound for going from `before` to `now` (null: none). A new game id is a new game, not a move. */
export function soundFor(before: ChessSnapshot | null, now: ChessSnapshot): ChessSound | null {
  if (!before || before.gameId !== now.gameId) return now.status === "playing" ? "start" : null;
  if (before.status !== "ended" && now.status === "ended" && now.termination !== "aborted") return "end";
  if (before.status === "waiting" && now.status === "playing") return "start";
  if (now.moves.length === before.moves.length + 1) return now.moves[now.moves.length - 1]!.includes("x") ? "capture" : "move";
  return null;
}

const STORAGE_KEY = "statecraft.chess.sound";

export class ChessSounds {
  private ctx: AudioContext | null = null;
  enabled: boolean;
  /** Sounds asked for (muted or not): for tests and the debug hook. */
  played = 0;

  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem"> | null = safeStorage()) {
    this.enabled = this.storage?.getItem(STORAGE_KEY) !== "off";
  }

  toggle(): boolean {
    this.enabled = !this.enabled;
    this.storage?.setItem(STORAGE_KEY, this.enabled ? "on" : "off");
    return this.enabled;
  }

  play(sound: ChessSound): void {
    this.played++;
    if (!this.enabled) return;
    const ctx = this.context();
    if (!ctx) return;
    const t = ctx.currentTime + 0.005;
    switch (sound) {
      case "move":
        return this.knock(ctx, t, 0.22, 1800);
      case "capture":
        this.knock(ctx, t, 0.32, 1200);
        return this.knock(ctx, t + 0.045, 0.2, 900);
      case "start":
        this.tone(ctx, t, 660, 0.12);
        return this.tone(ctx, t + 0.12, 880, 0.16);
      case "end":
        this.tone(ctx, t, 880, 0.12);
        return this.tone(ctx, t + 0.12, 587, 0.2);
      case "lowTime":
        return this.tone(ctx, t, 1320, 0.06);
    }
  }

  private context(): AudioContext | null {
    if (this.ctx) {
      if (this.ctx.state === "suspended") void this.ctx.resume().catch(() => undefined);
      return this.ctx;
    }
    const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctor) return null;
    // A context made before the page's first click or key is born suspended, and the browser warns
    // about it ("The AudioContext was not allowed to start"): after a reload or a link, the
    // opponent's move would do that. Until the user has touched the page, stay silent.
    const activation = (globalThis as { navigator?: { userActivation?: { hasBeenActive: boolean } } }).navigator?.userActivation;
    if (activation && !activation.hasBeenActive) return null;
    try {
      this.ctx = new Ctor();
    } catch {
      return null; // no audio device: silent
    }
    return this.ctx;
  }

  /** A short filtered noise burst: a piece put down on a wooden board. */
  private knock(ctx: AudioContext, at: number, gain: number, freq: number): void {
    const length = Math.floor(ctx.sampleRate * 0.06);
    const buffer = ctx.createBuffer(1, length, ctx.sampleRate);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < length; i++) data[i] = (Math.random() * 2 - 1) * (1 - i / length) ** 3;
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    const filter = ctx.createBiquadFilter();
    filter.type = "bandpass";
    filter.frequency.value = freq;
    filter.Q.value = 1.2;
    const g = ctx.createGain();
    g.gain.value = gain;
    src.connect(filter).connect(g).connect(ctx.destination);
    src.start(at);
  }

  private tone(ctx: AudioContext, at: number, freq: number, seconds: number): void {
    const osc = ctx.createOscillator();
    osc.type = "sine";
    osc.frequency.value = freq;
    const g = ctx.createGain();
    g.gain.setValueAtTime(0.0001, at);
    g.gain.exponentialRampToValueAtTime(0.18, at + 0.01);
    g.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
    osc.connect(g).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + seconds + 0.02);
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

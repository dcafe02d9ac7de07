/**
 * What the shooter scene asks of a mode. The scene (ShooterScene.ts) owns everything that looks
 * and feels the same in both modes — arena, players, tracers, HUD, kill feed, keyboard and mouse;
 * a driver owns what differs: where the own player's position comes from and what goes on the wire.
 * - authoritative (authoritativeDriver.ts): inputs out, the server simulates; prediction replays them.
 * - relay (relayDriver.ts): the client simulates its own player and reports it; others are relayed.
 * The client's counterpart of the server's `ModeDriver` (server/rooms/shooter/ShooterRoom.ts).
 */
import type { Point, ShooterMap } from "../../../shared/shooter/index.js";
import type { ShooterMode } from "../../../shared/shooter/spec.js";

/** What the player asks for this step (keyboard + mouse, already read by the scene). */
export interface Controls {
  mx: number; // movement axes, a vector of length ≤ 1
  my: number;
  aim: number; // radians, from the own player to the mouse
  fire: boolean;
  reload: boolean;
}

export interface DrawnPlayer extends Point {
  id: string;
  aim: number;
  alive: boolean;
  shielded: boolean;
}

export interface OwnPlayer extends DrawnPlayer {
  hp: number;
  weapon: string; // weapon id
  ammo: number;
  reloading: boolean;
}

/** What a driver asks of the scene: drawing effects (the scene stamps the time). */
export interface ShooterEffects {
  tracer(x1: number, y1: number, x2: number, y2: number, kind: "mine" | "predicted" | "other"): void;
  hurt(id: string): void;
}

/** Mode-specific numbers for the debug hook (shooterDebug.ts). */
export interface DriverDebug {
  seq: number; // inputs sent (authoritative) · reports and shots sent (relay)
  ack: number; // last input simulated (authoritative) · last seq the server relayed back of mine (relay: 0)
  me: Point | null; // where the server holds me (authoritative: state; relay: my last report)
  predicted: Point | null; // where I am drawn
  shotsSeen: number;
  reports: number; // relay: reports sent
  hitsGiven: number; // relay: hits the server accepted
  refused: number; // relay: shots the server refused
}

export interface ShooterDriver {
  readonly mode: ShooterMode;
  /** The map in play (the state's, once known). */
  readonly map: ShooterMap;
  /** A state patch arrived. */
  onPatch(): void;
  /** A mode message arrived (`fx`, `relay`, `hit`, `kill`). */
  onMessage(type: string, message: unknown): void;
  /** An `error` from the room: true when the driver handled it (else the scene toasts it). */
  onError(e: { code: string; message: string }): boolean;
  /** Runs the fixed steps due after `delta` ms; `read` gives the controls aimed from the own player. */
  step(delta: number, now: number, read: (me: Point) => Controls): void;
  /** The own player as drawn, or null before it exists. */
  me(): OwnPlayer | null;
  /** The others as drawn at `now`. */
  others(now: number): DrawnPlayer[];
  switchWeapon(id: string): void;
  /** Lines of the network overlay (N). */
  net(pingMs: number): string[];
  debug(): DriverDebug;
}

/** A fixed-step accumulator: how many steps of `stepMs` are due after `delta` ms (at most `max`, to catch up after a stall). */
export class FixedSteps {
  private acc = 0;

  constructor(private readonly max = 4) {}

  advance(delta: number, stepMs: number): number {
    this.acc = Math.min(this.acc + delta, stepMs * this.max);
    const n = Math.floor(this.acc / stepMs);
    this.acc -= n * stepMs;
    return n;
  }
}

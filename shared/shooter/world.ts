/**
 * The simulation's state: pure data, no Colyseus. The server owns one World per room and mirrors
 * it into the schema state after each tick; tests build worlds directly.
 */
import type { ShooterMap } from "./map.js";
import type { Weapon } from "./weapons.js";
import { InputQueue, type InputQueueLimits } from "./inputQueue.js";
import { RewindBuffer } from "./rewind.js";

export const MAX_HP = 100;

export interface SimPlayer {
  id: string;
  name: string;
  x: number;
  y: number;
  aim: number;
  hp: number;
  alive: boolean;
  /** Tick at which a dead player comes back. */
  respawnTick: number;
  /** Damage is ignored until this tick (or until the player fires). */
  protectedUntil: number;
  weapon: Weapon;
  ammo: number;
  /** Tick at which a reload completes; 0 = not reloading. */
  reloadUntil: number;
  /** Earliest time (ms of simulation) the next shot may go. */
  nextFireMs: number;
  /** Last input seq simulated (the ack). */
  ack: number;
  kills: number;
  deaths: number;
  shots: number;
  hits: number;
  damage: number;
  queue: InputQueue;
}

export interface RoundRules {
  scoreLimit: number; // kills that end a round
  timeLimitTicks: number;
  respawnTicks: number;
  protectionTicks: number;
  intermissionTicks: number;
}

export interface Round {
  number: number;
  phase: "playing" | "ended";
  startTick: number;
  /** playing: when time runs out; ended: when the next round starts. */
  endTick: number;
  winner: string | null;
}

export interface World {
  map: ShooterMap;
  tickHz: number;
  tick: number;
  rules: RoundRules;
  round: Round;
  /** Insertion order = simulation order (deterministic). */
  players: Map<string, SimPlayer>;
  rewind: RewindBuffer;
  /** The map the next round is played on (rotation); unset = the same map. */
  nextMap?: ShooterMap;
  inputLimits?: InputQueueLimits;
}

export function msPerTick(world: World): number {
  return 1000 / world.tickHz;
}

/** Rewind bound in ticks for a window in ms (200 ms at 64 Hz → 12 ticks, never more than the window). */
export function rewindTicks(maxRewindMs: number, tickHz: number): number {
  return Math.floor((maxRewindMs * tickHz) / 1000);
}

export function createWorld(map: ShooterMap, tickHz: number, rules: RoundRules, maxRewindMs: number, inputLimits?: InputQueueLimits): World {
  return {
    map,
    tickHz,
    tick: 0,
    rules,
    round: { number: 1, phase: "playing", startTick: 0, endTick: rules.timeLimitTicks, winner: null },
    players: new Map(),
    rewind: new RewindBuffer(rewindTicks(maxRewindMs, tickHz)),
    ...(inputLimits ? { inputLimits } : {}),
  };
}

export function newPlayer(world: World, id: string, name: string, weapon: Weapon): SimPlayer {
  return {
    id, name, x: 0, y: 0, aim: 0, hp: MAX_HP, alive: false, respawnTick: world.tick, protectedUntil: 0,
    weapon, ammo: weapon.magazine, reloadUntil: 0, nextFireMs: 0, ack: 0,
    kills: 0, deaths: 0, shots: 0, hits: 0, damage: 0,
    queue: new InputQueue(world.inputLimits),
  };
}

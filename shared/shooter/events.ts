/** What a tick produced. The room turns these into messages (tracers, kill feed) and storage writes. */
import type { Point } from "./map.js";

export type ShooterEvent =
  | { type: "shot"; tick: number; shooter: string; from: Point; to: Point[]; weapon: string }
  | { type: "hit"; tick: number; shooter: string; victim: string; damage: number; hp: number }
  | { type: "kill"; tick: number; killer: string; victim: string; weapon: string }
  | { type: "spawn"; tick: number; player: string }
  | { type: "roundEnd"; tick: number; round: number; reason: "score" | "time"; winner: string | null };

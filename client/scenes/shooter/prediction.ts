/**
 * Client-side prediction and reconciliation of the own player. Every input the client sends is
 * applied at once with the SAME rule the server runs (shared/shooter/movement.ts `stepMove`) and
 * kept until the server acknowledges it. When a state patch arrives with the server's position
 * and ack, the acknowledged inputs are dropped and the rest replayed from the server's position:
 * the predicted position equals the server's whenever both ran the same inputs, and a correction
 * (the server refused or clamped something) shows up as `lastCorrection`.
 */
import { stepMove, type MoveInput, type Point, type ShooterMap } from "../../../shared/shooter/index.js";

export interface PendingInput extends MoveInput {
  seq: number;
}

export class Predictor {
  private pending: PendingInput[] = [];
  private position: Point;
  /** Distance (px) between the prediction and the replayed server position at the last reconcile. */
  lastCorrection = 0;
  ack = 0;

  constructor(private map: ShooterMap, start: Point, private readonly dt: number) {
    this.position = { ...start };
  }

  get predicted(): Point {
    return this.position;
  }

  get unacknowledged(): number {
    return this.pending.length;
  }

  /** Applies an input the client just sent (alive players only move). */
  apply(input: PendingInput, alive: boolean): Point {
    this.pending.push(input);
    if (this.pending.length > 256) this.pending.shift(); // never grows without bound (server gone)
    if (alive) this.position = stepMove(this.position, input, this.map, this.dt);
    return this.position;
  }

  /** The server's word: its position of the own player after input `ack`. */
  reconcile(server: Point, ack: number, alive: boolean, map = this.map): Point {
    this.map = map;
    this.ack = Math.max(this.ack, ack);
    this.pending = this.pending.filter((p) => p.seq > this.ack);
    let p = { ...server };
    if (alive) for (const input of this.pending) p = stepMove(p, input, this.map, this.dt);
    this.lastCorrection = Math.hypot(p.x - this.position.x, p.y - this.position.y);
    this.position = p;
    return p;
  }
}

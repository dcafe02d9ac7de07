/**
 * The other players in the relay mode, from the server's `relay` messages: `players` rows
 * `[id, x, y, aimMilliradians, hp, seq]` (only the players in my view that reported since the
 * last flush), `gone` (left my view). Drawn through the same interpolation as the authoritative
 * mode's remotes (interpolation.ts), the report's seq standing in for the tick. A player who
 * stood still sends nothing: before the next report, the last one is held until just before it
 * arrived, so the player does not creep across the whole silence.
 */
import { Interpolator, type Snapshot } from "./interpolation.js";

export type RelayRow = [id: string, x: number, y: number, aimMilliradians: number, hp: number, seq: number];
export interface RelayMessage {
  players: RelayRow[];
  shots: [id: string, x: number, y: number, aimMilliradians: number, range: number][];
  gone: string[];
}

export class RelayedPlayers {
  private readonly tracks = new Interpolator();
  private readonly last = new Map<string, Snapshot & { hp: number }>();

  /** `gapMs`: a report later than this after the previous one ends a silence (about two report intervals). */
  constructor(private readonly gapMs = 70) {}

  /** Applies a relay message received at `now`; returns the ids whose health dropped (hit feedback). */
  apply(m: Pick<RelayMessage, "players" | "gone">, now: number): string[] {
    const hurt: string[] = [];
    for (const [id, x, y, aim, hp, seq] of m.players) {
      const prev = this.last.get(id);
      if (prev && seq <= prev.tick) continue; // stale
      if (prev && now - prev.at > this.gapMs) this.tracks.push(id, { ...prev, at: now - this.gapMs / 2, tick: prev.tick + 0.5 });
      const snap = { at: now, tick: seq, x, y, aim: aim / 1000, alive: hp > 0 };
      this.tracks.push(id, snap);
      this.last.set(id, { ...snap, hp });
      if (prev && hp < prev.hp) hurt.push(id);
    }
    for (const id of m.gone) this.forget(id);
    return hurt;
  }

  /**
   * `id` was killed (the server's `kill`): drawn dead from now on, until its first report after the
   * respawn (a higher seq) brings it back. A dead player sends no reports, so nothing else would.
   */
  killed(id: string, now: number): void {
    const prev = this.last.get(id);
    if (!prev || !prev.alive) return;
    const dead = { ...prev, at: now, tick: prev.tick + 0.5, alive: false, hp: 0 };
    this.tracks.push(id, dead);
    this.last.set(id, dead);
  }

  forget(id: string): void {
    this.tracks.forget(id);
    this.last.delete(id);
  }

  ids(): string[] {
    return this.tracks.ids();
  }

  /** The newest reported position (what the server holds) of `id`. */
  latest(id: string): { x: number; y: number; hp: number; alive: boolean } | undefined {
    return this.last.get(id);
  }

  /** Where each is drawn at `now` (interpolated ~100 ms in the past). */
  sample(now: number): { id: string; x: number; y: number; aim: number; alive: boolean }[] {
    const out = [];
    for (const id of this.tracks.ids()) {
      const s = this.tracks.sample(id, now);
      if (s) out.push({ id, x: s.x, y: s.y, aim: s.aim, alive: s.alive });
    }
    return out;
  }
}

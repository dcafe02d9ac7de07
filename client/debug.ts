/**
 * `window.__statecraft`: a read-only view of what the client is doing, for browser tests and for
 * people poking at the console. Scenes report into it; nothing reads it back.
 *
 *   window.__statecraft.scene       "lobby" — key of the scene in front (null while booting)
 *   window.__statecraft.user        {id, name} | null — the signed-in guest
 *   window.__statecraft.roomKinds   number of room kinds served by GET /api/rooms (null before loaded)
 *   window.__statecraft.kinds       their names
 *   window.__statecraft.openRooms   number of open rooms the live lobby feed lists
 *   window.__statecraft.lobby       lobby feed status: "idle" | "connecting" | "live" | "reconnecting"
 *   window.__statecraft.room        {roomId, kind, sessionId} | null — the room being played
 */
import type Phaser from "phaser";

export interface DebugSnapshot {
  scene: string | null;
  user: { id: string; name: string } | null;
  roomKinds: number | null;
  kinds: string[];
  openRooms: number;
  lobby: string;
  room: { roomId: string; kind: string; sessionId: string } | null;
}

export class DebugHook {
  private data: Omit<DebugSnapshot, "scene"> = {
    user: null,
    roomKinds: null,
    kinds: [],
    openRooms: 0,
    lobby: "idle",
    room: null,
  };
  private game: Phaser.Game | null = null;

  update(patch: Partial<Omit<DebugSnapshot, "scene">>): void {
    this.data = { ...this.data, ...patch };
  }

  snapshot(): DebugSnapshot {
    return { scene: this.frontScene(), ...structuredClone(this.data) };
  }

  /** Installs `window.__statecraft` with live getters. */
  install(target: Window, game: Phaser.Game): void {
    this.game = game;
    const hook = {} as Record<string, unknown>;
    for (const key of ["scene", "user", "roomKinds", "kinds", "openRooms", "lobby", "room"] as const) {
      Object.defineProperty(hook, key, { enumerable: true, get: () => this.snapshot()[key] });
    }
    Object.defineProperty(hook, "snapshot", { value: () => this.snapshot() });
    Object.defineProperty(target, "__statecraft", { value: Object.freeze(hook), configurable: true });
  }

  private frontScene(): string | null {
    const active = this.game?.scene.getScenes(true) ?? [];
    // getScenes(true) lists running scenes, last = drawn on top
    const top = active[active.length - 1];
    return top ? top.scene.key : null;
  }
}

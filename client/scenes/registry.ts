/**
 * Which Phaser scene plays which room kind.
 *
 * A room kind's client lives in `client/scenes/<kind>/` and is registered in ONE place,
 * `client/scenes/index.ts`, with `registry.registerRoomScene(kind, sceneKey, SceneClass)`. When the
 * player joins a room of that kind, the lobby starts the scene with {@link RoomSceneData}; the scene
 * goes back with `this.scene.start("lobby")` (extending {@link RoomScene} does the bookkeeping).
 */
import type Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import type { Connection } from "../net/connection.js";

/** What the lobby passes to a room scene: `this.scene.start(sceneKey, data)`. */
export interface RoomSceneData {
  /** The joined room (already connected; its "error" messages already go to toasts). */
  room: Room;
  /** The room kind, e.g. "chess". */
  kind: string;
  connection: Connection;
  /** The join options the lobby used, when they matter to the scene (e.g. `{spectate: true}`). */
  joinOptions?: Record<string, unknown>;
  /** The room's own page a room link named after the room id (e.g. the store's `product/<id>`). */
  view?: string;
}

/** A Phaser scene class whose constructor takes no arguments (Phaser constructs it). */
export type RoomSceneClass = new () => Phaser.Scene;

/** A join option the lobby lets the player pick before Create / Quick play (e.g. chess time control). */
export interface LobbyChoice {
  option: string; // join option name, e.g. "timeControl"
  label: string; // shown next to the picker
  values: readonly string[];
  default: string;
}

export interface RoomSceneOptions {
  lobbyChoices?: readonly LobbyChoice[];
  /**
   * For kinds whose pages do not belong to one room (the store: any store room shows any product):
   * true when `view` (the part of a room link after the room id) is such a page. A link to it whose
   * room has closed then opens the kind's room (joinOrCreate) at that page instead of failing.
   */
  servesPage?: (view: string) => boolean;
}

export interface RoomSceneEntry {
  kind: string;
  sceneKey: string;
  sceneClass: RoomSceneClass;
  lobbyChoices: readonly LobbyChoice[];
  servesPage?: (view: string) => boolean;
}

/** Scene keys the platform uses; a room scene may not take them. */
export const RESERVED_SCENE_KEYS: readonly string[] = ["boot", "preload", "lobby"];

export class RoomSceneRegistry {
  private readonly byKind = new Map<string, RoomSceneEntry>();

  /**
   * Registers the scene that plays rooms of `kind`. Registering a kind or a scene key twice is a
   * programming mistake and throws at start-up, not in the middle of a game.
   */
  registerRoomScene(kind: string, sceneKey: string, sceneClass: RoomSceneClass, options: RoomSceneOptions = {}): void {
    if (this.byKind.has(kind)) throw new Error(`room kind "${kind}" already has a scene`);
    if (RESERVED_SCENE_KEYS.includes(sceneKey)) throw new Error(`scene key "${sceneKey}" is reserved`);
    for (const entry of this.byKind.values()) {
      if (entry.sceneKey === sceneKey) throw new Error(`scene key "${sceneKey}" is already used by "${entry.kind}"`);
    }
    for (const c of options.lobbyChoices ?? []) {
      if (!c.values.includes(c.default)) throw new Error(`lobby choice "${c.option}" of "${kind}": default is not one of its values`);
    }
    this.byKind.set(kind, { kind, sceneKey, sceneClass, lobbyChoices: options.lobbyChoices ?? [], ...(options.servesPage ? { servesPage: options.servesPage } : {}) });
  }

  /** The scene for `kind`, or undefined when this client has none. */
  lookup(kind: string): RoomSceneEntry | undefined {
    return this.byKind.get(kind);
  }

  /** The kind whose rooms all serve the page `view` (RoomSceneOptions.servesPage), or undefined. */
  kindServingPage(view: string): string | undefined {
    for (const entry of this.byKind.values()) if (entry.servesPage?.(view)) return entry.kind;
    return undefined;
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  entries(): RoomSceneEntry[] {
    return [...this.byKind.values()];
  }
}

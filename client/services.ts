/**
 * What the scenes share: built once in main.ts and kept in the game's registry, so scenes that
 * Phaser constructs itself (room scenes) reach them with `servicesOf(this)`.
 */
import type Phaser from "phaser";
import type { Api } from "./net/api.js";
import type { Connection } from "./net/connection.js";
import type { SessionStore } from "./net/session.js";
import type { RoomSceneRegistry } from "./scenes/registry.js";
import type { Toaster } from "./ui/toast.js";
import type { DebugHook } from "./debug.js";

export interface Services {
  api: Api;
  session: SessionStore;
  connection: Connection;
  roomScenes: RoomSceneRegistry;
  toaster: Toaster;
  debug: DebugHook;
  /** The DOM layer over the canvas where scenes mount their panels. */
  uiRoot: HTMLElement;
}

const KEY = "statecraft.services";

export function provideServices(game: Phaser.Game, services: Services): void {
  game.registry.set(KEY, services);
}

export function servicesOf(scene: Phaser.Scene): Services {
  const services = scene.game.registry.get(KEY) as Services | undefined;
  if (!services) throw new Error("services were not provided to the game (main.ts)");
  return services;
}

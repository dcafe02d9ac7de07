/**
 * Builds the shared services (HTTP API, guest session, the Colyseus connection to this page's
 * origin, the room-scene registry, toasts, the debug hook) and starts Phaser with the platform
 * scenes (boot → preload → lobby) plus every registered room scene.
 *
 * `main.ts` calls it with the scenes of scenes/index.ts; the browser tests build a second entry
 * that adds a test kind's scene through `options.registerRoomScenes`.
 */
import Phaser from "phaser";
import { DebugHook } from "./debug.js";
import { Api } from "./net/api.js";
import { Connection, endpointFromLocation } from "./net/connection.js";
import { parseRoomLink, shownRoom } from "./net/roomLink.js";
import { SessionStore } from "./net/session.js";
import { BootScene } from "./scenes/BootScene.js";
import { createRoomSceneRegistry, extraScenes } from "./scenes/index.js";
import { LobbyScene } from "./scenes/LobbyScene.js";
import { PreloadScene } from "./scenes/PreloadScene.js";
import type { RoomSceneClass, RoomSceneRegistry } from "./scenes/registry.js";
import { provideServices, type Services } from "./services.js";
import { requireElement } from "./ui/dom.js";
import { COLORS } from "./ui/theme.js";
import { Toaster } from "./ui/toast.js";

export interface ClientOptions {
  /** Registers more room scenes after those of scenes/index.ts. */
  registerRoomScenes?: (registry: RoomSceneRegistry) => void;
  /** More non-entry scenes (overlays, HUDs). */
  extraScenes?: RoomSceneClass[];
}

export function startClient(options: ClientOptions = {}): Phaser.Game {
  const api = new Api();
  const roomScenes = createRoomSceneRegistry();
  options.registerRoomScenes?.(roomScenes);
  const toaster = new Toaster(requireElement("toasts"));
  const services: Services = {
    api,
    session: new SessionStore(api, browserStorage()),
    connection: new Connection(endpointFromLocation(window.location)),
    roomScenes,
    toaster,
    debug: new DebugHook(),
    uiRoot: requireElement("ui"),
  };

  // Every room's refusals ({code, message} sent as an "error" message) become toasts.
  services.connection.onRoomError(({ error }) => toaster.error(error));

  // A room link typed or pasted into the address bar of an open page (scenes write theirs with
  // replaceState, which fires no hashchange): start over from it, as a fresh page would.
  window.addEventListener("hashchange", () => {
    if (!window.location.hash.startsWith("#/")) return;
    // Back/Forward between the pages of the room the page is in (the store's product, cart): its scene follows
    if (parseRoomLink(window.location.hash)?.roomId === shownRoom()) return;
    window.location.reload(); // a malformed one is explained after the reload
  });

  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent: "game",
    title: "Statecraft",
    backgroundColor: COLORS.background,
    banner: false,
    scale: {
      mode: Phaser.Scale.RESIZE,
      parent: "game",
      width: "100%",
      height: "100%",
    },
    render: { antialias: true },
    scene: [
      BootScene,
      PreloadScene,
      LobbyScene,
      ...roomScenes.entries().map((e) => e.sceneClass),
      ...extraScenes,
      ...(options.extraScenes ?? []),
    ],
  });

  // A room scene's key comes from its own constructor; check it matches the registered one.
  game.events.once(Phaser.Core.Events.READY, () => {
    for (const entry of roomScenes.entries()) {
      if (!game.scene.getScene(entry.sceneKey)) {
        console.error(`room kind "${entry.kind}": registered scene key "${entry.sceneKey}" is not the key its class declares`);
      }
    }
  });

  provideServices(game, services);
  services.debug.install(window, game);
  return game;
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked (some privacy modes): sessions last for the page only
  }
}

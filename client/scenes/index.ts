/**
 * THE place where room kinds plug their browser client in.
 *
 * To add the client of a room kind `<kind>`:
 *   1. write its scene(s) under `client/scenes/<kind>/`, e.g. `client/scenes/chess/ChessScene.ts`;
 *      the main scene should extend `RoomScene` (./RoomScene.ts): it receives `{room, kind, connection}`
 *      in `this.room` / `this.kind` / `this.connection`, and `this.backToLobby()` leaves the room and
 *      returns to the lobby (or call `this.scene.start("lobby")` yourself after `room.leave()`).
 *   2. import it below and add one line:
 *        registry.registerRoomScene("chess", "chess", ChessScene);
 *      (room kind as in the spec's `name`, a unique Phaser scene key, the scene class), optionally
 *      with `{lobbyChoices}`: join options the lobby lets the player pick (chess: the time control;
 *      shooter: the mode).
 * Helper scenes a kind needs (HUD overlays, …) go in `extraScenes` so Phaser knows them.
 *
 * A kind that the server offers but that has no line here still shows in the lobby, with its
 * buttons disabled and "no browser client yet"; joining one by id leaves it again with a message.
 */
import { ChessScene } from "./chess/ChessScene.js";
import { StoreScene } from "./store/StoreScene.js";
import { viewOfLink } from "./store/viewLink.js";
import { PitScene } from "./pit/PitScene.js";
import { ShooterScene } from "./shooter/ShooterScene.js";
import { PlazaScene } from "./plaza/PlazaScene.js";
import type { RoomSceneClass } from "./registry.js";
import { TIME_CONTROLS } from "../../shared/chess/timeControl.js";
import { INSTRUMENTS } from "../../shared/pit/instruments.js";
import { SHOOTER_MODES } from "../../shared/shooter/spec.js";
import { RoomSceneRegistry } from "./registry.js";

export function registerRoomScenes(registry: RoomSceneRegistry): void {
  registry.registerRoomScene("chess", "chess", ChessScene, {
    lobbyChoices: [{ option: "timeControl", label: "Time", values: TIME_CONTROLS, default: "5+3" }],
  });
  // any store room shows any product: a product link outlives the room it was copied in
  registry.registerRoomScene("store", "store", StoreScene, { servesPage: (view) => viewOfLink(view).name !== "grid" });
  registry.registerRoomScene("pit", "pit", PitScene, {
    lobbyChoices: [{ option: "symbol", label: "Market", values: INSTRUMENTS.map((i) => i.symbol), default: INSTRUMENTS[0]?.symbol ?? "ACME" }],
  });
  registry.registerRoomScene("shooter", "shooter", ShooterScene, {
    // authoritative: the server simulates; relay: each client simulates itself (docs/protocol.md)
    lobbyChoices: [{ option: "mode", label: "Mode", values: SHOOTER_MODES, default: "authoritative" }],
  });
  registry.registerRoomScene("plaza", "plaza", PlazaScene);
}

/** Scenes that are not the entry scene of a kind but must be added to the game (overlays, HUDs). */
export const extraScenes: RoomSceneClass[] = [];

export function createRoomSceneRegistry(): RoomSceneRegistry {
  const registry = new RoomSceneRegistry();
  registerRoomScenes(registry);
  return registry;
}

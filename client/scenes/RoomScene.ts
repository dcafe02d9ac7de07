/**
 * Base class for the main scene of a room kind. It receives the joined room from the lobby and does
 * the bookkeeping every room scene needs:
 * - `this.room`, `this.kind`, `this.connection` are set before `create()` runs;
 * - a dropped connection shows "reconnecting…" (the SDK retries with back-off) and hides it again;
 * - when the room is gone for good (kicked, server restarted past the retries), the player is told
 *   why and taken back to the lobby;
 * - `this.backToLobby()` leaves the room and returns; leaving the scene any other way also leaves
 *   the room, so no seat is ever left behind;
 * - `this.mountPanel(el)` puts a DOM panel (built with ui/dom.ts `h`) over the canvas for the
 *   life of the scene — forms and buttons read better in DOM than drawn on the canvas;
 * - the address bar shows the room's link (`#/join/<roomId>`, `#/watch/…` for a spectator), to
 *   share it; opening it (or reloading) comes back to this room through the lobby (net/roomLink.ts).
 * A subclass that overrides `init` must call `super.init(data)`.
 */
import Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import type { Connection } from "../net/connection.js";
import { servicesOf } from "../services.js";
import { mountOverlay } from "../ui/overlay.js";
import { parseRoomLink, showRoomLink } from "../net/roomLink.js";
import type { RoomSceneData } from "./registry.js";

/** WebSocket close code of a leave the player asked for (Colyseus CloseCode.CONSENTED). */
const CONSENTED = 4000;

export abstract class RoomScene<State = any> extends Phaser.Scene {
  protected room!: Room<any, State>;
  protected kind!: string;
  protected connection!: Connection;
  private leaving = false;
  private watching = false;
  private linkView: string | undefined;

  init(data: RoomSceneData): void {
    this.room = data.room as Room<any, State>;
    this.kind = data.kind;
    this.connection = data.connection;
    this.leaving = false;
    const { toaster, debug } = servicesOf(this);
    const room = this.room;
    debug.update({ room: { roomId: room.roomId, kind: this.kind, sessionId: room.sessionId } });
    const watching = data.joinOptions?.spectate === true || (data as { spectate?: unknown }).spectate === true;
    this.watching = watching;
    this.linkView = data.view;
    showRoomLink({ roomId: room.roomId, watch: watching });
    // the browser's Back button (the entry before this room's link is the lobby's): leave for the lobby
    const onPopState = (): void => {
      const link = parseRoomLink(location.hash);
      if (room !== this.room || !this.scene.isActive()) return;
      if (link?.roomId === room.roomId) return this.onViewLink(link.view); // Back/Forward between the room's own pages
      const question = this.leaveQuestion();
      if (question !== null && !window.confirm(question)) {
        showRoomLink({ roomId: room.roomId, watch: watching }); // stay: the room's link (and a Back entry) again
        return;
      }
      void this.backToLobby();
    };
    window.addEventListener("popstate", onPopState);

    room.onDrop(() => toaster.showBanner("Connection lost — reconnecting…"));
    room.onReconnect(() => {
      toaster.hideBanner();
      toaster.show("Reconnected.", { kind: "success" });
      this.onReconnected();
    });
    room.onLeave((code, reason) => {
      if (room !== this.room) return; // a room this scene already left (it restarted with another)
      toaster.hideBanner();
      if (this.leaving) return;
      if (this.onRoomLost(code, reason)) return; // the scene took over (e.g. rejoins after a restart)
      if (code === CONSENTED) {
        // closed on purpose by the server (this.leaving is false): the same user joined from
        // another tab or device, which has the seat now
        toaster.show(reason || "This room continues in another window.", { kind: "info" });
      } else {
        toaster.show(reason ? `You left the room: ${reason}` : `The room closed the connection (code ${code}).`, { kind: "error" });
      }
      this.leaving = true;
      if (this.scene.isActive()) this.scene.start("lobby");
    });
    // create() has registered the scene's handlers: deliver what the room sent since the join
    this.events.once(Phaser.Scenes.Events.CREATE, () => this.connection.release(room));
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      window.removeEventListener("popstate", onPopState);
      debug.update({ room: null });
      if (!this.leaving) {
        this.leaving = true;
        void room.leave(true).catch(() => undefined);
      }
    });
  }

  /**
   * The room's own page the link named when the scene started (`…/#/join/<roomId>/<view>`, e.g. the
   * store's `product/<id>`), or undefined.
   */
  protected initialView(): string | undefined {
    return this.linkView;
  }

  /** Puts the room's page `view` in the address bar; `push` adds a history entry (Back returns here). */
  protected showView(view: string | undefined, push: boolean): void {
    showRoomLink({ roomId: this.room.roomId, watch: this.watching, ...(view ? { view } : {}) }, push);
  }

  /** Back/Forward (or a typed link) moved to another page of this room. Scenes with pages show it. */
  protected onViewLink(_view: string | undefined): void {}

  /** Shows `element` over the canvas until the scene shuts down; returns a function removing it early. */
  protected mountPanel(element: HTMLElement): () => void {
    return mountOverlay(this, servicesOf(this).uiRoot, element);
  }

  /**
   * Asked (the browser's confirm) before the Back button leaves the room; null leaves at once. A
   * scene whose in-page "Lobby" button asks first (chess during a game) asks the same here.
   */
  protected leaveQuestion(): string | null {
    return null;
  }

  /** Leaves the room and returns to the lobby. */
  protected async backToLobby(): Promise<void> {
    if (!this.leaving) {
      this.leaving = true;
      // don't hang on a dead socket: the lobby is more useful than a clean goodbye
      await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((r) => setTimeout(r, 1500))]);
    }
    this.scene.start("lobby");
  }

  /**
   * The room closed this connection (not a leave the player asked for). Return true to handle it
   * yourself — e.g. a game that will be rebuilt after a server restart rejoins by id — and the
   * base class neither toasts nor returns to the lobby.
   */
  protected onRoomLost(_code: number, _reason?: string): boolean {
    return false;
  }

  /**
   * The SDK reconnected to the same session after a drop (within the kind's reconnection window).
   * The state resynchronizes by itself; messages sent while the connection was down are lost, so a
   * scene that builds its view from messages asks for a fresh picture here.
   */
  protected onReconnected(): void {}
}

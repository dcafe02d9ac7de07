/**
 * The chess room's scene (lichess-like): the board (BoardView), the panel (ChessPanel) and the
 * glue to the room — state patches in, commands out — per docs/protocol.md `chess`.
 *
 * - The board shows `state.fen`; a move the player makes is shown at once (optimistically) and sent
 *   as `move {from, to, promotion?, ply}` with `ply` = the number of plies seen; the next patch
 *   confirms it, a rejection (`error {code, message}`: toast + red flash) takes it back.
 * - Clocks tick locally from `whiteMs/blackMs` at `clockSyncedAt` (clockSync.ts).
 * - Leaving this room for another one (time control, private game, watching, rematch) restarts the
 *   scene with the new room; a lost room of a game in progress (server restart) is re-joined by id
 *   with back-off (rejoin.ts) while the board stays up saying "reconnecting…".
 */
import Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import type { ChessState } from "../../../shared/chess/schema.js";
import type { Rejection } from "../../../shared/core/errors.js";
import type { JoinResult } from "../../net/connection.js";
import { servicesOf, type Services } from "../../services.js";
import type { RoomSceneData } from "../registry.js";
import { RoomScene } from "../RoomScene.js";
import { BoardView } from "./BoardView.js";
import { ChessPanel, type ChessCommand } from "./ChessPanel.js";
import { debugViewOf, installChessDebug, type ChessDebugView } from "./chessDebug.js";
import type { Color } from "../../../shared/chess/color.js";
import { ChessSounds, LOW_TIME_MS, soundFor } from "./sounds.js";
import { GameModel } from "./gameModel.js";
import { computeLayout } from "./layout.js";
import { PieceTextures } from "./pieceTextures.js";
import type { MoveIntent, Square } from "./position.js";
import { rejoinGame } from "./rejoin.js";
import { noticeFor } from "./notices.js";
import { roomLinkUrl } from "../../net/roomLink.js";
import { takeSnapshot } from "./snapshot.js";
import "./chess.css";

/** What the lobby passes (RoomSceneData), plus how this scene joined when it joined itself. */
export interface ChessSceneData extends RoomSceneData {
  spectate?: boolean; // joined with {spectate: true}
  privateRoom?: boolean; // created with {private: true}
}

/** Colyseus CloseCode.CONSENTED: a leave that was asked for (by us, or by the server on purpose). */
const CONSENTED = 4000;

export class ChessScene extends RoomScene<ChessState> {
  private services!: Services;
  private drawDeclinedAt: { gameId: string; ply: number } | null = null;
  private answeredRematch = false;
  private spectate = false;
  private privateRoom = false;
  private alive = false;
  private switching = false; // leaving this room on purpose
  private busy = false; // a join is in flight
  private link: "live" | "dropped" | "rejoining" = "live";
  private model = new GameModel({ userId: null, spectating: false });
  private board!: BoardView;
  private panel!: ChessPanel;
  private pieceTextures!: PieceTextures;
  private uninstallDebug: () => void = () => undefined;
  private readonly sounds = new ChessSounds();
  private lowTimeWarned = ""; // game id whose low-time tick was played

  constructor() {
    super({ key: "chess" });
  }

  override init(data: ChessSceneData): void {
    super.init(data);
    this.spectate = data.spectate === true || data.joinOptions?.spectate === true;
    this.privateRoom = data.privateRoom === true;
    this.switching = false;
    this.busy = false;
    this.link = "live";
  }

  create(): void {
    this.services = servicesOf(this);
    this.alive = true;
    this.model = new GameModel({ userId: this.services.session.current()?.user.id ?? null, spectating: this.spectate });
    this.pieceTextures = new PieceTextures(this.textures);
    this.board = new BoardView(this, this.pieceTextures, {
      move: (intent) => this.playMove(intent),
      premove: (intent) => {
        this.model.setPremove(intent);
        this.render();
      },
      cancelPremove: () => {
        this.model.cancelPremove();
        this.render();
      },
    });
    this.panel = new ChessPanel({
      command: (type) => this.command(type),
      claimAbandonDraw: () => this.command("claimDraw"),
      flip: () => {
        this.model.flip();
        this.render();
      },
      toggleSound: () => {
        this.sounds.toggle();
        this.render();
      },
      lobby: () => {
        this.switching = true;
        void this.backToLobby();
      },
      viewPly: (ply) => this.viewPly(ply),
      timeControl: (tc) => void this.switchRoom(() => this.joinNew(tc, this.privateRoom), { privateRoom: this.privateRoom }),
      privacy: (makePrivate) => void this.switchRoom(() => this.joinNew(this.model.snapshot?.timeControl ?? "5+3", makePrivate), { privateRoom: makePrivate }),
      copyId: () => this.copyGameId(),
      copyLink: () => this.copyGameLink(),
      watch: (id) => void this.switchRoom(() => this.connection.joinById(id, { spectate: true }), { spectate: true }),
    });
    this.mountPanel(this.panel.element);

    // ← → step through the moves, ↑ / Home the start, ↓ / End back to the live position (not while typing)
    const keyboard = this.input.keyboard;
    const step = (to: "back" | "forward" | "start" | "live") => (event: KeyboardEvent) => {
      if (!(event.target instanceof HTMLInputElement)) this.viewPly(this.model.stepFrom(to));
    };
    keyboard?.on("keydown-LEFT", step("back"));
    keyboard?.on("keydown-RIGHT", step("forward"));
    keyboard?.on("keydown-UP", step("start"));
    keyboard?.on("keydown-DOWN", step("live"));
    keyboard?.on("keydown-HOME", step("start"));
    keyboard?.on("keydown-END", step("live"));

    const onResize = (): void => this.applyLayout();
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    this.applyLayout();

    const room = this.room;
    room.onStateChange((state) => this.onState(room, state));
    room.onMessage("error", (e: unknown) => this.onRejection(e as Rejection));
    room.onDrop(() => this.setLink(room, "dropped"));
    room.onReconnect(() => this.setLink(room, "live"));
    if (room.state && typeof room.state.fen === "string" && room.state.fen !== "") {
      this.onState(room, room.state, this.connection.stateReceivedAt(room)); // arrived before this scene started
    }
    void this.fetchServerDate();

    this.uninstallDebug = installChessDebug(window, {
      view: () => this.debugView(),
      squareCenter: (sq) => this.pageCenter(sq),
      pieceCenter: (sq) => this.pageCenter(sq, true),
    });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.alive = false;
      keyboard?.off("keydown-LEFT").off("keydown-RIGHT").off("keydown-UP").off("keydown-DOWN").off("keydown-HOME").off("keydown-END");
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      this.uninstallDebug();
      this.board.destroy();
      this.panel.destroy();
    });
  }

  override update(): void {
    const now = Date.now();
    const clocks = this.model.clocks(now);
    if (clocks) {
      this.panel.tick(clocks);
      this.warnLowTime(clocks);
    }
    if (this.link === "live" && this.model.expirePending(now)) this.render();
  }

  // ---- state in ------------------------------------------------------------------------------

  private onState(room: Room, state: ChessState, receivedAt = Date.now()): void {
    if (room !== this.room || !this.alive) return;
    const before = this.model.snapshot;
    this.model.update(takeSnapshot(state), receivedAt);
    const s = this.model.snapshot!;
    const sound = soundFor(before, s);
    if (sound) this.sounds.play(sound);
    const notice = noticeFor(before, s, this.model.view?.myColor ?? null, this.answeredRematch);
    if (s.rematchOfferBy === "" && before?.rematchOfferBy) this.answeredRematch = false;
    if (notice) this.services.toaster.show(notice, { kind: "info" });
    const me = this.model.view?.myColor;
    if (notice && me && before?.drawOfferBy === me && s.drawOfferBy === "") this.drawDeclinedAt = { gameId: s.gameId, ply: s.moves.length };
    const spectating = this.spectate;
    if (s.nextGameId && !this.switching && !this.busy && (this.model.view?.myColor || spectating)) {
      const next = s.nextGameId; // the rematch: players and watchers follow it
      void this.switchRoom(() => this.connection.joinById(next, spectating ? { spectate: true } : {}), { spectate: spectating });
    }
    this.playPremove();
    this.render();
  }

  /** One tick when the viewer's own running clock drops under LOW_TIME_MS (once per game). */
  private warnLowTime(clocks: { whiteMs: number; blackMs: number; running: Color | "" }): void {
    const me = this.model.view?.myColor;
    const gameId = this.model.snapshot?.gameId ?? "";
    if (!me || clocks.running !== me || this.lowTimeWarned === gameId) return;
    if ((me === "white" ? clocks.whiteMs : clocks.blackMs) < LOW_TIME_MS) {
      this.lowTimeWarned = gameId;
      this.sounds.play("lowTime");
    }
  }

  /** The opponent moved: a queued premove is played now, or dropped silently if it is no longer legal. */
  private playPremove(): void {
    if (this.link !== "live" || this.busy) return;
    const intent = this.model.takePremove();
    if (!intent) return;
    const payload = this.model.propose(intent, Date.now());
    if (payload) this.room.send("move", payload);
  }

  /** The Back button asks what the panel's Lobby button asks: a player leaving a game in play. */
  protected override leaveQuestion(): string | null {
    const { snapshot: s, view: v } = this.model;
    return s && v?.myColor && s.status === "playing" ? "Leave the game? Your clock keeps running." : null;
  }

  private render(): void {
    const { snapshot: s, view: v } = this.model;
    const shown = this.model.shown();
    if (!s || !v || !shown) return;
    const orientation = this.model.orientation;
    const live = this.link === "live" && !this.busy;
    const movable = this.model.canMove() && live;
    const premoveAs = live ? this.model.premoveColor() : null;
    this.board.setModel({ position: shown.position, lastMove: shown.lastMove, orientation, movable, premoveAs, premove: this.model.premove });
    this.panel.render({ s, v, orientation, viewing: shown.viewing, privateRoom: this.privateRoom, busy: this.busy, connection: this.link, sound: this.sounds.enabled, drawDeclined: this.drawDeclinedAt?.gameId === s.gameId && this.drawDeclinedAt.ply === s.moves.length });
  }

  private onRejection(e: Rejection): void {
    // the toast is shown for every room by the connection (app.ts); here the board takes the move back
    this.model.rejected();
    // the server remembers a declined offer across reloads, the page does not: learn it from the refusal
    const s = this.model.snapshot;
    if (e.code === "DRAW_DECLINED" && s) this.drawDeclinedAt = { gameId: s.gameId, ply: s.moves.length };
    if (e.code !== "SERVER_RESTARTING") this.board.flashError();
    this.render();
  }

  private setLink(room: Room, link: "live" | "dropped"): void {
    if (room !== this.room || !this.alive) return;
    this.link = link;
    const unconfirmed = link === "live" ? this.model.resendable() : null;
    if (unconfirmed) room.send("move", unconfirmed); // lost with the connection, or not: ply makes it safe
    this.render();
  }

  // ---- commands out --------------------------------------------------------------------------

  private playMove(intent: MoveIntent): void {
    const payload = this.model.propose(intent, Date.now());
    if (!payload) {
      this.board.flashError();
      return;
    }
    this.room.send("move", payload);
    this.render();
  }

  private command(type: ChessCommand): void {
    if (this.link !== "live") return;
    if (type === "declineRematch") this.answeredRematch = true; // the offer vanishing is my doing: no notice
    this.room.send(type);
  }

  private viewPly(ply: number | null): void {
    this.model.viewPly(ply);
    this.render();
  }

  // ---- changing rooms ------------------------------------------------------------------------

  private joinNew(timeControl: string, makePrivate: boolean): Promise<JoinResult> {
    return makePrivate
      ? this.connection.create("chess", { timeControl, private: true })
      : this.connection.joinOrCreate("chess", { timeControl });
  }

  /** Joins another room and restarts the scene with it; the old room is left on the way out. */
  private async switchRoom(join: () => Promise<JoinResult>, extra: { spectate?: boolean; privateRoom?: boolean }): Promise<void> {
    if (this.busy || this.switching) return;
    this.busy = true;
    this.render();
    const result = await join();
    this.busy = false;
    if (!this.alive) {
      if (result.ok) void result.value.leave(true).catch(() => undefined);
      return;
    }
    if (!result.ok) {
      this.services.toaster.error(result.error);
      this.render();
      return;
    }
    this.restartWith(result.value, extra);
  }

  private restartWith(room: Room, extra: { spectate?: boolean; privateRoom?: boolean }): void {
    this.switching = true;
    const data: ChessSceneData = { room, kind: room.name, connection: this.connection, ...extra };
    this.scene.restart(data); // shutting down leaves the old room (RoomScene)
  }

  /**
   * The room closed this connection (RoomScene asks before going back to the lobby). A game in
   * progress comes back after a server restart, so the scene stays and re-joins it by id.
   */
  protected override onRoomLost(code: number, reason?: string): boolean {
    if (!this.alive || this.switching) return true;
    const { toaster } = this.services;
    if (code === CONSENTED) {
      // closed on purpose by the server: this player opened the game on another connection
      this.switching = true;
      toaster.show(reason || "This game continues in another window.", { kind: "info" });
      this.scene.start("lobby");
      return true;
    }
    if (this.model.snapshot?.status !== "playing") return false; // waiting rooms and finished games are not rebuilt
    void this.rejoin(this.room.roomId);
    return true;
  }

  private async rejoin(gameId: string): Promise<void> {
    this.link = "rejoining";
    this.render();
    const { toaster, session } = this.services;
    const room = await rejoinGame({
      gameId,
      joinOptions: this.spectate ? { spectate: true } : {},
      connection: this.connection,
      session,
      toaster,
      alive: () => this.alive,
    });
    if (!this.alive) return;
    if (room) {
      this.restartWith(room, { spectate: this.spectate, privateRoom: this.privateRoom });
    } else {
      this.switching = true;
      this.scene.start("lobby");
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private applyLayout(): void {
    const layout = computeLayout(this.scale.width, this.scale.height);
    this.board.setLayout(layout.board);
    this.panel.setLayout(layout.panel, layout.compact);
    void this.pieceTextures.render(this.board.pieceSize).then((changed) => changed && this.alive && this.board.refreshPieces());
  }

  private copyGameId(): void {
    const id = this.model.snapshot?.gameId ?? this.room.roomId;
    this.copy(id, `Game id ${id} copied.`, `Game id: ${id}`);
  }

  private copyGameLink(): void {
    const url = roomLinkUrl(location.origin, { roomId: this.model.snapshot?.gameId ?? this.room.roomId, watch: false });
    this.copy(url, "Invitation link copied.", `Invitation link: ${url}`);
  }

  private copy(text: string, copied: string, shown: string): void {
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(text).then(
        () => this.services.toaster.show(copied, { kind: "success" }),
        () => this.services.toaster.show(shown, { durationMs: 10_000 }),
      );
    } else {
      this.services.toaster.show(shown, { durationMs: 10_000 }); // no clipboard on plain-http LAN pages
    }
  }

  /** Samples the server's clock from an HTTP Date header (guards against a stale join state). */
  private async fetchServerDate(): Promise<void> {
    try {
      const response = await fetch("/health", { method: "HEAD", cache: "no-store" });
      const date = response.headers.get("date");
      if (date) this.model.observeDateHeader(Date.parse(date), Date.now());
    } catch {
      // offline: the patches alone will do
    }
  }

  /** Page (CSS pixel) centre of a square, or with `piece` of the piece image drawn on it. */
  private pageCenter(square: string, piece = false): { x: number; y: number } | null {
    if (!this.alive || !/^[a-h][1-8]$/.test(square)) return null;
    const c = piece ? this.board.pieceCenter(square as Square) : this.board.squareCenter(square as Square);
    if (!c) return null;
    const rect = this.game.canvas.getBoundingClientRect();
    return { x: rect.left + (c.x * rect.width) / this.scale.width, y: rect.top + (c.y * rect.height) / this.scale.height };
  }

  private debugView(): ChessDebugView | null {
    const { snapshot, view } = this.model;
    if (!this.alive || !snapshot || !view) return null;
    const clocks = this.model.clocks(Date.now());
    return debugViewOf(snapshot, view, {
      spectate: this.spectate,
      orientation: this.model.orientation,
      connection: this.link,
      pending: this.model.pendingSan,
      premove: this.model.premove?.join("") ?? null,
      promoting: this.board.promoting,
      clocks: { whiteMs: clocks?.whiteMs ?? 0, blackMs: clocks?.blackMs ?? 0 },
    });
  }
}

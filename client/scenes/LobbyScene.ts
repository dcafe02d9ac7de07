/**
 * The lobby: sign in as a guest (name remembered, changeable), see every room kind the server offers
 * with where its state lives, see the open rooms of each kind with live player counts, and create or
 * join one. Joining hands the room to the scene registered for its kind (scenes/index.ts).
 *
 * Phaser draws the moving backdrop; the panels are DOM (LobbyView) for readable text, real form
 * fields and accessibility. Everything this scene creates is torn down on shutdown: the lobby feed
 * leaves the server's lobby room while a game is being played.
 */
import Phaser from "phaser";
import type { Rejection } from "../../shared/core/errors.js";
import type { JoinResult } from "../net/connection.js";
import { LobbyFeed } from "../net/lobbyFeed.js";
import type { Session } from "../net/session.js";
import { servicesOf, type Services } from "../services.js";
import { Backdrop } from "./lobby/Backdrop.js";
import { LobbyView, type LiveGame } from "./lobby/LobbyView.js";
import { fetchRoomKinds, type RoomKindInfo } from "./lobby/roomKinds.js";
import type { RoomSceneData } from "./registry.js";
import { showRoomLink, takeLinkAtLoad, type RoomLink } from "../net/roomLink.js";
import { rejoinOptions } from "../net/rejoin.js";
import { mostPlayedCategory, type LeaderboardEntry, type PlayerProfile } from "./lobby/chessRecord.js";

/** Join refusals that mean "your token is no good": sign in again and retry once. */
const TOKEN_PROBLEMS = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED", "UNAUTHORIZED"]);
/** The lobby lists this many chess games being played, refreshed this often. */
const LIVE_GAMES_SHOWN = 10;
const LIVE_GAMES_REFRESH_MS = 5000;
/** Was this page load a reload (not a link opened afresh, nor Back/Forward into the app)? */
function pageWasReloaded(): boolean {
  try {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return nav?.type === "reload";
  } catch {
    return false;
  }
}

/** The lobby's chess leaderboard shows the top this many. */
const LEADERBOARD_SHOWN = 10;

export class LobbyScene extends Phaser.Scene {
  private services!: Services;
  private view!: LobbyView;
  private feed!: LobbyFeed;
  private backdrop!: Backdrop;
  private kinds: RoomKindInfo[] | null = null;
  private retry: () => void = () => undefined;
  private joining = false;
  /** The room link the page was opened with, followed once signed in. */
  private pendingLink: RoomLink | null = null;
  private alive = false;
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  /** The standings show this player's record (null: mine) and this leaderboard category (null: the one I play most). */
  private standingsSubject: string | null = null;
  private standingsCategory: string | null = null;
  /** A room link is being followed: the page shows that instead of the lobby. */
  private following = false;

  constructor() {
    super({ key: "lobby" });
  }

  create(): void {
    this.services = servicesOf(this);
    const { uiRoot, connection, debug } = this.services;
    this.alive = true;
    this.joining = false;
    this.kinds = null;
    this.standingsSubject = null;
    this.standingsCategory = null;
    this.following = false;
    this.backdrop = new Backdrop(this);
    const onResize = (size: Phaser.Structs.Size): void => this.backdrop.resize(size.width, size.height);
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);

    this.view = new LobbyView(uiRoot, {
      changeName: () => this.askName(true),
      // a kind with one room per option (a pit per market) refuses a second: that open room is joined
      create: (kind, options) => void this.enterRoom(async () => {
        const created = await connection.create(kind, options);
        if (created.ok || created.error.code !== "ROOM_EXISTS") return created;
        const joined = await connection.joinOrCreate(kind, options);
        // say so: the player asked for a new room and is in the open one
        const what = typeof options.symbol === "string" ? `The ${options.symbol} ${kind}` : `That ${kind} room`;
        if (joined.ok) this.services.toaster.show(`${what} is already open: you joined it.`, { kind: "info" });
        return joined;
      }),
      quickPlay: (kind, options) => void this.enterRoom(() => connection.joinOrCreate(kind, options)),
      join: (roomId) => void this.enterRoom(() => connection.joinById(roomId), roomId),
      joinById: (roomId) => void this.enterRoom(() => connection.joinById(roomId), roomId),
      watchById: (roomId) => void this.enterRoom(() => this.watch(roomId), roomId, { spectate: true }),
      // a game from the standings is usually over and its room closed: ask for it first (no failed join)
      viewGame: (gameId) => void this.enterRoom(async () => (await this.openFinishedGame(gameId)) ?? this.watch(gameId), gameId, { spectate: true }),
      leaderboard: (category) => {
        this.standingsCategory = category;
        void this.refreshStandings();
      },
      showPlayer: (userId) => {
        this.standingsSubject = userId;
        void this.refreshStandings();
      },
      retry: () => this.retry(),
    });

    const linkAtLoad = takeLinkAtLoad(); // before the lobby's bare address replaces it
    // A reload in a room keeps its address while the page rejoins (the room's scene then writes the
    // same entry again), so the history is unchanged: Back still goes to the room's previous page.
    // A link opened afresh gets the lobby's bare address first, and the room's scene adds its entry
    // after it (Back from the room: the lobby).
    if (!(linkAtLoad.link && pageWasReloaded())) showRoomLink(null);
    if (linkAtLoad.malformed) {
      this.services.toaster.show("That link does not name a room (a room link looks like …/#/join/<room id>).", { kind: "error", code: "BAD_LINK" });
    }

    this.feed = new LobbyFeed(connection);
    const stopFeed = this.feed.onChange(() => {
      this.view.setFeedStatus(this.feed.status, this.feed.error);
      const rooms = this.feed.list();
      this.view.setOpenRooms(rooms);
      debug.update({ openRooms: rooms.length, lobby: this.feed.status });
    });

    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.alive = false;
      clearInterval(this.liveTimer);
      this.liveTimer = undefined;
      stopFeed();
      void this.feed.stop();
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      this.backdrop.destroy();
      this.view.destroy();
      debug.update({ lobby: "idle", openRooms: 0 });
    });

    this.pendingLink = linkAtLoad.link;
    void this.start();
  }

  override update(_time: number, delta: number): void {
    this.backdrop.update(delta);
  }

  /** Restores the stored session (or asks for a name), then shows the lobby. */
  private async start(): Promise<void> {
    const { session } = this.services;
    this.retry = () => void this.start();
    this.view.showLoading("Signing in…");
    const restored = await session.restore();
    if (!this.alive) return;
    if (restored === null) return this.askName(false);
    if (restored.ok) return this.signedIn(restored.value);
    if (restored.error.status === 0 || restored.error.status >= 500) {
      this.view.showProblem("Cannot reach the server", restored.error);
      return;
    }
    this.askName(false, restored.error);
  }

  private askName(changing: boolean, error: Rejection | null = null): void {
    const { session, toaster } = this.services;
    const panel = this.view.showSignIn({
      suggestedName: session.suggestedName(),
      error,
      canCancel: changing && session.current() !== null,
      onCancel: () => this.showKinds(),
      onSubmit: async (name) => {
        panel.setBusy(true);
        const result = await session.signIn(name);
        if (!this.alive) return;
        panel.setBusy(false);
        if (!result.ok) {
          panel.showError(result.error);
          if (result.error.status === 0 && result.error.code !== "INVALID_NAME") toaster.error(result.error);
          return;
        }
        if (changing) toaster.show(`You are now ${result.value.user.name}.`, { kind: "success" });
        this.signedIn(result.value);
      },
    });
  }

  private signedIn(session: Session): void {
    const { connection, debug } = this.services;
    connection.setToken(session.token);
    this.view.setUser(session.user);
    debug.update({ user: { ...session.user } });
    this.feed.start();
    if (this.kinds) this.showKinds();
    else void this.loadKinds();
    // opened with a room link (an invitation, or a reload in a room, a chess game included: the
    // seat belongs to the user and the server hands it back): go there, once per page load
    const link = this.pendingLink;
    this.pendingLink = null;
    if (link) this.follow(link);
  }

  private async loadKinds(): Promise<void> {
    const { api, debug, toaster } = this.services;
    this.retry = () => void this.loadKinds();
    if (!this.following) this.view.showLoading("Loading room kinds…");
    const reply = await fetchRoomKinds(api);
    if (!this.alive || (this.following && !reply.ok)) return; // tried again if the link's join fails
    if (!reply.ok) {
      this.view.showProblem("Cannot load the room kinds", reply.error);
      return;
    }
    this.kinds = reply.value.kinds;
    debug.update({ roomKinds: this.kinds.length, kinds: this.kinds.map((k) => k.name) });
    if (reply.value.dropped > 0) {
      toaster.show(`${reply.value.dropped} room kind(s) from the server could not be shown (unexpected format).`, { kind: "error" });
    }
    this.showKinds();
  }

  private showKinds(): void {
    if (this.following) return; // the link's room is being joined: the lobby shows once that fails
    if (!this.kinds) return void this.loadKinds();
    const { roomScenes } = this.services;
    this.view.showKinds(this.kinds, (kind) => roomScenes.has(kind), (kind) => roomScenes.lookup(kind)?.lobbyChoices ?? []);
    this.view.setOpenRooms(this.feed.list());
    this.view.setFeedStatus(this.feed.status, this.feed.error);
    if (this.kinds.some((k) => k.name === "chess") && this.services.roomScenes.has("chess")) {
      void this.refreshLiveGames();
      this.liveTimer ??= setInterval(() => void this.refreshLiveGames(), LIVE_GAMES_REFRESH_MS);
      void this.refreshStandings();
    }
  }

  /**
   * The player's chess ratings and last games beside a leaderboard: the category asked for, else
   * the one the player has played most (blitz for a newcomer). Fetched when the lobby shows the
   * kinds (so on every return from a game); a failed fetch leaves the section as it was.
   */
  private async refreshStandings(): Promise<void> {
    const userId = this.services.session.current()?.user.id ?? null;
    const subject = this.standingsSubject ?? userId; // a leaderboard name clicked, else me
    const profile = subject ? await this.services.api.get<PlayerProfile>(`/api/chess/players/${encodeURIComponent(subject)}`) : null;
    const me = profile?.ok && profile.value.ratings && Array.isArray(profile.value.recentGames) && profile.value.user ? profile.value : null;
    const chosen = this.standingsCategory ?? mostPlayedCategory(me?.ratings ?? {}) ?? "blitz";
    const board = await this.services.api.get<{ category: string; items: LeaderboardEntry[] }>(`/api/chess/leaderboard?category=${encodeURIComponent(chosen)}&limit=${LEADERBOARD_SHOWN}`);
    if (!this.alive || !board.ok || !Array.isArray(board.value.items)) return;
    this.view.setChessStandings(me, board.value, userId);
  }

  /** The chess games being played, to watch (a failed poll keeps the last list: the next one retries). */
  private async refreshLiveGames(): Promise<void> {
    const reply = await this.services.api.get<{ items: LiveGame[] }>(`/api/chess/live?limit=${LIVE_GAMES_SHOWN}`);
    if (!this.alive || !reply.ok || !Array.isArray(reply.value.items)) return;
    this.view.setLiveGames(reply.value.items);
  }

  /** Re-validates the session (signing in again with the same name if needed); true when usable. */
  private async refreshSession(): Promise<boolean> {
    const { session, connection, debug } = this.services;
    const restored = await session.restore();
    if (!restored?.ok) return false;
    connection.setToken(restored.value.token);
    this.view.setUser(restored.value.user);
    debug.update({ user: { ...restored.value.user } });
    return true;
  }

  /**
   * Runs one join attempt and hands the room to its kind's scene. `roomId` (for joins by id) lets a
   * listed room of a kind without a client scene be refused before taking a seat; `joinOptions`
   * tells the scene how it was joined (e.g. `{spectate: true}`).
   */
  /** Joins (or watches) the room a link names; a room that is gone or full says why and the lobby stays. */
  private follow(link: RoomLink): void {
    const { connection, roomScenes } = this.services;
    const joinOptions: Record<string, unknown> = link.watch ? { spectate: true } : {}; // the scene reads it once joined
    // a link outlives its room: say so in words (the room closed when its last player left)
    const join = async (): Promise<JoinResult> => {
      // a reload of this tab re-announces what its scene saved (the plaza: where the avatar stood)
      const r = await (link.watch ? this.watch(link.roomId) : connection.joinById(link.roomId, rejoinOptions(link.roomId)));
      if (r.ok || r.error.code !== "ROOM_UNAVAILABLE") return r;
      if (!link.watch) {
        const finished = await this.openFinishedGame(link.roomId); // a chess game that has ended since: watch it
        if (finished) {
          joinOptions.spectate = true; // a former player too: the game is over, nobody sits down again
          return finished;
        }
      }
      // a page any room of its kind shows (a store product): open it in such a room
      const kind = link.view ? roomScenes.kindServingPage(link.view) : undefined;
      if (kind) return connection.joinOrCreate(kind, {});
      return { ok: false, error: { code: r.error.code, message: `Room ${link.roomId} from the link is closed, full, or does not exist. Pick a room below.` } };
    };
    // the page says where it is going instead of showing the lobby meanwhile; a failed join shows it
    this.following = true;
    this.view.showLoading(link.watch ? "Opening the game to watch…" : "Joining the room from the link…");
    void this.enterRoom(join, link.roomId, joinOptions, link.view).then((entered) => {
      this.following = false;
      if (entered) return;
      showRoomLink(null); // the lobby's bare address
      if (this.alive) this.showKinds();
    });
  }

  /** Joins a room as a spectator; a chess game whose room has closed since it ended is opened again to be watched. */
  private async watch(roomId: string): Promise<JoinResult> {
    const r = await this.services.connection.joinById(roomId, { spectate: true });
    if (r.ok || r.error.code !== "ROOM_UNAVAILABLE") return r;
    return (await this.openFinishedGame(roomId)) ?? r;
  }

  /**
   * Asks the server to open a finished chess game for watching (POST /api/chess/games/:id/watch)
   * and joins it as a spectator; null when `id` names no chess game.
   */
  private async openFinishedGame(id: string): Promise<JoinResult | null> {
    const token = this.services.session.current()?.token;
    const opened = await this.services.api.post<{ roomId: string }>(`/api/chess/games/${encodeURIComponent(id)}/watch`, {}, token ? { token } : {});
    if (!opened.ok) return opened.error.code === "NOT_FOUND" || opened.error.status === 400 ? null : { ok: false, error: { code: opened.error.code, message: opened.error.message } };
    return this.services.connection.joinById(opened.value.roomId, { spectate: true });
  }

  private async enterRoom(attempt: () => Promise<JoinResult>, roomId?: string, joinOptions?: Record<string, unknown>, view?: string): Promise<boolean> {
    const { roomScenes, toaster, connection } = this.services;
    if (this.joining) return false;
    const listed = roomId ? this.feed.list().find((r) => r.roomId === roomId) : undefined;
    if (listed && !roomScenes.has(listed.name)) {
      toaster.show(`This client has no scene for "${listed.name}" rooms yet.`, { kind: "error", code: "NO_CLIENT_SCENE" });
      return false;
    }
    this.joining = true;
    this.view.setBusy(true);
    let result = await attempt();
    if (!result.ok && TOKEN_PROBLEMS.has(result.error.code) && (await this.refreshSession())) {
      result = await attempt(); // the guest token had expired: signed in again, try once more
    }
    this.joining = false;
    if (!this.alive) {
      if (result.ok) void result.value.leave(true).catch(() => undefined);
      return false;
    }
    this.view.setBusy(false);
    if (!result.ok) {
      toaster.error(result.error);
      return false;
    }
    const room = result.value;
    const entry = roomScenes.lookup(room.name);
    if (!entry) {
      await room.leave(true).catch(() => undefined);
      toaster.show(`Room ${room.roomId} is a "${room.name}" room, and this client has no scene for that kind yet, so you left it.`, {
        kind: "error",
        code: "NO_CLIENT_SCENE",
      });
      return false;
    }
    const data: RoomSceneData = { room, kind: room.name, connection, ...(joinOptions ? { joinOptions } : {}), ...(view ? { view } : {}) };
    this.scene.start(entry.sceneKey, data);
    return true;
  }
}

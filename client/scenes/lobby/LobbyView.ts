/**
 * The lobby's DOM layer over the canvas: top bar (who you are, whether the live room list is
 * connected), then one of: a loading line, the name form, or the room kinds with their open rooms
 * and a "join by id" field. The view draws what it is told; LobbyScene decides.
 */
import type { FeedStatus, OpenRoom } from "../../net/lobbyFeed.js";
import type { User } from "../../net/session.js";
import { h, replaceChildren } from "../../ui/dom.js";
import { RoomKindCard } from "./roomKindCard.js";
import type { RoomKindInfo } from "./roomKinds.js";
import type { LobbyChoice } from "../registry.js";
import { SignInPanel, type SignInOptions } from "./signInPanel.js";
import {
  categoryLabel, CHESS_CATEGORIES, ratingLines, ratingText, recentGameLines, type LeaderboardEntry, type PlayerProfile,
} from "./chessRecord.js";

/** One game of GET /api/chess/live (docs/protocol.md). */
export interface LiveGame {
  gameId: string;
  timeControl: string;
  white: { name: string; rating: number };
  black: { name: string; rating: number };
}

export interface LobbyHandlers {
  changeName(): void;
  create(kind: string, options: Record<string, string>): void;
  quickPlay(kind: string, options: Record<string, string>): void;
  join(roomId: string): void;
  joinById(roomId: string): void;
  /** Join a room by id as a spectator (`{spectate: true}`). */
  watchById(roomId: string): void;
  /** Watch a chess game by id, finished ones too (they open again, read-only). */
  viewGame(gameId: string): void;
  /** Show a player's chess ratings and games in the standings (null: mine). */
  showPlayer(userId: string | null): void;
  /** Show the chess leaderboard of another rating category. */
  leaderboard(category: string): void;
  retry(): void;
}

const FEED_TEXT: Record<FeedStatus, string> = {
  idle: "Room list offline",
  connecting: "Connecting to the lobby…",
  live: "Room list live",
  reconnecting: "Reconnecting to the lobby…",
};

export class LobbyView {
  readonly element: HTMLElement;
  private readonly userBox: HTMLElement;
  private readonly feedLine: HTMLElement;
  private readonly main: HTMLElement;
  private cards = new Map<string, RoomKindCard>();
  private otherRooms: HTMLElement | null = null;
  private liveGames: HTMLElement | null = null;
  private standings: HTMLElement | null = null;
  private knownKinds = new Set<string>();
  private busy = false;
  private joinByIdButton: HTMLButtonElement | null = null;
  private watchByIdButton: HTMLButtonElement | null = null;
  signIn: SignInPanel | null = null;

  constructor(
    root: HTMLElement,
    private readonly handlers: LobbyHandlers,
  ) {
    this.userBox = h("div", { class: "user-box" });
    this.feedLine = h("span", { class: "feed", "data-status": "idle" }, h("i", { class: "dot" }), h("span", { class: "feed-text" }));
    this.main = h("main", { class: "lobby-main" });
    this.element = h(
      "div",
      { class: "lobby", "data-scene": "lobby" },
      h(
        "header",
        { class: "topbar" },
        h(
          "div",
          { class: "brand" },
          h("span", { class: "logo", "aria-hidden": "true" }, h("i"), h("i"), h("i"), h("i")),
          h("span", { class: "brand-name" }, "Statecraft"),
          h("span", { class: "tagline" }, "five ways to keep people in sync"),
        ),
        h("div", { class: "topbar-right" }, this.feedLine, this.userBox),
      ),
      this.main,
    );
    this.setFeedStatus("idle");
    root.append(this.element);
  }

  destroy(): void {
    this.element.remove();
  }

  setUser(user: User | null): void {
    if (!user) {
      replaceChildren(this.userBox);
      return;
    }
    replaceChildren(
      this.userBox,
      h("span", { class: "muted" }, "Playing as "),
      h("b", { class: "user-name", "data-user-id": user.id }, user.name),
      h("button", { class: "btn btn-small btn-ghost", type: "button", onclick: () => this.handlers.changeName() }, "Change name"),
    );
  }

  setFeedStatus(status: FeedStatus, detail?: string | null): void {
    this.feedLine.dataset.status = status;
    const text = this.feedLine.querySelector(".feed-text");
    if (text) text.textContent = FEED_TEXT[status];
    this.feedLine.title = detail ?? FEED_TEXT[status];
  }

  showLoading(text: string): void {
    this.reset();
    replaceChildren(this.main, h("div", { class: "center" }, h("p", { class: "loading" }, text)));
  }

  showProblem(title: string, error: { code: string; message: string }): void {
    this.reset();
    replaceChildren(
      this.main,
      h(
        "div",
        { class: "center" },
        h(
          "div",
          { class: "card problem" },
          h("h2", null, title),
          h("p", null, error.message, " ", h("code", null, error.code)),
          h("button", { class: "btn btn-primary", type: "button", onclick: () => this.handlers.retry() }, "Try again"),
        ),
      ),
    );
  }

  showSignIn(options: SignInOptions): SignInPanel {
    this.reset();
    this.element.classList.add("naming");
    this.signIn = new SignInPanel(options);
    replaceChildren(this.main, h("div", { class: "center" }, this.signIn.element));
    this.signIn.focus();
    return this.signIn;
  }

  /** Draws the room kinds. `playable(kind)`: whether this client has a scene for it. */
  showKinds(kinds: RoomKindInfo[], playable: (kind: string) => boolean, choices: (kind: string) => readonly LobbyChoice[] = () => []): void {
    this.reset();
    this.knownKinds = new Set(kinds.map((k) => k.name));
    const grid = h("section", { class: "kinds", "aria-label": "Room kinds" });
    if (kinds.length === 0) {
      grid.append(
        h(
          "div",
          { class: "card empty-kinds" },
          h("h2", null, "No room kinds on this server yet"),
          h(
            "p",
            { class: "muted" },
            "This server has not registered any kind of room, so there is nothing to create or join. " +
              "Kinds appear here as soon as the server offers them — reload the page after adding one.",
          ),
        ),
      );
    }
    for (const kind of kinds) {
      const card = new RoomKindCard(kind, playable(kind.name), this.handlers, choices(kind.name));
      this.cards.set(kind.name, card);
      grid.append(card.element);
    }
    this.otherRooms = h("section", { class: "other-rooms", hidden: true });
    this.liveGames = h("section", { class: "other-rooms live-games", hidden: true, "aria-label": "Chess games being played" });
    this.standings = h("section", { class: "card other-rooms chess-standings", hidden: true, "aria-label": "Chess ratings and leaderboard" });
    replaceChildren(
      this.main,
      h(
        "section",
        { class: "intro" },
        h("h1", null, "Pick a room"),
        h(
          "p",
          { class: "muted" },
          "Every kind of room keeps its players in sync with its state in a different place. The badge on each card says where; " +
            "open a card's details to see what happens to each part when the server is killed.",
        ),
      ),
      grid,
      this.otherRooms,
      this.liveGames,
      this.standings,
      this.joinByIdForm(),
    );
  }

  /** Distributes the live open rooms over the cards; rooms of kinds without a card are listed apart. */
  setOpenRooms(rooms: OpenRoom[]): void {
    const byKind = new Map<string, OpenRoom[]>();
    for (const room of rooms) {
      const list = byKind.get(room.name) ?? [];
      list.push(room);
      byKind.set(room.name, list);
    }
    for (const [name, card] of this.cards) card.setRooms(byKind.get(name) ?? []);
    if (!this.otherRooms) return;
    const others = rooms.filter((r) => !this.knownKinds.has(r.name));
    this.otherRooms.hidden = others.length === 0;
    replaceChildren(
      this.otherRooms,
      h("h2", null, "Other open rooms"),
      h(
        "ul",
        { class: "open-rooms" },
        others.map((r) =>
          h(
            "li",
            { class: "open-room" },
            h("code", { class: "room-id" }, r.roomId),
            h("span", { class: "players" }, `${r.name} · ${r.clients}${Number.isFinite(r.maxClients) ? `/${r.maxClients}` : ""} ${r.clients === 1 ? "player" : "players"}`),
            h("button", { class: "btn btn-small", type: "button", disabled: this.busy, onclick: () => this.handlers.join(r.roomId) }, "Join"),
          ),
        ),
      ),
    );
  }

  /** The chess games being played now (GET /api/chess/live), each with a Watch button; hidden when none. */
  setLiveGames(games: LiveGame[]): void {
    if (!this.liveGames) return;
    this.liveGames.hidden = games.length === 0;
    const list = this.liveGames;
    this.cards.get("chess")?.setUnderWay(games.length, () => list.scrollIntoView({ behavior: "smooth", block: "start" }));
    const side = (p: LiveGame["white"]) => h("span", { class: "live-player" }, p.name, h("span", { class: "muted" }, ` (${p.rating})`));
    replaceChildren(
      this.liveGames,
      h("h2", null, "Chess games being played"),
      h(
        "ul",
        { class: "open-rooms" },
        games.map((g) =>
          h(
            "li",
            { class: "open-room live-game", "data-game-id": g.gameId },
            h("span", { class: "players" }, side(g.white), " vs ", side(g.black), h("span", { class: "muted" }, ` · ${g.timeControl}`)),
            h("button", { class: "btn btn-small btn-ghost", type: "button", disabled: this.busy, onclick: () => this.handlers.watchById(g.gameId) }, "Watch"),
          ),
        ),
      ),
    );
  }

  /**
   * Chess standings: the signed-in player's ratings and last games (null: not fetched, or the
   * server does not know them yet) beside the leaderboard of one category. Hidden until the
   * leaderboard has been fetched once.
   */
  setChessStandings(record: PlayerProfile | null, board: { category: string; items: LeaderboardEntry[] }, userId: string | null): void {
    if (!this.standings) return;
    this.standings.hidden = false;
    const subject = record?.user.id ?? userId;
    const mineShown = subject === userId;
    const ratings = record ? ratingLines(record.ratings) : [];
    const recent = record && subject ? recentGameLines(subject, record.recentGames) : [];
    const mine = h(
      "div",
      { class: "standings-me", "data-user-id": subject ?? "" },
      h(
        "h3",
        null,
        mineShown ? "Your chess" : `${record?.user.name ?? "Player"}'s chess`,
        mineShown ? null : h("button", { class: "link-button", type: "button", onclick: () => this.handlers.showPlayer(null) }, "back to yours"),
      ),
      ratings.length === 0
        ? h("p", { class: "muted" }, mineShown ? "No rated games yet: finish a game to get a rating (provisional, shown with a ?, for the first games)." : "No rated games yet.")
        : h("ul", { class: "rating-lines" }, ratings.map((r) => h("li", { "data-category": r.category }, h("b", null, categoryLabel(r.category)), ` ${r.rating}`, h("span", { class: "muted" }, ` · ${r.record}`)))),
      recent.length === 0
        ? null
        : h(
            "ul",
            { class: "recent-games" },
            recent.map((g) =>
              h(
                "li",
                { class: `recent-game ${g.outcome}`, "data-game-id": g.gameId },
                h("span", { class: "recent-text" }, g.text, h("span", { class: "muted" }, g.detail ? ` · ${g.detail}` : "")),
                g.ratingDiff ? h("span", { class: "rating-diff" }, g.ratingDiff) : null,
                g.outcome === "playing"
                  ? mineShown
                    ? h("button", { class: "btn btn-small", type: "button", disabled: this.busy, title: "Back to your seat in this game", onclick: () => this.handlers.joinById(g.gameId) }, "Resume")
                    : h("button", { class: "btn btn-small btn-ghost", type: "button", disabled: this.busy, title: "Watch this game", onclick: () => this.handlers.watchById(g.gameId) }, "Watch")
                  : [
                      h("button", { class: "btn btn-small btn-ghost", type: "button", disabled: this.busy, title: "See the game: step through its moves", onclick: () => this.handlers.viewGame(g.gameId) }, "View"),
                      // an aborted game never started: no record to download (as in the game's own panel)
                      g.outcome === "aborted"
                        ? null
                        : h("a", { class: "btn btn-small btn-ghost", href: `/api/chess/games/${encodeURIComponent(g.gameId)}/pgn`, download: `statecraft-${g.gameId}.pgn`, title: "Download the game as PGN" }, "PGN"),
                    ],
              ),
            ),
          ),
    );
    const select = h(
      "select",
      { "aria-label": "Rating category", onchange: (e: Event) => this.handlers.leaderboard((e.target as HTMLSelectElement).value) },
      CHESS_CATEGORIES.map((c) => h("option", { value: c, selected: c === board.category }, categoryLabel(c))),
    );
    const top = h(
      "div",
      { class: "standings-board" },
      h("h3", null, "Leaderboard ", select),
      board.items.length === 0
        ? h("p", { class: "muted" }, `Nobody has a ${board.category} rating yet.`)
        : h(
            "ol",
            { class: "leaderboard" },
            board.items.map((e) =>
              h(
                "li",
                { class: e.userId === userId ? "me" : "", "data-user-id": e.userId },
                h("span", { class: "rank" }, String(e.rank)),
                h("button", { class: "name link-button", type: "button", title: `${e.name}'s ratings and games`, onclick: () => this.handlers.showPlayer(e.userId === userId ? null : e.userId) }, e.name),
                h("span", { class: "rating" }, ratingText(e.rating, e.provisional)),
                h("span", { class: "muted games" }, `${e.games} ${e.games === 1 ? "game" : "games"}`),
              ),
            ),
          ),
    );
    replaceChildren(this.standings, h("h2", null, "Chess standings"), h("div", { class: "standings" }, mine, top));
  }

  /** While a join is in flight every join button is disabled. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    for (const card of this.cards.values()) card.setBusy(busy);
    if (this.joinByIdButton) {
      this.joinByIdButton.disabled = busy;
      this.joinByIdButton.textContent = busy ? "Joining…" : "Join";
    }
    if (this.watchByIdButton) this.watchByIdButton.disabled = busy;
    for (const b of this.liveGames?.querySelectorAll("button") ?? []) b.disabled = busy;
    for (const b of this.standings?.querySelectorAll("button") ?? []) b.disabled = busy;
    this.element.classList.toggle("busy", busy);
  }

  private joinByIdForm(): HTMLElement {
    const input = h("input", {
      id: "room-id",
      type: "text",
      placeholder: "room id",
      autocomplete: "off",
      spellcheck: "false",
      maxlength: 64,
    });
    this.joinByIdButton = h("button", { class: "btn", type: "submit" }, "Join");
    // watch instead of play, for kinds that take spectators (chess: {spectate: true}); others refuse it clearly
    this.watchByIdButton = h("button", {
      class: "btn btn-ghost",
      type: "button",
      title: "Join as a spectator (rooms that allow watching, e.g. chess)",
      onclick: () => {
        const id = input.value.trim();
        if (id) this.handlers.watchById(id);
        else input.focus();
      },
    }, "Watch");
    return h(
      "form",
      {
        class: "card join-by-id",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const id = input.value.trim();
          if (id) this.handlers.joinById(id);
          else input.focus();
        },
      },
      h("label", { for: "room-id" }, "Join a room by id", h("span", { class: "muted" }, " — private rooms are not listed; ask the host for the id")),
      h("div", { class: "inline" }, input, this.joinByIdButton, this.watchByIdButton),
    );
  }

  private reset(): void {
    this.element.classList.remove("naming");
    this.cards.clear();
    this.otherRooms = null;
    this.liveGames = null;
    this.standings = null;
    this.joinByIdButton = null;
    this.watchByIdButton = null;
    this.signIn = null;
  }
}

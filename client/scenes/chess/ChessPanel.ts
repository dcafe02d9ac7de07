/**
 * The DOM panel beside the board (lichess's right-hand column): game header with the spectator
 * count, the two players with their clocks (the top one is the side at the top of the board), the
 * opponent-disconnected countdown, the move list, the result / draw / rematch box, and the
 * command buttons. It renders what the scene tells it; clicks go back through `PanelHandlers`.
 */
import { opposite, type Color } from "../../../shared/chess/color.js";
import { h, replaceChildren } from "../../ui/dom.js";
import { formatClock } from "./clockSync.js";
import { endingWords, resultLabel, timeControlLabel, type GameView } from "./gameView.js";
import { MoveList } from "./moveList.js";
import { SeatBar } from "./seatBar.js";
import { playerOf, type ChessSnapshot } from "./snapshot.js";
import { WaitingCard, type WaitingHandlers } from "./waitingCard.js";

export type ChessCommand = "resign" | "abort" | "offerDraw" | "acceptDraw" | "declineDraw" | "claimDraw" | "claimVictory" | "rematch" | "declineRematch";

export interface PanelHandlers extends WaitingHandlers {
  command(type: ChessCommand): void;
  claimAbandonDraw(): void; // claimDraw when the opponent's window has passed
  flip(): void;
  toggleSound(): void;
  lobby(): void;
  viewPly(ply: number | null): void; // null: back to the live position
}

export interface PanelModel {
  s: ChessSnapshot;
  v: GameView;
  orientation: Color;
  viewing: number; // ply shown on the board; s.moves.length when live
  privateRoom: boolean;
  busy: boolean; // a join is in flight: room buttons are disabled
  connection: "live" | "dropped" | "rejoining";
  sound: boolean; // sounds on
  drawDeclined: boolean; // my offer was declined at this ply: no new offer before a move (the server says DRAW_DECLINED)
}

export interface PanelTick {
  whiteMs: number;
  blackMs: number;
  running: Color | "";
  opponentAwayMs: number | null; // ms until the opponent's reconnection window ends (≤ 0: passed); null: present
}

const CONFIRM_MS = 3000;

export class ChessPanel {
  readonly element: HTMLElement;
  private readonly head: HTMLElement;
  private readonly top = new SeatBar("top");
  private readonly bottom = new SeatBar("bottom");
  private readonly notice: HTMLElement;
  private readonly moves: MoveList;
  private readonly status: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly waiting: WaitingCard;
  private model: PanelModel | null = null;
  private confirming: string | null = null;
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private noticeKey = "";
  private keys = { head: "", status: "", actions: "" };

  constructor(private readonly handlers: PanelHandlers) {
    this.head = h("header", { class: "chess-head" });
    this.notice = h("div", { class: "chess-notice", hidden: true, role: "status" });
    this.moves = new MoveList((ply) => handlers.viewPly(ply));
    this.status = h("div", { class: "chess-status" });
    this.actions = h("div", { class: "chess-actions" });
    this.waiting = new WaitingCard(handlers);
    this.element = h(
      "aside",
      { class: "chess-panel", "data-scene": "chess" },
      this.head,
      this.top.element,
      this.notice,
      h("div", { class: "chess-middle" }, this.waiting.element, this.moves.element, this.status),
      this.actions,
      this.bottom.element,
    );
  }

  destroy(): void {
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.element.remove();
  }

  setLayout(box: { left: number; top: number; width: number; height: number }, compact: boolean): void {
    Object.assign(this.element.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
    this.element.classList.toggle("compact", compact);
  }

  render(model: PanelModel): void {
    this.model = model;
    const { s, v, orientation } = model;
    const topColor = opposite(orientation);
    const ended = s.status === "ended";
    this.top.setPlayer(topColor, playerOf(s, topColor), v.myColor === topColor, ended && s.result !== "");
    this.bottom.setPlayer(orientation, playerOf(s, orientation), v.myColor === orientation, ended && s.result !== "");
    this.renderHead(model);

    const waitingForOpponent = s.status === "waiting" && v.myColor !== null;
    this.waiting.element.hidden = !waitingForOpponent;
    this.moves.element.hidden = waitingForOpponent;
    if (waitingForOpponent) this.waiting.render(s.timeControl, model.privateRoom, s.gameId, model.busy);
    const tail = ended ? resultLabel(s.result) || "—" : "";
    this.moves.render(s.moves, model.viewing, tail);
    this.renderStatus(model);
    this.renderActions(model);
    this.element.classList.toggle("offline", model.connection !== "live");
  }

  /** Every frame: clocks and the disconnect countdown. */
  tick(t: PanelTick): void {
    const m = this.model;
    if (!m) return;
    const topColor = opposite(m.orientation);
    const ms = (c: Color): number => (c === "white" ? t.whiteMs : t.blackMs);
    const low = (c: Color): boolean => m.s.status === "playing" && ms(c) < 20_000 && t.running === c;
    this.top.setClock(ms(topColor), t.running === topColor, low(topColor));
    this.bottom.setClock(ms(m.orientation), t.running === m.orientation, low(m.orientation));
    this.renderNotice(m, t.opponentAwayMs);
  }

  // ---- sections ------------------------------------------------------------------------------

  private renderHead(m: PanelModel): void {
    const { s, v } = m;
    const key = JSON.stringify([s.timeControl, s.spectators, s.gameId, v.myColor, m.connection, m.privateRoom]);
    if (key === this.keys.head) return;
    this.keys.head = key;
    const watching = s.spectators;
    replaceChildren(
      this.head,
      h("div", { class: "head-title" }, h("b", null, "Chess"), h("span", { class: "head-tc" }, timeControlLabel(s.timeControl)), m.privateRoom ? h("span", { class: "head-tag" }, "private") : null),
      h(
        "div",
        { class: "head-meta" },
        v.myColor === null ? h("span", { class: "head-tag spectating" }, "spectating") : null,
        h("span", { class: "spectators", "data-count": watching, title: "people watching this game" }, `${watching} ${watching === 1 ? "spectator" : "spectators"}`),
        m.connection !== "live" ? h("span", { class: "head-tag offline" }, m.connection === "dropped" ? "reconnecting…" : "rejoining…") : null,
      ),
    );
  }

  private renderNotice(m: PanelModel, awayMs: number | null): void {
    const opponent = m.v.opponent;
    if (awayMs === null || !opponent || m.s.status !== "playing") {
      if (this.noticeKey !== "") {
        this.noticeKey = "";
        this.notice.hidden = true;
        this.notice.replaceChildren();
      }
      return;
    }
    const claimable = awayMs <= 0;
    const key = claimable ? "claim" : "count";
    if (key !== this.noticeKey) {
      this.noticeKey = key;
      this.notice.hidden = false;
      this.notice.dataset.phase = key;
      replaceChildren(
        this.notice,
        h("p", { class: "notice-text" }),
        claimable
          ? h(
              "div",
              { class: "notice-actions" },
              h("button", { class: "btn btn-small btn-primary", type: "button", "data-action": "claim-victory", onclick: () => this.handlers.command("claimVictory") }, "Claim victory"),
              h("button", { class: "btn btn-small", type: "button", "data-action": "claim-abandon-draw", onclick: () => this.handlers.claimAbandonDraw() }, "Claim draw"),
            )
          : null,
      );
    }
    const text = this.notice.querySelector(".notice-text");
    if (text) {
      text.textContent = claimable
        ? `${opponent.name} left the game. You can claim victory, call it a draw, or keep waiting.`
        : `${opponent.name} left the game. They have ${formatClock(awayMs).replace(/\.\d$/, "")} to come back.`;
    }
  }

  private renderStatus(m: PanelModel): void {
    const { s, v } = m;
    const live = m.viewing >= s.moves.length;
    const key = JSON.stringify([s.status, s.result, s.termination, s.drawOfferBy, s.rematchOfferBy, s.nextGameId, v.myColor, live, m.viewing, s.players.map((p) => [p.color, p.ratingDiff])]);
    if (key === this.keys.status) return;
    this.keys.status = key;
    const parts: (HTMLElement | null)[] = [];
    if (!live) {
      parts.push(
        h(
          "div",
          { class: "status-line history" },
          h("span", null, `Viewing move ${Math.ceil(m.viewing / 2)}${m.viewing % 2 === 1 ? "" : "…"}`),
          h("button", { class: "btn btn-small", type: "button", onclick: () => this.handlers.viewPly(null) }, s.status === "ended" ? "To the end" : "Back to live"),
        ),
      );
    }
    if (s.status === "ended") {
      const words = endingWords(s);
      const diffs = s.result === "" ? [] : s.players;
      parts.push(
        h(
          "div",
          { class: "result-banner", "data-result": s.result, "data-termination": s.termination, role: "status" },
          h("div", { class: "result-score" }, resultLabel(s.result) || "–"),
          h("div", { class: "result-title" }, words.title),
          h("div", { class: "result-detail" }, words.detail),
          diffs.length
            ? h(
                "div",
                { class: "result-ratings" },
                diffs.map((p) => h("span", null, `${p.name} ${Math.round(p.rating)} → ${Math.round(p.rating + p.ratingDiff)}`)),
              )
            : null,
        ),
      );
      if (v.rematchOfferedToMe) parts.push(h("div", { class: "status-line offer" }, "Your opponent wants a rematch."));
      if (v.rematchOfferedByMe) parts.push(h("div", { class: "status-line" }, "Rematch offer sent…"));
      if (s.nextGameId) parts.push(h("div", { class: "status-line" }, "Rematch starting…"));
    } else if (v.drawOfferedToMe) {
      parts.push(
        h(
          "div",
          { class: "status-line offer", "data-offer": "draw" },
          h("span", null, "Your opponent offers a draw."),
          h(
            "span",
            { class: "offer-actions" },
            h("button", { class: "btn btn-small btn-primary", type: "button", "data-action": "accept-draw", onclick: () => this.handlers.command("acceptDraw") }, "Accept"),
            h("button", { class: "btn btn-small", type: "button", "data-action": "decline-draw", onclick: () => this.handlers.command("declineDraw") }, "Decline"),
          ),
        ),
      );
    } else if (v.drawOfferedByMe) {
      parts.push(h("div", { class: "status-line" }, "Draw offer sent."));
    } else if (s.status === "playing" && v.myColor === null && s.drawOfferBy) {
      parts.push(h("div", { class: "status-line" }, `${s.drawOfferBy === "white" ? "White" : "Black"} offers a draw.`));
    } else if (s.status === "playing" && s.moves.length < 2) {
      const first = s.moves.length === 0 ? "White" : "Black";
      parts.push(h("div", { class: "status-line muted" }, v.myTurn ? "Your move: the clock starts after each side has moved once." : `${first} to make the first move.`));
    }
    replaceChildren(this.status, parts);
  }

  private renderActions(m: PanelModel): void {
    const { s, v } = m;
    const off = m.busy || m.connection !== "live";
    const key = JSON.stringify([v, s.status, s.gameId, off, this.confirming, m.sound, m.drawDeclined]);
    if (key === this.keys.actions) return;
    this.keys.actions = key;
    const button = (label: string, action: string, run: () => void, opts: { primary?: boolean; disabled?: boolean; title?: string; confirm?: string } = {}): HTMLElement =>
      h(
        "button",
        {
          class: `btn btn-small${opts.primary ? " btn-primary" : ""}${this.confirming === action ? " confirming" : ""}`,
          type: "button",
          "data-action": action,
          disabled: opts.disabled ?? false,
          title: opts.title,
          onclick: run,
        },
        this.confirming === action ? (opts.confirm ?? `Confirm ${label.toLowerCase()}?`) : label,
      );
    const confirmThen = (action: string, run: () => void) => () => {
      if (this.confirming === action) {
        this.setConfirming(null);
        run();
      } else {
        this.setConfirming(action);
      }
    };
    const game: HTMLElement[] = []; // commands about the game
    const tools: HTMLElement[] = []; // the board and the page
    if (v.myColor !== null && s.status === "playing") {
      if (v.canAbort) game.push(button("Abort", "abort", confirmThen("abort", () => this.handlers.command("abort")), { disabled: off }));
      else game.push(button("Resign", "resign", confirmThen("resign", () => this.handlers.command("resign")), { disabled: off || !v.canResign }));
      game.push(button("Offer draw", "offer-draw", () => this.handlers.command("offerDraw"), {
        disabled: off || !v.canOfferDraw || m.drawDeclined,
        ...(m.drawDeclined
          ? { title: "Declined: you can offer again after a move" }
          : s.moves.length < 2
            ? { title: "A draw can be offered once both sides have moved (until then the game can be aborted)" }
            : s.drawOfferBy === v.myColor
              ? { title: "Your offer stands until your opponent answers or moves" }
              : {}),
      }));
      if (v.canClaimDraw) {
        const why = "The same position has occurred three times, or 50 moves passed without a capture or a pawn move";
        game.push(button("Claim draw", "claim-draw", () => this.handlers.command("claimDraw"), { primary: true, disabled: off, title: why }));
      }
    }
    if (v.myColor !== null && s.status === "ended" && s.termination !== "aborted") {
      game.push(
        button(v.rematchOfferedToMe ? "Accept rematch" : "Rematch", "rematch", () => this.handlers.command("rematch"), {
          primary: v.rematchOfferedToMe,
          disabled: off || !v.canRematch,
        }),
      );
      if (s.nextGameId === "" && (v.rematchOfferedToMe || v.rematchOfferedByMe)) {
        const label = v.rematchOfferedToMe ? "Decline" : "Cancel offer";
        game.push(button(label, "decline-rematch", () => this.handlers.command("declineRematch"), { disabled: off }));
      }
    }
    if (v.myColor !== null && s.status === "ended") {
      // lichess's "New opponent": quick pairing at the same time control (the only way on after an abort)
      game.push(button("New game", "new-game", () => this.handlers.timeControl(s.timeControl), { disabled: off, title: `Play a new ${s.timeControl} game` }));
    }
    tools.push(button("Flip", "flip", () => this.handlers.flip(), { title: "Flip the board" }));
    tools.push(button(m.sound ? "Sound on" : "Sound off", "sound", () => this.handlers.toggleSound(), { title: m.sound ? "Mute move sounds" : "Play move sounds" }));
    // an aborted game never started (lichess keeps no record of one to download either)
    if (s.status !== "waiting" && s.gameId && s.termination !== "aborted") {
      tools.push(
        h("a", { class: "btn btn-small", href: `/api/chess/games/${encodeURIComponent(s.gameId)}/pgn`, download: `statecraft-${s.gameId}.pgn`, "data-action": "pgn", title: "Download the game as PGN" }, "PGN"),
      );
    }
    const inGame = v.myColor !== null && s.status === "playing";
    tools.push(button("Lobby", "lobby", inGame ? confirmThen("lobby", () => this.handlers.lobby()) : () => this.handlers.lobby(), { title: inGame ? "Leave: your clock keeps running" : "Back to the lobby", confirm: "Leave the game?" }));
    replaceChildren(this.actions, h("div", { class: "actions-row game" }, game), h("div", { class: "actions-row tools" }, tools));
  }

  private setConfirming(action: string | null): void {
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    this.confirming = action;
    if (action) this.confirmTimer = setTimeout(() => this.setConfirming(null), CONFIRM_MS);
    if (this.model) this.renderActions(this.model);
  }
}

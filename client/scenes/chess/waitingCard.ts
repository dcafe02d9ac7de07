/**
 * Shown while the player waits for an opponent. The lobby's Create / Quick play join with the
 * default time control, so the choice is made here: picking another time control (or making the
 * game private) leaves this empty room and seeks / creates another one — nobody has played yet, so
 * nothing is lost. A private game is not matched or listed: the friend joins it by its id.
 * It also offers watching any game by id (spectators join with {spectate: true}).
 */
import { TIME_CONTROLS } from "../../../shared/chess/timeControl.js";
import { h } from "../../ui/dom.js";

export interface WaitingHandlers {
  timeControl(label: string): void;
  privacy(makePrivate: boolean): void;
  copyId(): void;
  copyLink(): void;
  watch(gameId: string): void;
}

export class WaitingCard {
  readonly element: HTMLElement;
  private key = "";

  constructor(private readonly handlers: WaitingHandlers) {
    this.element = h("div", { class: "chess-waiting" });
  }

  render(timeControl: string, privateRoom: boolean, gameId: string, busy: boolean): void {
    const key = JSON.stringify([timeControl, privateRoom, gameId, busy]);
    if (key === this.key) return;
    this.key = key;
    const watchInput = h("input", { type: "text", class: "watch-id", placeholder: "game id", spellcheck: "false", autocomplete: "off", maxlength: 64 });
    this.element.replaceChildren(
      h("p", { class: "waiting-title" }, h("span", { class: "spinner", "aria-hidden": "true" }), privateRoom ? "Waiting for your friend…" : "Waiting for an opponent…"),
      h(
        "p",
        { class: "muted waiting-hint" },
        privateRoom
          ? "Private game: send your friend the link (or the game id, which they enter in the lobby under “Join a room by id”)."
          : "Quick pairing: the next player who picks the same time control plays you.",
      ),
      h(
        "div",
        { class: "tc-chips", role: "group", "aria-label": "Time control" },
        TIME_CONTROLS.map((tc) =>
          h(
            "button",
            {
              class: `tc-chip${tc === timeControl ? " active" : ""}`,
              type: "button",
              "data-tc": tc,
              "aria-pressed": tc === timeControl ? "true" : "false",
              disabled: busy,
              onclick: () => tc !== timeControl && this.handlers.timeControl(tc),
            },
            tc,
          ),
        ),
      ),
      h(
        "div",
        { class: "waiting-row" },
        h("span", { class: "muted" }, "Game id"),
        h("code", { class: "game-id", title: "Game id" }, gameId),
        h("button", { class: "btn btn-small", type: "button", "data-action": "copy-id", onclick: () => this.handlers.copyId() }, "Copy"),
        h("button", { class: "btn btn-small", type: "button", "data-action": "copy-link", title: "A link that brings whoever opens it into this game", onclick: () => this.handlers.copyLink() }, "Copy link"),
      ),
      h(
        "div",
        { class: "waiting-row" },
        h(
          "button",
          { class: "btn btn-small", type: "button", disabled: busy, "data-action": privateRoom ? "make-public" : "make-private", onclick: () => this.handlers.privacy(!privateRoom) },
          privateRoom ? "Use quick pairing instead" : "Challenge a friend (private game)",
        ),
      ),
      h(
        "form",
        {
          class: "waiting-row watch-form",
          onsubmit: (e: Event) => {
            e.preventDefault();
            const id = watchInput.value.trim();
            if (id) this.handlers.watch(id);
            else watchInput.focus();
          },
        },
        h("span", { class: "muted" }, "Watch a game"),
        watchInput,
        h("button", { class: "btn btn-small", type: "submit", disabled: busy }, "Watch"),
      ),
    );
  }
}

/**
 * One player's bar beside the board: presence dot, name, rating ("1500?" while provisional), the
 * rating change once the game is rated, and the clock. The clock text is updated every frame by
 * `setClock`; everything else only when the player changes.
 */
import type { Color } from "../../../shared/chess/color.js";
import { h, replaceChildren } from "../../ui/dom.js";
import { formatClock } from "./clockSync.js";
import { ratingDiffLabel, ratingLabel } from "./gameView.js";
import type { PlayerSnapshot } from "./snapshot.js";

export class SeatBar {
  readonly element: HTMLElement;
  private readonly who: HTMLElement;
  private readonly clock: HTMLElement;
  private key = "";
  private clockText = "";

  constructor(position: "top" | "bottom") {
    this.who = h("div", { class: "seat-who" });
    this.clock = h("div", { class: "seat-clock", role: "timer", "aria-live": "off" });
    this.element = h("div", { class: `chess-seat seat-${position}` }, this.who, this.clock);
  }

  /** `player` undefined: the seat is still empty. `you`: the viewer plays this side. */
  setPlayer(color: Color, player: PlayerSnapshot | undefined, you: boolean, showDiff: boolean): void {
    const key = JSON.stringify([color, player ?? null, you, showDiff]);
    if (key === this.key) return;
    this.key = key;
    this.element.dataset.color = color;
    this.element.classList.toggle("mine", you);
    this.element.dataset.present = player ? String(player.connected) : "empty";
    if (!player) {
      replaceChildren(this.who, h("span", { class: "seat-empty" }, "Waiting for an opponent…"));
      return;
    }
    replaceChildren(
      this.who,
      h("i", { class: "presence", title: player.connected ? "connected" : "disconnected" }),
      h("b", { class: "seat-name", title: `${player.name} plays ${color}` }, player.name),
      h("span", { class: "seat-rating", title: player.provisional ? "provisional rating" : "rating" }, ratingLabel(player)),
      showDiff
        ? h("span", { class: `seat-diff ${player.ratingDiff > 0 ? "up" : player.ratingDiff < 0 ? "down" : ""}` }, ratingDiffLabel(player.ratingDiff))
        : null,
    );
  }

  /** Remaining time; `running`: this side's clock is the one ticking. */
  setClock(ms: number, running: boolean, lowTime: boolean): void {
    const text = formatClock(ms);
    if (text !== this.clockText) {
      this.clockText = text;
      this.clock.textContent = text;
    }
    this.clock.classList.toggle("running", running);
    this.clock.classList.toggle("low", lowTime);
  }
}

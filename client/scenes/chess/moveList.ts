/**
 * The move list: numbered rows of SAN ("1. f3 e5"), the last move (or the one being viewed)
 * marked, kept scrolled to the end while live. Clicking a move shows the board as it was then.
 */
import { h, replaceChildren } from "../../ui/dom.js";

export class MoveList {
  readonly element: HTMLElement;
  private key = "";
  private live = true; // showing the last move: keep the list scrolled to its end

  constructor(private readonly onPick: (ply: number) => void) {
    this.element = h("div", { class: "chess-moves", role: "list", "aria-label": "Moves" });
    // the list shrinks when the result banner appears (a phone's panel): scrolled to its end before,
    // it would hide the last moves, so it follows its size while live
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        if (this.live) this.element.scrollTop = this.element.scrollHeight;
      }).observe(this.element);
    }
  }

  /** `viewing`: the ply shown on the board (moves.length when live). `tail`: an extra line (result). */
  render(moves: readonly string[], viewing: number, tail: string): void {
    const key = JSON.stringify([moves, viewing, tail]);
    if (key === this.key) return;
    this.key = key;
    const rows: HTMLElement[] = [];
    for (let i = 0; i < moves.length; i += 2) {
      rows.push(
        h(
          "div",
          { class: "move-row", role: "listitem" },
          h("span", { class: "move-no" }, `${i / 2 + 1}.`),
          this.cell(moves, i, viewing),
          i + 1 < moves.length ? this.cell(moves, i + 1, viewing) : h("span", { class: "move empty" }),
        ),
      );
    }
    if (moves.length === 0) rows.push(h("div", { class: "moves-empty" }, "No moves yet."));
    if (tail) rows.push(h("div", { class: "moves-tail" }, tail));
    replaceChildren(this.element, rows);
    const current = this.element.querySelector(".move.current");
    this.live = viewing >= moves.length;
    if (this.live) this.element.scrollTop = this.element.scrollHeight;
    else current?.scrollIntoView({ block: "nearest" });
  }

  private cell(moves: readonly string[], i: number, viewing: number): HTMLElement {
    const ply = i + 1; // the position after this move
    return h(
      "button",
      { class: `move${ply === viewing ? " current" : ""}`, type: "button", "data-ply": ply, onclick: () => this.onPick(ply) },
      moves[i]!,
    );
  }
}

/**
 * The plaza's DOM panels over the map: a top bar (status, who is near, leave), the chat (log and
 * input; the owner also gets an announcement box), the video tiles of the bubble, and the minimap.
 * Only the panels take pointer events: clicks elsewhere reach the map (click-to-walk).
 */
import { STATUSES, type PlazaStatus } from "../../../shared/plaza/index.js";
import { h } from "../../ui/dom.js";

export interface HudHandlers {
  status(s: PlazaStatus): void;
  chat(text: string): void;
  announce(text: string): void;
  leave(): void;
}

const LABELS: Record<PlazaStatus, string> = { available: "Available", busy: "Busy", dnd: "Do not disturb", ghost: "Ghost (invisible)" };
/** What each status does (the rules of shared/plaza/proximity.ts), shown as the menu's hint. */
const HINTS: Record<PlazaStatus, string> = {
  available: "Available: people near you hear your chat and join your call",
  busy: "Busy: shown as busy to others; you still get chat and stay in calls",
  dnd: "Do not disturb: no calls, no chat; others still see you",
  ghost: "Ghost: nobody sees you; no chat, no calls",
};
const MAX_LINES = 60;

export class PlazaHud {
  readonly root: HTMLElement;
  readonly videos: HTMLElement;
  private readonly info: HTMLElement;
  private readonly log: HTMLElement;
  private readonly status: HTMLSelectElement;
  private readonly announceRow: HTMLElement;

  constructor(handlers: HudHandlers, minimap: HTMLCanvasElement) {
    this.status = h("select", { class: "plaza-status", "aria-label": "Status", title: HINTS.available, onchange: () => this.chose(handlers) },
      STATUSES.map((s) => h("option", { value: s, title: HINTS[s] }, LABELS[s])));
    this.info = h("span", { class: "plaza-info" });
    const input = h("input", { class: "plaza-chat-input", placeholder: "Chat with those near you (Enter sends)", title: "Enter sends · Esc goes back to walking", maxlength: 500, "aria-label": "Chat" });
    input.addEventListener("keydown", (e) => {
      e.stopPropagation(); // typing is not walking
      if (e.key === "Enter" && input.value.trim()) {
        handlers.chat(input.value.trim());
        input.value = "";
      } else if (e.key === "Enter" || e.key === "Escape") {
        input.blur(); // an empty Enter, or Esc: back to walking
      }
    });
    const announce = h("input", { class: "plaza-announce-input", placeholder: "Announce to everyone (owner)… (Enter)", maxlength: 500, "aria-label": "Announcement" });
    announce.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && announce.value.trim()) {
        handlers.announce(announce.value.trim());
        announce.value = "";
      }
    });
    this.announceRow = h("div", { class: "plaza-announce", hidden: true }, announce);
    this.log = h("div", { class: "plaza-log", "aria-live": "polite" });
    this.videos = h("div", { class: "plaza-videos" });
    this.root = h("div", { class: "plaza" },
      h("div", { class: "plaza-bar plaza-panel" },
        h("strong", null, "Plaza"), this.status, this.info,
        h("button", { class: "plaza-leave", type: "button", onclick: () => handlers.leave() }, "Leave")),
      h("div", { class: "plaza-chat plaza-panel" }, this.log, input, this.announceRow),
      this.videos,
      h("div", { class: "plaza-map plaza-panel" }, minimap),
      h(
        "div",
        { class: "plaza-help" },
        h("span", { class: "plaza-help-long" }, "Arrows / WASD or click to walk · people within 5 tiles hear you and join your call"),
        h("span", { class: "plaza-help-short" }, "Arrows / WASD or click: walk"),
        h("span", { class: "plaza-help-touch" }, "Tap where to walk"),
      ),
    );
  }

  setOwner(owner: boolean): void {
    this.announceRow.hidden = !owner;
  }

  /** The player picked a status: tell the room, and say in the log what it does (a menu title is no help on a phone). */
  private chose(handlers: HudHandlers): void {
    const s = this.status.value as PlazaStatus;
    this.status.title = HINTS[s];
    handlers.status(s);
    this.line("system", "", HINTS[s]);
  }

  setStatus(s: PlazaStatus): void {
    this.status.value = s;
    this.status.title = HINTS[s];
  }

  setInfo(text: string): void {
    this.info.textContent = text;
  }

  line(kind: "chat" | "mine" | "announce" | "system", who: string, text: string): void {
    // `plaza-line--chat`, not `plaza-chat`: that is the panel's class (absolutely placed)
    this.log.append(h("div", { class: `plaza-line plaza-line--${kind}` }, who ? h("b", null, `${who}: `) : null, text));
    while (this.log.childElementCount > MAX_LINES) this.log.firstElementChild?.remove();
    this.log.scrollTop = this.log.scrollHeight;
  }
}

/**
 * One lobby card per room kind: title, summary, the placement badge ("state: room memory"), the
 * placement slices with what a server kill does to each (expandable), the open rooms of that kind
 * with their player counts and the options they were created with (updated live), the pickers of
 * the kind's lobby choices (e.g. the shooter's mode) and the Create / Quick play buttons.
 */
import type { OpenRoom } from "../../net/lobbyFeed.js";
import { h, replaceChildren } from "../../ui/dom.js";
import { placementStyle } from "../../ui/theme.js";
import type { PlacementSlice, RoomKindInfo } from "./roomKinds.js";
import type { LobbyChoice } from "../registry.js";

const choiceKey = (kind: string, option: string) => `statecraft.choice.${kind}.${option}`;

/** The player's last pick for a lobby choice, if still offered; else the default. */
function rememberedChoice(kind: string, c: LobbyChoice): string {
  try {
    const v = localStorage.getItem(choiceKey(kind, c.option));
    if (v !== null && c.values.includes(v)) return v;
  } catch {
    /* storage unavailable */
  }
  return c.default;
}

export interface CardActions {
  create(kind: string, options: Record<string, string>): void;
  quickPlay(kind: string, options: Record<string, string>): void;
  join(roomId: string): void;
}

export class RoomKindCard {
  readonly element: HTMLElement;
  private readonly roomsList: HTMLElement;
  /** A line under the open rooms about games already under way (chess: "3 games being played — watch"). */
  private readonly underWay: HTMLElement;
  private readonly roomsCount: HTMLElement;
  private readonly buttons: HTMLButtonElement[];
  private rooms: OpenRoom[] = [];
  private busy = false;

  constructor(
    readonly kind: RoomKindInfo,
    /** False when this client has no scene for the kind: its buttons stay disabled. */
    private readonly playable: boolean,
    private readonly actions: CardActions,
    private readonly choices: readonly LobbyChoice[] = [],
  ) {
    const style = placementStyle(kind.badge);
    const picked = new Map(choices.map((c) => [c.option, rememberedChoice(kind.name, c)]));
    const options = (): Record<string, string> => Object.fromEntries(picked);
    const pickers = choices.map((c) =>
      h(
        "label",
        { class: "card-choice" },
        `${c.label} `,
        h(
          "select",
          {
            "data-option": c.option,
            onchange: (e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              picked.set(c.option, value);
              try {
                localStorage.setItem(choiceKey(kind.name, c.option), value);
              } catch {
                /* private mode: not remembered */
              }
            },
          },
          ...c.values.map((v) => h("option", v === picked.get(c.option) ? { value: v, selected: true } : { value: v }, v)),
        ),
      ),
    );
    const createButton = h("button", { class: "btn", type: "button", onclick: () => actions.create(kind.name, options()) }, "Create");
    const quickButton = h(
      "button",
      { class: "btn btn-primary", type: "button", onclick: () => actions.quickPlay(kind.name, options()) },
      "Quick play",
    );
    this.buttons = [createButton, quickButton];
    this.roomsCount = h("span", { class: "rooms-count" });
    this.roomsList = h("ul", { class: "open-rooms" });
    this.underWay = h("p", { class: "under-way", hidden: true });

    this.element = h(
      "article",
      { class: "card kind-card", "data-kind": kind.name, style: `--accent: ${style.css}` },
      h(
        "header",
        { class: "card-head" },
        h("h3", { class: "card-title" }, kind.title),
        h("span", { class: "badge", title: badgeTooltip(kind), "data-placement": kind.badge }, h("i", { class: "dot" }), `state: ${style.label}`),
      ),
      kind.summary ? h("p", { class: "card-summary" }, kind.summary) : null,
      h("p", { class: "card-meta" }, kind.seats > 0 && kind.seats < kind.maxClients ? `${kind.seats} players · spectators welcome` : kind.maxClients > 0 ? `Room for up to ${kind.maxClients}` : null),
      placementDetails(kind.placement),
      h("div", { class: "rooms-head" }, h("span", null, "Open rooms"), this.roomsCount),
      this.roomsList,
      this.underWay,
      h(
        "footer",
        { class: "card-actions" },
        playable ? null : h("span", { class: "no-client" }, "No browser client for this kind yet"),
        ...(playable ? pickers : []),
        createButton,
        quickButton,
      ),
    );
    this.render();
  }

  setRooms(rooms: OpenRoom[]): void {
    this.rooms = [...rooms].sort((a, b) => b.clients - a.clients || a.roomId.localeCompare(b.roomId));
    this.render();
  }

  /** Says how many games of this kind are being played (0 hides the line); `show` brings their list into view. */
  setUnderWay(count: number, show: () => void): void {
    this.underWay.hidden = count === 0;
    replaceChildren(
      this.underWay,
      count === 0 ? null : h("button", { class: "link-button", type: "button", onclick: show }, `${count} ${count === 1 ? "game" : "games"} being played — watch ↓`),
    );
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.render();
  }

  private render(): void {
    for (const b of this.buttons) b.disabled = this.busy || !this.playable;
    this.roomsCount.textContent = String(this.rooms.length);
    if (this.rooms.length === 0) {
      replaceChildren(this.roomsList, h("li", { class: "empty" }, this.playable ? "None open — create one." : "None open."));
      return;
    }
    replaceChildren(
      this.roomsList,
      this.rooms.map((room) => {
        // the listing's own capacity wins; a room that reports none has the kind's capacity
        const capacity = Number.isFinite(room.maxClients) ? room.maxClients : this.kind.maxClients > 0 ? this.kind.maxClients : Infinity;
        const max = this.kind.seats > 0 && this.kind.seats < capacity ? this.kind.seats : capacity; // seats, not spectator slots
        const full = room.clients >= max;
        return h(
          "li",
          { class: "open-room", "data-room-id": room.roomId },
          h("code", { class: "room-id", title: "Room id" }, room.roomId),
          this.choiceTags(room),
          h("span", { class: "players" }, `${room.clients}/${Number.isFinite(max) ? max : "∞"} players`),
          h(
            "button",
            {
              class: "btn btn-small",
              type: "button",
              disabled: this.busy || !this.playable || full,
              onclick: () => this.actions.join(room.roomId),
            },
            full ? "Full" : "Join",
          ),
        );
      }),
    );
  }

  /** What the room was created with, for the choices this card offers (e.g. the shooter's mode), from its listing's metadata. */
  private choiceTags(room: OpenRoom): HTMLElement | null {
    const meta = (room.metadata ?? {}) as Record<string, unknown>;
    const tags = this.choices.flatMap((c) => (typeof meta[c.option] === "string" ? [meta[c.option] as string] : []));
    return tags.length ? h("span", { class: "room-tags", title: this.choices.map((c) => c.label).join(", ") }, tags.join(" · ")) : null;
  }
}

function placementDetails(slices: PlacementSlice[]): HTMLElement {
  return h(
    "details",
    { class: "placement" },
    h("summary", null, "Where the state lives, and what a server kill does"),
    h(
      "ul",
      null,
      slices.map((s) => {
        const style = placementStyle(s.where);
        return h(
          "li",
          { style: `--accent: ${style.css}` },
          h("div", { class: "slice-head" }, h("i", { class: "dot" }), h("b", null, s.slice), h("span", { class: "where" }, style.label)),
          s.written ? h("div", { class: "slice-line" }, `Written: ${s.written}`) : null,
          s.repository ? h("div", { class: "slice-line" }, "Repository: ", h("code", null, s.repository)) : null,
          h("div", { class: "slice-line kill" }, `Server kill: ${s.onKill}`),
        );
      }),
    ),
  );
}

function badgeTooltip(kind: RoomKindInfo): string {
  const style = placementStyle(kind.badge);
  const lines = kind.placement.map((s) => `• ${s.slice} — ${placementStyle(s.where).label}. Server kill: ${s.onKill}`);
  return [style.meaning, ...lines].join("\n");
}

/**
 * The shooter's HUD, drawn in DOM over the canvas (pointer-events off, so the mouse still aims):
 * health and ammo, round timer, kill feed, scoreboard (hold Tab, or while the round is over) and a
 * network overlay toggled with N (the mode's numbers: ping, tick and ack lag, or report rate and refusals).
 */
import { h, replaceChildren } from "../../ui/dom.js";

export interface HudView {
  hp: number;
  alive: boolean;
  shielded: boolean;
  ammo: number;
  magazine: number;
  reloading: boolean;
  weapon: string;
  secondsLeft: number;
  phase: string;
  round: number;
  map: string;
  scoreLimit: number;
  scores: { id: string; name: string; kills: number; deaths: number; me: boolean }[];
  /** The network overlay's lines (the mode's driver writes them). */
  net: string[];
}

export class Hud {
  readonly root: HTMLElement;
  private readonly health = h("div", { class: "shooter-hp" });
  private readonly ammo = h("div", { class: "shooter-ammo" });
  private readonly timer = h("div", { class: "shooter-timer" });
  private readonly feed = h("ul", { class: "shooter-feed" });
  private readonly board = h("div", { class: "shooter-board", hidden: true });
  private readonly net = h("pre", { class: "shooter-net", hidden: true });
  private readonly banner = h("div", { class: "shooter-banner", hidden: true });
  private readonly help = h("div", { class: "shooter-help" }, "WASD move · mouse aim · click fire · R reload · 1-3 weapon · Tab scores · N net");
  private readonly stickBase = h("div", { class: "shooter-stick", hidden: true });
  private readonly stickKnob = h("div", { class: "shooter-stick-knob", hidden: true });
  private kills: { text: string; until: number }[] = [];
  showBoard = false;
  showNet = false;

  constructor(onLeave: () => void, private readonly touch: { reload: () => void; weapon: () => void; scores: () => void }) {
    this.root = h(
      "div",
      { class: "shooter-hud" },
      h("div", { class: "shooter-top" }, this.timer, h("button", { class: "btn btn-ghost shooter-leave", type: "button", onclick: onLeave }, "← Lobby")),
      this.feed,
      this.banner,
      this.board,
      this.net,
      h("div", { class: "shooter-bottom" }, this.health, this.ammo),
      this.help,
      this.stickBase,
      this.stickKnob,
      h("div", { class: "shooter-touch-buttons" },
        h("button", { class: "btn btn-small", type: "button", onclick: () => this.touch.reload() }, "Reload"),
        h("button", { class: "btn btn-small", type: "button", onclick: () => this.touch.weapon() }, "Weapon"),
        h("button", { class: "btn btn-small", type: "button", onclick: () => this.touch.scores() }, "Scores")),
    );
  }

  /** Touch controls in use: their buttons and help instead of the keyboard's. */
  setTouch(on: boolean): void {
    if (this.root.classList.contains("touch") === on) return;
    this.root.classList.toggle("touch", on);
    this.help.textContent = on
      ? "left thumb: drag to move · right: touch to aim, hold to fire"
      : "WASD move · mouse aim · click fire · R reload · 1-3 weapon · Tab scores · N net";
  }

  /** The move stick under the left thumb (screen px relative to the HUD), or none. */
  stick(s: { x0: number; y0: number; x: number; y: number; radius: number } | null): void {
    this.stickBase.hidden = this.stickKnob.hidden = s === null;
    if (!s) return;
    Object.assign(this.stickBase.style, { left: `${s.x0 - s.radius}px`, top: `${s.y0 - s.radius}px`, width: `${2 * s.radius}px`, height: `${2 * s.radius}px` });
    Object.assign(this.stickKnob.style, { left: `${s.x - 18}px`, top: `${s.y - 18}px` });
  }

  kill(text: string, now: number): void {
    this.kills.push({ text, until: now + 6000 });
    if (this.kills.length > 5) this.kills.shift();
  }

  private lastWeapon: string | null = null;
  private drawing = false;

  render(v: HudView, now: number): void {
    this.health.textContent = v.alive ? `♥ ${v.hp}${v.shielded ? " (protected)" : ""}` : "dead: respawning…";
    this.health.classList.toggle("low", v.alive && v.hp <= 30);
    // a switch costs a full reload (the weapon is drawn and loaded): say so, not "reloading" a weapon never fired
    if (v.weapon !== this.lastWeapon) this.drawing = this.lastWeapon !== null && v.reloading;
    else if (!v.reloading) this.drawing = false;
    this.lastWeapon = v.weapon;
    this.ammo.textContent = `${v.weapon}  ${v.reloading ? (this.drawing ? "switching…" : "reloading…") : `${v.ammo} / ${v.magazine}`}`;
    const s = Math.max(0, Math.ceil(v.secondsLeft));
    this.timer.textContent = `${v.map} · round ${v.round} · ${v.phase === "playing" ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} · first to ${v.scoreLimit}` : `next round in ${s} s`}`;
    this.kills = this.kills.filter((k) => k.until > now);
    replaceChildren(this.feed, this.kills.map((k) => h("li", null, k.text)));
    const leader = v.scores[0];
    this.banner.hidden = v.phase !== "ended";
    this.banner.textContent = v.phase === "ended" ? `Round over — ${leader && leader.kills > 0 ? `${leader.name} wins` : "no winner"}` : "";
    this.board.hidden = !(this.showBoard || v.phase === "ended");
    if (!this.board.hidden) {
      replaceChildren(this.board, h("table", null,
        h("tr", null, h("th", null, "Player"), h("th", null, "Kills"), h("th", null, "Deaths")),
        v.scores.map((r) => h("tr", { class: r.me ? "me" : "" }, h("td", null, r.name), h("td", null, r.kills), h("td", null, r.deaths))),
      ));
    }
    this.net.hidden = !this.showNet;
    if (this.showNet) this.net.textContent = v.net.join("\n");
  }
}

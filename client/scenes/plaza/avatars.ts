/**
 * One avatar on the map: a body circle in a colour derived from its name (the same after a reload), a facing notch, a name tag
 * with a status dot, and a chat bubble that fades after a few seconds. Others are interpolated
 * toward the last position received (the relay sends ~every 25 ms, coalesced), so they glide.
 */
import Phaser from "phaser";
import type { PlazaStatus } from "../../../shared/plaza/index.js";

export const STATUS_COLORS: Record<PlazaStatus, number> = { available: 0x3ddc84, busy: 0xffb020, dnd: 0xff4d4f, ghost: 0x9aa0a6 };
const BUBBLE_MS = 6000;
const FACING: Array<[number, number]> = [[0, 1], [-1, 0], [1, 0], [0, -1]];

export class AvatarSprite {
  x: number;
  y: number;
  targetX: number;
  targetY: number;
  d: number;
  status: PlazaStatus;
  private readonly body: Phaser.GameObjects.Graphics;
  /** What the camera follows (positioned on the avatar every frame). */
  get anchor(): Phaser.GameObjects.Graphics {
    return this.body;
  }
  private readonly tag: Phaser.GameObjects.Text;
  private readonly dot: Phaser.GameObjects.Graphics;
  private bubble: Phaser.GameObjects.Text | null = null;
  private bubbleUntil = 0;
  /** The camera's zoom: labels are drawn at 1 / zoom (crisp, at their screen size whatever the zoom). */
  private zoom = 1;

  constructor(private readonly scene: Phaser.Scene, readonly id: number, readonly name: string, x: number, y: number, d: number, status: PlazaStatus, readonly mine = false) {
    this.x = this.targetX = x;
    this.y = this.targetY = y;
    this.d = d;
    this.status = status;
    this.body = scene.add.graphics().setDepth(10);
    this.dot = scene.add.graphics().setDepth(11);
    this.tag = scene.add
      .text(0, 0, name, { fontFamily: "system-ui, sans-serif", fontSize: "13px", color: "#ffffff", backgroundColor: mine ? "#2b6cb0cc" : "#000000aa", padding: { x: 5, y: 2 } })
      .setOrigin(0.5, 1)
      .setDepth(11);
    this.draw();
    this.update(0, 0); // placed now: a camera told to follow the body must not start from (0, 0)
  }

  private color(): number {
    return Phaser.Display.Color.HSVToRGB(hueOf(this.name) / 360, 0.55, 0.95).color;
  }

  private draw(): void {
    const r = 12;
    const ghost = this.status === "ghost";
    this.body.clear();
    this.body.fillStyle(0x000000, 0.25).fillEllipse(0, r - 1, r * 1.8, 7);
    this.body.fillStyle(this.color(), ghost ? 0.35 : 1).fillCircle(0, 0, r);
    this.body.lineStyle(this.mine ? 3 : 2, this.mine ? 0xffffff : 0x1b1b1b, ghost ? 0.4 : 0.9).strokeCircle(0, 0, r);
    const [fx, fy] = FACING[this.d] ?? [0, 1];
    this.body.fillStyle(0x1b1b1b, ghost ? 0.4 : 0.9).fillCircle(fx * 6, fy * 6, 3);
    this.dot.clear().fillStyle(STATUS_COLORS[this.status], 1).fillCircle(0, 0, 4).lineStyle(1, 0x000000, 0.8).strokeCircle(0, 0, 4);
  }

  /** Keeps the name tag and chat bubble at their size on screen when the camera zooms. */
  setZoom(zoom: number): void {
    this.zoom = zoom;
    for (const label of [this.tag, this.bubble]) label?.setResolution(zoom).setScale(1 / zoom);
  }

  setStatus(status: PlazaStatus): void {
    this.status = status;
    this.draw();
  }

  moveTo(x: number, y: number, d: number): void {
    this.targetX = x;
    this.targetY = y;
    if (d !== this.d) {
      this.d = d;
      this.draw();
    }
  }

  say(text: string, now: number): void {
    this.bubble?.destroy();
    this.bubble = this.scene.add
      .text(0, 0, text.length > 80 ? `${text.slice(0, 79)}…` : text, {
        fontFamily: "system-ui, sans-serif", fontSize: "13px", color: "#111111", backgroundColor: "#ffffffee",
        padding: { x: 7, y: 4 }, wordWrap: { width: 200 },
      })
      .setOrigin(0.5, 1)
      .setDepth(12)
      .setResolution(this.zoom)
      .setScale(1 / this.zoom);
    this.bubbleUntil = now + BUBBLE_MS;
  }

  /** Glides toward the target (others) or sits on it (mine); places the labels. */
  update(now: number, dtMs: number): void {
    if (this.mine) {
      this.x = this.targetX;
      this.y = this.targetY;
    } else {
      const far = Math.hypot(this.targetX - this.x, this.targetY - this.y) > 160;
      const k = far ? 1 : 1 - Math.exp(-dtMs / 60);
      this.x += (this.targetX - this.x) * k;
      this.y += (this.targetY - this.y) * k;
    }
    this.body.setPosition(this.x, this.y);
    this.tag.setPosition(this.x, this.y - 16);
    this.dot.setPosition(this.x - this.tag.displayWidth / 2 - 6, this.y - 16 - this.tag.displayHeight / 2);
    if (this.bubble) {
      if (now > this.bubbleUntil) {
        this.bubble.destroy();
        this.bubble = null;
      } else {
        this.bubble.setPosition(this.x, this.y - 20 - this.tag.displayHeight).setAlpha(Math.min(1, (this.bubbleUntil - now) / 600));
      }
    }
  }

  destroy(): void {
    this.body.destroy();
    this.tag.destroy();
    this.dot.destroy();
    this.bubble?.destroy();
  }
}

/** A hue (0–359) from a name: FNV-1a over its UTF-16 code units. The same name, the same colour everywhere. */
export function hueOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 360;
}

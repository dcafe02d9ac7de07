/**
 * The lobby's moving background: players (dots) drifting, linked when near each other, coloured by
 * the four places state can live. Pure decoration, drawn with one Graphics object; it is seeded, so
 * screenshots are comparable run to run.
 */
import type Phaser from "phaser";
import { createRng, type Rng } from "../../../shared/core/rng.js";
import { PLACEMENT_STYLE } from "../../ui/theme.js";

interface Dot {
  x: number;
  y: number;
  vx: number;
  vy: number;
  r: number;
  color: number;
}

const LINK_DISTANCE = 150;
const COLORS = Object.values(PLACEMENT_STYLE).map((s) => s.hex);

export class Backdrop {
  private readonly graphics: Phaser.GameObjects.Graphics;
  private dots: Dot[] = [];
  private width = 0;
  private height = 0;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly rng: Rng = createRng("statecraft-lobby"),
  ) {
    this.graphics = scene.add.graphics();
    this.resize(scene.scale.width, scene.scale.height);
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    const wanted = Math.round(Math.min(90, Math.max(24, (width * height) / 22_000)));
    while (this.dots.length < wanted) this.dots.push(this.spawn());
    this.dots.length = wanted;
    for (const d of this.dots) {
      d.x = Math.min(d.x, width);
      d.y = Math.min(d.y, height);
    }
  }

  /** Advances by `dtMs` and redraws. */
  update(dtMs: number): void {
    const dt = Math.min(dtMs, 100) / 1000;
    const { width, height } = this;
    for (const d of this.dots) {
      d.x += d.vx * dt;
      d.y += d.vy * dt;
      if (d.x < -20) d.x = width + 20;
      else if (d.x > width + 20) d.x = -20;
      if (d.y < -20) d.y = height + 20;
      else if (d.y > height + 20) d.y = -20;
    }
    this.draw();
  }

  destroy(): void {
    this.graphics.destroy();
  }

  private spawn(): Dot {
    const r = this.rng;
    const angle = r.next() * Math.PI * 2;
    const speed = 6 + r.next() * 14;
    return {
      x: r.next() * Math.max(1, this.width),
      y: r.next() * Math.max(1, this.height),
      vx: Math.cos(angle) * speed,
      vy: Math.sin(angle) * speed,
      r: 1.5 + r.next() * 2.5,
      color: COLORS[r.int(0, COLORS.length - 1)]!,
    };
  }

  private draw(): void {
    const g = this.graphics;
    g.clear();
    const dots = this.dots;
    for (let i = 0; i < dots.length; i++) {
      const a = dots[i]!;
      for (let j = i + 1; j < dots.length; j++) {
        const b = dots[j]!;
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const dist2 = dx * dx + dy * dy;
        if (dist2 > LINK_DISTANCE * LINK_DISTANCE) continue;
        const alpha = 0.16 * (1 - Math.sqrt(dist2) / LINK_DISTANCE);
        g.lineStyle(1, a.color, alpha);
        g.lineBetween(a.x, a.y, b.x, b.y);
      }
    }
    for (const d of dots) {
      g.fillStyle(d.color, 0.12);
      g.fillCircle(d.x, d.y, d.r * 3);
      g.fillStyle(d.color, 0.55);
      g.fillCircle(d.x, d.y, d.r);
    }
  }
}

/**
 * The board's static layer: the squares with a soft shadow under them, and the coordinates inside
 * the edge squares (files along the bottom, ranks on the left, in the colour of the other square
 * shade, as lichess draws them). Redrawn only on resize and flip.
 */
import type Phaser from "phaser";
import { BOARD } from "./boardTheme.js";
import type { BoardGeometry } from "./boardGeometry.js";
import { isLightSquare } from "./position.js";

export class BoardSquares {
  private readonly gfx: Phaser.GameObjects.Graphics;
  private readonly coords: Phaser.GameObjects.Text[] = [];

  constructor(scene: Phaser.Scene, depth: number) {
    this.gfx = scene.add.graphics().setDepth(depth);
    for (let i = 0; i < 16; i++) {
      this.coords.push(scene.add.text(0, 0, "", { fontFamily: "system-ui, sans-serif", fontStyle: "bold" }).setDepth(depth + 0.5));
    }
  }

  destroy(): void {
    this.gfx.destroy();
    for (const t of this.coords) t.destroy();
  }

  draw(geo: BoardGeometry): void {
    const { x, y, size } = geo.layout;
    const s = geo.squareSize;
    const g = this.gfx.clear();
    if (size <= 0) return;
    g.fillStyle(BOARD.shadow.color, BOARD.shadow.alpha).fillRoundedRect(x - 5, y - 3, size + 10, size + 12, 8);
    g.fillStyle(BOARD.dark, 1).fillRect(x, y, size, size);
    g.fillStyle(BOARD.light, 1);
    for (let col = 0; col < 8; col++) {
      for (let row = 0; row < 8; row++) {
        if (isLightSquare(geo.squareOf(col, row))) g.fillRect(x + col * s, y + row * s, s, s);
      }
    }
    const fontPx = Math.max(9, Math.round(s * 0.17));
    const pad = Math.max(2, Math.round(s * 0.05));
    for (let i = 0; i < 8; i++) {
      const fileSq = geo.squareOf(i, 7); // bottom row, column i
      const rankSq = geo.squareOf(0, i); // left column, row i
      this.coords[i]!
        .setText(fileSq[0]!)
        .setFontSize(fontPx)
        .setColor(isLightSquare(fileSq) ? BOARD.coordOnLight : BOARD.coordOnDark)
        .setOrigin(1, 1)
        .setPosition(x + (i + 1) * s - pad, y + size - pad * 0.6);
      this.coords[8 + i]!
        .setText(rankSq[1]!)
        .setFontSize(fontPx)
        .setColor(isLightSquare(rankSq) ? BOARD.coordOnLight : BOARD.coordOnDark)
        .setOrigin(0, 0)
        .setPosition(x + pad, y + i * s + pad * 0.6);
    }
  }
}

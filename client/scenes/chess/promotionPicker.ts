/**
 * The promotion picker (lichess-style): the board dims and the four pieces stand in a column
 * from the promotion square toward the centre — queen, knight, rook, bishop. A press on one
 * promotes to it; a press anywhere else cancels (there is no auto-queen).
 */
import type Phaser from "phaser";
import type { BoardGeometry } from "./boardGeometry.js";
import type { PieceColor } from "./pieceArt.js";
import { pieceTextureKey } from "./pieceTextures.js";
import type { Square } from "./position.js";

export type PromotionPiece = "q" | "n" | "r" | "b";
export const PROMOTION_ORDER: readonly PromotionPiece[] = ["q", "n", "r", "b"];

export class PromotionPicker {
  private open: { from: Square; to: Square; objects: Phaser.GameObjects.GameObject[] } | null = null;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly depth: number,
  ) {}

  /** "e7e8" while open, else null. */
  get asking(): string | null {
    return this.open ? `${this.open.from}${this.open.to}` : null;
  }

  show(geo: BoardGeometry, from: Square, to: Square, color: PieceColor): void {
    this.close();
    const { x, y, size } = geo.layout;
    const s = geo.squareSize;
    const objects: Phaser.GameObjects.GameObject[] = [this.scene.add.rectangle(x, y, size, size, 0x000000, 0.45).setOrigin(0, 0).setDepth(this.depth)];
    PROMOTION_ORDER.forEach((type, i) => {
      const c = this.slotCenter(geo, to, i);
      objects.push(this.scene.add.circle(c.x, c.y, s * 0.47, 0xeef2f5, 1).setStrokeStyle(2, 0x5b7384).setDepth(this.depth + 1));
      objects.push(this.scene.add.image(c.x, c.y, pieceTextureKey(color, type)).setDisplaySize(s * 0.9, s * 0.9).setDepth(this.depth + 2));
    });
    this.open = { from, to, objects };
  }

  /** A press at (px, py): the move with its promotion piece, or null (cancelled). Closes the picker. */
  pick(geo: BoardGeometry, px: number, py: number): { from: Square; to: Square; promotion: PromotionPiece } | null {
    const open = this.open;
    if (!open) return null;
    this.close();
    const target = geo.cell(open.to);
    const step = target.row === 0 ? 1 : -1;
    const { col, row } = geo.cellAt(px, py);
    const index = col === target.col ? (row - target.row) * step : -1;
    const promotion = PROMOTION_ORDER[index];
    return promotion ? { from: open.from, to: open.to, promotion } : null;
  }

  close(): void {
    if (!this.open) return;
    for (const o of this.open.objects) o.destroy();
    this.open = null;
  }

  /** Slot i counts from the promotion square toward the centre of the board. */
  private slotCenter(geo: BoardGeometry, to: Square, i: number): { x: number; y: number } {
    const { col, row } = geo.cell(to);
    const step = row === 0 ? 1 : -1;
    const s = geo.squareSize;
    return { x: geo.layout.x + (col + 0.5) * s, y: geo.layout.y + (row + step * i + 0.5) * s };
  }
}

/**
 * Where each square is on screen: the board's corner and size plus the side at the bottom. Pure;
 * the board view, its squares layer and the promotion picker all measure with it.
 */
import type { Color } from "../../../shared/chess/color.js";
import { squareCoords, squareName, type Square } from "./position.js";

export interface BoardLayout {
  x: number; // top-left corner, game px
  y: number;
  size: number; // side of the board, px (a multiple of 8)
}

export class BoardGeometry {
  constructor(
    readonly layout: BoardLayout,
    readonly orientation: Color,
  ) {}

  get squareSize(): number {
    return this.layout.size / 8;
  }

  /** Column (0 = left) and row (0 = top) of a square on screen. */
  cell(square: Square): { col: number; row: number } {
    const { file, rank } = squareCoords(square);
    const white = this.orientation === "white";
    return { col: white ? file : 7 - file, row: white ? 7 - rank : rank };
  }

  /** The square shown at a column and row. */
  squareOf(col: number, row: number): Square {
    const white = this.orientation === "white";
    return squareName(white ? col : 7 - col, white ? 7 - row : row);
  }

  center(square: Square): { x: number; y: number } {
    const s = this.squareSize;
    const { col, row } = this.cell(square);
    return { x: this.layout.x + (col + 0.5) * s, y: this.layout.y + (row + 0.5) * s };
  }

  /** Column and row under a point (may be off the board: < 0 or > 7). */
  cellAt(x: number, y: number): { col: number; row: number } {
    const s = this.squareSize;
    return { col: Math.floor((x - this.layout.x) / s), row: Math.floor((y - this.layout.y) / s) };
  }

  /** The square under a point, or null off the board. */
  squareAt(x: number, y: number): Square | null {
    if (this.squareSize <= 0) return null;
    const { col, row } = this.cellAt(x, y);
    return col < 0 || col > 7 || row < 0 || row > 7 ? null : this.squareOf(col, row);
  }
}

/**
 * The chess board drawn with Phaser: squares and coordinates (boardSquares.ts), last-move / check /
 * selection highlights, legal-move hints, the pieces, drag-and-drop and click-click input (the
 * gesture rules are in moveInput.ts) and the promotion picker (promotionPicker.ts). It knows
 * nothing about rooms: it is handed a position and an orientation and reports the moves made.
 */
import Phaser from "phaser";
import type { Color } from "../../../shared/chess/color.js";
import { BoardGeometry, type BoardLayout } from "./boardGeometry.js";
import { BoardSquares } from "./boardSquares.js";
import { BOARD } from "./boardTheme.js";
import { MoveInput, type InputAction } from "./moveInput.js";
import { pieceTextureKey, type PieceTextures } from "./pieceTextures.js";
import type { MoveIntent, Position, Square } from "./position.js";
import { PromotionPicker } from "./promotionPicker.js";

export type { BoardLayout };

export interface BoardModel {
  position: Position;
  lastMove: [Square, Square] | null;
  orientation: Color; // the side at the bottom
  movable: boolean; // the viewer may move now (their turn, game on, live position)
  premoveAs: Color | null; // else the viewer may queue a premove as this colour (opponent to move)
  premove: [Square, Square] | null; // the queued premove, highlighted until it is played or cancelled
}

export interface BoardHandlers {
  move(intent: MoveIntent): void;
  premove(intent: MoveIntent): void;
  /** Any press on the board while a premove is queued cancels it (lichess). */
  cancelPremove(): void;
}

const DRAG_THRESHOLD = 4; // px before a press becomes a drag
const PIECE_SCALE = 0.92; // of a square: leaves the corner coordinates readable
const SLIDE_MS = 120; // a move slides its piece from the old square (not after a drag: it is already there)
const DEPTH = { squares: 0, highlights: 1, pieces: 3, hints: 4, drag: 6, flash: 9, picker: 10 } as const;

interface Drag {
  square: Square;
  startX: number;
  startY: number;
  sprite: Phaser.GameObjects.Image | null; // set once the pointer moved far enough
}

export class BoardView {
  private geo = new BoardGeometry({ x: 0, y: 0, size: 0 }, "white");
  private model: BoardModel | null = null;
  private readonly input = new MoveInput();
  private readonly squares: BoardSquares;
  private readonly highlightGfx: Phaser.GameObjects.Graphics;
  private readonly hintGfx: Phaser.GameObjects.Graphics;
  private readonly flashGfx: Phaser.GameObjects.Graphics;
  private readonly picker: PromotionPicker;
  private readonly pieces = new Map<Square, Phaser.GameObjects.Image>();
  private drag: Drag | null = null;
  private hover: Square | null = null;
  private dropped = false; // the last move was made by dropping the piece on its square
  private readonly unbind: () => void;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly textures: PieceTextures,
    private readonly handlers: BoardHandlers,
  ) {
    this.squares = new BoardSquares(scene, DEPTH.squares);
    this.highlightGfx = scene.add.graphics().setDepth(DEPTH.highlights);
    this.hintGfx = scene.add.graphics().setDepth(DEPTH.hints);
    this.flashGfx = scene.add.graphics().setDepth(DEPTH.flash).setAlpha(0);
    this.picker = new PromotionPicker(scene, DEPTH.picker);

    const down = (p: Phaser.Input.Pointer): void => this.onDown(p);
    const move = (p: Phaser.Input.Pointer): void => this.onMove(p);
    const up = (p: Phaser.Input.Pointer): void => this.onUp(p);
    const events = Phaser.Input.Events;
    scene.input.on(events.POINTER_DOWN, down);
    scene.input.on(events.POINTER_MOVE, move);
    scene.input.on(events.POINTER_UP, up);
    scene.input.on(events.POINTER_UP_OUTSIDE, up);
    this.unbind = () => {
      scene.input.off(events.POINTER_DOWN, down);
      scene.input.off(events.POINTER_MOVE, move);
      scene.input.off(events.POINTER_UP, up);
      scene.input.off(events.POINTER_UP_OUTSIDE, up);
    };
  }

  destroy(): void {
    this.unbind();
    this.picker.close();
    this.endDrag();
    for (const img of this.pieces.values()) img.destroy();
    this.pieces.clear();
    this.squares.destroy();
    this.highlightGfx.destroy();
    this.hintGfx.destroy();
    this.flashGfx.destroy();
  }

  /** Size (px) pieces are drawn at: the piece textures are rasterized at this size. */
  get pieceSize(): number {
    return this.geo.squareSize * PIECE_SCALE;
  }

  /** The promotion being asked for ("e7e8"), or null. */
  get promoting(): string | null {
    return this.picker.asking;
  }

  setLayout(layout: BoardLayout): void {
    this.geo = new BoardGeometry(layout, this.geo.orientation);
    this.picker.close();
    this.endDrag();
    this.squares.draw(this.geo);
    this.redraw();
  }

  /** Shows a new position (or the same one with other permissions/orientation). */
  setModel(model: BoardModel): void {
    const previous = this.model;
    this.model = model;
    if (!previous || previous.position.fen !== model.position.fen || !model.movable || previous.orientation !== model.orientation) {
      this.picker.close();
      this.endDrag();
    }
    this.input.setPosition(model.position, model.movable, model.premove ? null : model.premoveAs);
    if (model.orientation !== this.geo.orientation) {
      this.geo = new BoardGeometry(this.geo.layout, model.orientation);
      this.squares.draw(this.geo);
    }
    const slide = this.slideFor(previous, model);
    this.redraw();
    if (slide) this.animateSlide(slide.img, slide.from, slide.to);
  }

  /**
   * When the new position is the old one plus `lastMove`, the piece on its from-square is moved to
   * its to-square in `pieces` (so it is re-used, not re-created) and slides there.
   */
  private slideFor(previous: BoardModel | null, model: BoardModel): { img: Phaser.GameObjects.Image; from: Square; to: Square } | null {
    const dropped = this.dropped;
    this.dropped = false;
    const last = model.lastMove;
    if (!previous || !last || dropped || previous.position.fen === model.position.fen) return null;
    const [from, to] = last;
    const moved = model.position.pieceAt(to);
    const before = previous.position.pieceAt(from);
    const img = this.pieces.get(from);
    if (!img || !moved || !before || before.color !== moved.color || previous.position.pieceAt(to)?.color === moved.color) return null;
    this.pieces.get(to)?.destroy(); // a captured piece
    this.pieces.delete(from);
    this.pieces.set(to, img);
    return { img, from, to };
  }

  private animateSlide(img: Phaser.GameObjects.Image, from: Square, to: Square): void {
    const a = this.geo.center(from);
    const b = this.geo.center(to);
    this.scene.tweens.killTweensOf(img);
    img.setPosition(a.x, a.y).setDepth(DEPTH.pieces + 0.5);
    this.scene.tweens.add({ targets: img, x: b.x, y: b.y, duration: SLIDE_MS, ease: "Quad.easeOut", onComplete: () => img.setDepth(DEPTH.pieces) });
  }

  /**
   * Re-draws the pieces after the piece textures were re-rasterized at another size. The images
   * are made afresh: an image keeps the frame size and display origin it had when its texture was
   * set, so an old image would be drawn off its square's centre once the texture's size changed.
   */
  refreshPieces(): void {
    for (const img of this.pieces.values()) img.destroy();
    this.pieces.clear();
    this.redraw();
  }

  /**
   * Centre of the image of the piece on `square` (game coordinates); null when none is drawn, or
   * while the piece textures are still being rasterized for the board's current size.
   */
  pieceCenter(square: Square): { x: number; y: number } | null {
    if (this.textures.currentSize !== Math.max(8, Math.round(this.pieceSize))) return null;
    const img = this.pieces.get(square);
    if (!img) return null;
    // where the renderer puts the texture: its top-left is the position minus the display origin,
    // and it spans the frame's cut size, both scaled (getBounds would use the image's own size)
    return {
      x: img.x + (img.frame.cutWidth / 2 - img.displayOriginX) * img.scaleX,
      y: img.y + (img.frame.cutHeight / 2 - img.displayOriginY) * img.scaleY,
    };
  }

  /** Centre of `square` in game coordinates. */
  squareCenter(square: Square): { x: number; y: number } {
    return this.geo.center(square);
  }

  /** A short red pulse around the board: the server refused what was just tried. */
  flashError(): void {
    const { x, y, size } = this.geo.layout;
    this.flashGfx.clear().lineStyle(4, BOARD.error, 1).strokeRect(x - 2, y - 2, size + 4, size + 4);
    this.scene.tweens.killTweensOf(this.flashGfx);
    this.flashGfx.setAlpha(1);
    this.scene.tweens.add({ targets: this.flashGfx, alpha: 0, duration: 700, ease: "Quad.easeIn" });
  }

  // ---- drawing -------------------------------------------------------------------------------

  private fillSquare(g: Phaser.GameObjects.Graphics, square: Square, color: number, alpha: number): void {
    const s = this.geo.squareSize;
    const { col, row } = this.geo.cell(square);
    g.fillStyle(color, alpha).fillRect(this.geo.layout.x + col * s, this.geo.layout.y + row * s, s, s);
  }

  /** Highlights, pieces and hints for the current model and selection. */
  private redraw(): void {
    const model = this.model;
    const h = this.highlightGfx.clear();
    const hints = this.hintGfx.clear();
    if (!model || this.geo.layout.size <= 0) return;
    const s = this.geo.squareSize;

    if (model.lastMove) for (const sq of model.lastMove) this.fillSquare(h, sq, BOARD.lastMove.color, BOARD.lastMove.alpha);
    if (model.premove) for (const sq of model.premove) this.fillSquare(h, sq, BOARD.premove.color, BOARD.premove.alpha);
    const selected = this.input.selected;
    const mark = this.input.premoving ? BOARD.premove : BOARD.selected;
    if (selected) this.fillSquare(h, selected, mark.color, mark.alpha);
    if (this.hover && this.drag?.sprite && this.input.destinations().some((m) => m.to === this.hover)) {
      this.fillSquare(h, this.hover, BOARD.hover.color, BOARD.hover.alpha);
    }
    const check = model.position.checkSquare();
    if (check) {
      // a soft red glow: stacked translucent discs approximate a radial gradient
      const c = this.geo.center(check);
      for (let i = 0; i < 7; i++) h.fillStyle(BOARD.check, 0.14).fillCircle(c.x, c.y, s * (0.56 - i * 0.065));
    }

    this.drawPieces(model.position);

    const hint = this.input.premoving ? BOARD.premove : BOARD.hint;
    for (const m of this.input.destinations()) {
      const c = this.geo.center(m.to);
      if (model.position.pieceAt(m.to)) {
        hints.lineStyle(Math.max(2, s * 0.075), hint.color, hint.alpha).strokeCircle(c.x, c.y, s * 0.46);
      } else {
        hints.fillStyle(hint.color, hint.alpha).fillCircle(c.x, c.y, s * 0.15);
      }
    }
  }

  private drawPieces(position: Position): void {
    if (this.textures.currentSize <= 0) return; // not rasterized yet: refreshPieces() follows
    const size = this.pieceSize;
    const seen = new Set<Square>();
    for (const piece of position.pieces()) {
      seen.add(piece.square);
      const key = pieceTextureKey(piece.color, piece.type);
      let img = this.pieces.get(piece.square);
      if (!img) {
        img = this.scene.add.image(0, 0, key).setDepth(DEPTH.pieces);
        this.pieces.set(piece.square, img);
      } else if (img.texture.key !== key) {
        img.setTexture(key);
      }
      const c = this.geo.center(piece.square);
      img.setPosition(c.x, c.y).setDisplaySize(size, size);
      img.setAlpha(this.drag?.sprite && this.drag.square === piece.square ? 0.35 : 1); // the ghost left behind by a drag
    }
    for (const [sq, img] of this.pieces) {
      if (!seen.has(sq)) {
        img.destroy();
        this.pieces.delete(sq);
      }
    }
  }

  // ---- input ---------------------------------------------------------------------------------

  private onDown(p: Phaser.Input.Pointer): void {
    if (this.picker.asking) {
      const picked = this.picker.pick(this.geo, p.x, p.y);
      if (picked) this.handlers.move(picked);
      else this.redraw(); // cancelled: the pawn stays where it was
      return;
    }
    if (this.model?.premove) {
      this.handlers.cancelPremove();
      return;
    }
    const square = this.geo.squareAt(p.x, p.y);
    const { action, drag } = this.input.press(square);
    if (drag && square) this.drag = { square, startX: p.x, startY: p.y, sprite: null };
    this.apply(action);
  }

  private onMove(p: Phaser.Input.Pointer): void {
    const drag = this.drag;
    if (!drag) return;
    if (!drag.sprite) {
      if (!p.isDown || Math.hypot(p.x - drag.startX, p.y - drag.startY) < DRAG_THRESHOLD) return;
      const piece = this.model?.position.pieceAt(drag.square);
      if (!piece) return;
      const size = this.pieceSize * 1.08;
      drag.sprite = this.scene.add.image(p.x, p.y, pieceTextureKey(piece.color, piece.type)).setDepth(DEPTH.drag).setDisplaySize(size, size);
    }
    drag.sprite.setPosition(p.x, p.y);
    const hover = this.geo.squareAt(p.x, p.y);
    if (hover !== this.hover) {
      this.hover = hover;
      this.redraw();
    }
  }

  private onUp(p: Phaser.Input.Pointer): void {
    const drag = this.drag;
    if (!drag) return;
    const action = this.input.release(this.geo.squareAt(p.x, p.y), drag.sprite !== null);
    this.dropped = drag.sprite !== null && action.kind === "move";
    this.apply(action); // a move re-renders the board at the new position before the drag sprite goes
    this.endDrag();
    this.redraw();
  }

  private endDrag(): void {
    this.drag?.sprite?.destroy();
    this.drag = null;
    this.hover = null;
  }

  private apply(action: InputAction): void {
    switch (action.kind) {
      case "move":
        this.handlers.move(action.intent);
        break;
      case "premove":
        this.handlers.premove(action.intent);
        break;
      case "promote": {
        const color = this.model?.position.turn() === "black" ? "b" : "w";
        this.picker.show(this.geo, action.from, action.to, color);
        break;
      }
      case "select":
      case "deselect":
        this.redraw();
        break;
      case "none":
        break;
    }
  }
}

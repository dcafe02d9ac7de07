/**
 * How pointer gestures on the board become moves, lichess-style, independent of Phaser:
 * - click-click: press a piece of yours (it is selected, its legal targets are shown), then press
 *   a target; pressing the selected piece again deselects it, pressing another of yours selects it;
 * - drag-and-drop: press a piece and release it on a target (released anywhere else, it goes back);
 * - a pawn reaching the last rank asks which piece to promote to (there is no auto-queen).
 * Only the player whose turn it is can move; the board asks `setPosition` with that permission.
 * While the opponent is to move, the player may instead queue ONE premove with the same gestures
 * (`premoveAs`): its targets are the piece's moves as if it were the player's turn, a promotion
 * premove promotes to a queen, and it is played (or dropped, if no longer legal) when the turn comes.
 */
import type { Move } from "chess.js";
import type { MoveIntent, Position, Square } from "./position.js";

export type InputAction =
  | { kind: "none" }
  | { kind: "select"; square: Square }
  | { kind: "deselect" }
  | { kind: "move"; intent: MoveIntent }
  | { kind: "premove"; intent: MoveIntent }
  | { kind: "promote"; from: Square; to: Square };

export class MoveInput {
  private position: Position | null = null;
  private movable = false;
  private premoveAs: "white" | "black" | null = null;
  private selectedSquare: Square | null = null;
  private targets: Move[] = [];
  private deselectOnRelease = false;

  /**
   * The position shown and whether the viewer may move in it now, or else premove as `premoveAs`.
   * Clears a stale selection.
   */
  setPosition(position: Position | null, movable: boolean, premoveAs: "white" | "black" | null = null): void {
    const samePosition = position !== null && this.position !== null && position.fen === this.position.fen;
    const sameMode = this.movable === (movable && position !== null) && this.premoveAs === premoveAs;
    this.position = position;
    this.movable = movable && position !== null;
    this.premoveAs = this.movable || position === null ? null : premoveAs;
    if (!samePosition || !sameMode || (!this.movable && this.premoveAs === null)) this.clear();
  }

  /** Selections now make premoves, not moves. */
  get premoving(): boolean {
    return this.premoveAs !== null;
  }

  get selected(): Square | null {
    return this.selectedSquare;
  }

  /** Legal moves of the selected piece (one per target; promotions once, as "q"). */
  destinations(): Move[] {
    return this.targets.filter((m) => !m.promotion || m.promotion === "q");
  }

  clear(): void {
    this.selectedSquare = null;
    this.targets = [];
    this.deselectOnRelease = false;
  }

  /** Pointer pressed on `square` (null: off the board). `drag` says whether a drag may start. */
  press(square: Square | null): { action: InputAction; drag: boolean } {
    if ((!this.movable && this.premoveAs === null) || !this.position || square === null) {
      const had = this.selectedSquare !== null;
      this.clear();
      return { action: had ? { kind: "deselect" } : { kind: "none" }, drag: false };
    }
    if (this.selectedSquare && square !== this.selectedSquare && this.isTarget(square)) {
      return { action: this.complete(this.selectedSquare, square), drag: false };
    }
    if (this.isOwnPiece(square)) {
      if (square === this.selectedSquare) {
        this.deselectOnRelease = true; // a click on the selected piece deselects it; a drag does not
        return { action: { kind: "none" }, drag: true };
      }
      this.selectedSquare = square;
      this.targets = this.premoveAs ? this.position.premovesFrom(square, this.premoveAs) : this.position.movesFrom(square);
      this.deselectOnRelease = false;
      return { action: { kind: "select", square }, drag: true };
    }
    const had = this.selectedSquare !== null;
    this.clear();
    return { action: had ? { kind: "deselect" } : { kind: "none" }, drag: false };
  }

  /** Pointer released over `square` after a press that allowed a drag; `dragged`: it moved. */
  release(square: Square | null, dragged: boolean): InputAction {
    const from = this.selectedSquare;
    if (!from) return { kind: "none" };
    if (!dragged) {
      if (this.deselectOnRelease) {
        this.clear();
        return { kind: "deselect" };
      }
      return { kind: "none" };
    }
    this.deselectOnRelease = false;
    if (square === from) return { kind: "none" }; // dropped back where it was: stays selected
    if (square !== null && this.isTarget(square)) return this.complete(from, square);
    this.clear();
    return { kind: "deselect" };
  }

  private complete(from: Square, to: Square): InputAction {
    const moves = this.targets.filter((m) => m.to === to);
    this.clear();
    const promotes = moves.some((m) => m.promotion);
    if (this.premoveAs) return { kind: "premove", intent: { from, to, ...(promotes ? { promotion: "q" as const } : {}) } };
    if (promotes) return { kind: "promote", from, to };
    return { kind: "move", intent: { from, to } };
  }

  private isTarget(square: Square): boolean {
    return this.targets.some((m) => m.to === square);
  }

  private isOwnPiece(square: Square): boolean {
    const piece = this.position?.pieceAt(square);
    const mine = this.premoveAs ?? this.position?.turn();
    return !!piece && (piece.color === "w" ? "white" : "black") === mine;
  }
}

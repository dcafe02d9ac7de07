/**
 * The client's model of one game, independent of Phaser and of the connection: the latest
 * snapshot, the server clock estimate, the move the player sent and the server has not confirmed
 * yet (shown at once, taken back on a rejection), the orientation, and the ply being looked at
 * when browsing the move list. The scene feeds it patches and reads what to draw.
 */
import type { Color } from "../../../shared/chess/color.js";
import { remainingMs, ServerClock } from "./clockSync.js";
import { deriveView, type GameView, type Viewer } from "./gameView.js";
import { Position, replayPlies, uciSquares, type MoveIntent, type Ply, type Square } from "./position.js";
import type { ChessSnapshot } from "./snapshot.js";

/** Claim buttons appear this long after the opponent's window ends by our clock (the server's decides). */
const CLAIM_MARGIN_MS = 300;

/** An unconfirmed move is given up (the board shows the server's position again) after this long. */
const PENDING_TIMEOUT_MS = 10_000;

interface PendingMove {
  ply: number;
  san: string;
  uci: string;
  position: Position;
  payload: MovePayload;
  sentAt: number; // local ms
}

export interface MovePayload {
  from: Square;
  to: Square;
  promotion?: "q" | "r" | "b" | "n";
  ply: number;
}

export interface Shown {
  position: Position;
  lastMove: [Square, Square] | null;
  viewing: number; // ply shown; = moves.length when live
  live: boolean;
}

export class GameModel {
  snapshot: ChessSnapshot | null = null;
  view: GameView | null = null;
  private livePosition: Position | null = null;
  private pending: PendingMove | null = null;
  private premoveIntent: MoveIntent | null = null; // queued while the opponent is to move
  private orientationChoice: Color | null = null;
  private viewingPly: number | null = null;
  private plies: Ply[] = [];
  private readonly clock = new ServerClock();

  constructor(private readonly viewer: Viewer) {}

  /** Takes a new snapshot received at `localNow` (the first one is the join state). */
  update(s: ChessSnapshot, localNow: number): void {
    const previous = this.snapshot;
    this.clock.observe(s.clockSyncedAt, localNow, previous !== null);
    this.snapshot = s;
    if (!previous || previous.fen !== s.fen) this.livePosition = new Position(s.fen);
    if (this.pending && (s.moves.length > this.pending.ply || s.status !== "playing")) this.pending = null;
    if (s.status !== "playing") this.premoveIntent = null;
    if (!previous || previous.moves.length !== s.moves.length) this.plies = [];
    this.view = deriveView(s, this.viewer);
    if (this.orientationChoice === null || (previous?.status === "waiting" && s.status !== "waiting")) {
      this.orientationChoice = this.view.myColor ?? "white"; // your side at the bottom once colours are drawn
    }
  }

  observeDateHeader(serverDateMs: number, localNow: number): void {
    this.clock.observeDateHeader(serverDateMs, localNow);
  }

  get orientation(): Color {
    return this.orientationChoice ?? "white";
  }

  flip(): void {
    this.orientationChoice = this.orientation === "white" ? "black" : "white";
  }

  /** SAN of the move waiting for the server's confirmation. */
  get pendingSan(): string | null {
    return this.pending?.san ?? null;
  }

  /** What the board shows: the live position (with the unconfirmed move) or a past one. */
  shown(): Shown | null {
    const s = this.snapshot;
    if (!s || !this.livePosition) return null;
    if (this.viewingPly === null) {
      return {
        position: this.pending?.position ?? this.livePosition,
        lastMove: uciSquares(this.pending?.uci ?? s.lastMove),
        viewing: s.moves.length,
        live: true,
      };
    }
    if (this.plies.length !== s.moves.length + 1) this.plies = replayPlies(s.moves);
    const index = Math.min(this.viewingPly, this.plies.length - 1);
    const ply = this.plies[index]!;
    return { position: new Position(ply.fen), lastMove: uciSquares(ply.uci), viewing: index, live: false };
  }

  /** The viewer may move on the board now (their turn, live position, nothing in flight). */
  canMove(): boolean {
    return !!this.view?.myTurn && this.viewingPly === null && this.pending === null;
  }

  /** The colour the viewer may premove as now (playing, watching the live position, opponent to move), or null. */
  premoveColor(): Color | null {
    const v = this.view;
    if (!v?.myColor || this.snapshot?.status !== "playing" || this.viewingPly !== null) return null;
    return v.myTurn && this.pending === null ? null : v.myColor;
  }

  /** The queued premove's squares (for the board), or null. */
  get premove(): [Square, Square] | null {
    return this.premoveIntent ? [this.premoveIntent.from, this.premoveIntent.to] : null;
  }

  setPremove(intent: MoveIntent): void {
    if (this.premoveColor() !== null) this.premoveIntent = intent;
  }

  cancelPremove(): void {
    this.premoveIntent = null;
  }

  /** The queued premove, once it is the viewer's turn (it is then no longer queued). */
  takePremove(): MoveIntent | null {
    if (!this.premoveIntent || !this.canMove()) return null;
    const intent = this.premoveIntent;
    this.premoveIntent = null;
    return intent;
  }

  /** A move the player made at `localNow`: shown at once; returns the `move` payload, or null if illegal here. */
  propose(intent: MoveIntent, localNow: number): MovePayload | null {
    const s = this.snapshot;
    if (!s || !this.livePosition || this.pending) return null;
    const after = this.livePosition.after(intent);
    if (!after) return null;
    const ply = s.moves.length; // the plies seen = the index this move gets
    const payload: MovePayload = { from: intent.from, to: intent.to, ...(intent.promotion ? { promotion: intent.promotion } : {}), ply };
    this.pending = { ply, san: after.san, uci: after.uci, position: after.position, payload, sentAt: localNow };
    return payload;
  }

  /**
   * The unconfirmed move, to send again after a reconnection: its `ply` makes that safe (a move
   * the room already has is not applied twice).
   */
  resendable(): MovePayload | null {
    return this.pending?.payload ?? null;
  }

  /** Gives up on a move the server never answered; true when the board must be redrawn. */
  expirePending(localNow: number): boolean {
    if (!this.pending || localNow - this.pending.sentAt < PENDING_TIMEOUT_MS) return false;
    this.pending = null;
    return true;
  }

  /** The server refused a command: an unconfirmed move is taken back. */
  rejected(): void {
    this.pending = null;
  }

  /** Shows the position after `ply` (null or the last ply: live). */
  viewPly(ply: number | null): void {
    const last = this.snapshot?.moves.length ?? 0;
    this.viewingPly = ply === null || ply >= last ? null : Math.max(0, ply);
  }

  /** For the ← → ↑ ↓ keys: the ply a step from the one shown. */
  stepFrom(step: "back" | "forward" | "start" | "live"): number | null {
    const last = this.snapshot?.moves.length ?? 0;
    const at = this.viewingPly ?? last;
    switch (step) {
      case "back":
        return Math.max(0, at - 1);
      case "forward":
        return at + 1;
      case "start":
        return 0;
      case "live":
        return null;
    }
  }

  /** Clocks and the opponent's reconnection countdown at `localNow`. */
  clocks(localNow: number): { whiteMs: number; blackMs: number; running: Color | ""; opponentAwayMs: number | null } | null {
    const s = this.snapshot;
    if (!s) return null;
    const now = this.clock.serverNow(localNow);
    const opponent = this.view?.opponent;
    const away = opponent && !opponent.connected && opponent.reconnectDeadline > 0 ? opponent.reconnectDeadline + CLAIM_MARGIN_MS - now : null;
    return {
      whiteMs: remainingMs(s, "white", now),
      blackMs: remainingMs(s, "black", now),
      running: s.status === "playing" ? s.clockRunning : "",
      opponentAwayMs: away,
    };
  }
}

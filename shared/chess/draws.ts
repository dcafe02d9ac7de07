/**
 * Draws by agreement and by claim.
 *
 * Offers (lichess-style, FIDE 9.1.2): an offer stands until the receiver accepts, declines, or
 * moves (which declines it, see game.ts). Offering while the opponent's offer stands accepts it.
 * Offering twice is a no-op. An offer the opponent declined cannot be renewed before a move has
 * been played (DRAW_DECLINED): otherwise a player can pester the opponent with an offer a second.
 *
 * Claims (FIDE 9.2, 9.3): only the side to move may claim, and only when the position on the board
 * has occurred at least three times (same pieces, side to move, castling rights and en-passant
 * possibility; game.ts keeps the counts) or 50 moves by each side have passed without a capture or
 * pawn move. FIDE also lets a player claim on the move they are about to make; this server does
 * not (make the move, then the opponent may claim, or the fivefold/75-move rules end it).
 */
import { ok, reject, type Result } from "../core/errors.js";
import { opposite, type Color } from "./color.js";
import { endGame, guardPlaying } from "./game.js";
import { sideToMove, type ChessGame, type Outcome, type Termination } from "./state.js";

export function offerDraw(game: ChessGame, color: Color, now: number): Result<Outcome> {
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  if (game.drawOfferBy === opposite(color)) return endGame(game, "1/2-1/2", "agreement", now);
  if (game.drawOfferBy === color) return ok({ events: [], duplicate: true });
  if (game.drawDeclinedAt[color] === game.moves.length) {
    return reject("DRAW_DECLINED", "your opponent declined your draw offer; you can offer again after a move");
  }
  game.drawOfferBy = color;
  return ok({ events: [{ type: "drawOffered", by: color }], duplicate: false });
}

export function acceptDraw(game: ChessGame, color: Color, now: number): Result<Outcome> {
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  if (game.drawOfferBy !== opposite(color)) return reject("NO_DRAW_OFFER", "your opponent has not offered a draw");
  return endGame(game, "1/2-1/2", "agreement", now);
}

export function declineDraw(game: ChessGame, color: Color, now: number): Result<Outcome> {
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  if (game.drawOfferBy !== opposite(color)) return reject("NO_DRAW_OFFER", "your opponent has not offered a draw");
  game.drawOfferBy = "";
  game.drawDeclinedAt[opposite(color)] = game.moves.length;
  return ok({ events: [{ type: "drawDeclined", by: color }], duplicate: false });
}

/** Which claim the side to move could make now, if any (threefold first). For UI buttons too. */
export function claimableDraw(game: ChessGame): Extract<Termination, "threefold" | "fifty-move"> | null {
  if (game.status !== "playing") return null;
  if ((game.positionCounts.get(game.positionKey) ?? 0) >= 3) return "threefold";
  if (game.halfmoveClock >= 100) return "fifty-move";
  return null;
}

export function claimDraw(game: ChessGame, color: Color, now: number): Result<Outcome> {
  const blocked = guardPlaying(game, now);
  if (blocked) return blocked;
  if (sideToMove(game) !== color) return reject("NOT_YOUR_TURN", "only the side to move can claim a draw");
  const claim = claimableDraw(game);
  if (claim === null) {
    return reject("DRAW_NOT_CLAIMABLE", "no threefold repetition and fewer than 50 moves without a capture or pawn move");
  }
  return endGame(game, "1/2-1/2", claim, now);
}

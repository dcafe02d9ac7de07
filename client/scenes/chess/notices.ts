/**
 * One-line notices a snapshot change calls for, shown as toasts. Pure: the scene passes the
 * snapshots before and after a patch and the viewer's colour (null for a spectator).
 */
import type { Color } from "../../../shared/chess/color.js";
import type { ChessSnapshot } from "./snapshot.js";

export function noticeFor(before: ChessSnapshot | null, now: ChessSnapshot, me: Color | null, iWithdrew = false): string | null {
  if (!before || !me || before.gameId !== now.gameId) return null;
  // My standing offer is gone while the game goes on and nobody moved: the opponent said no.
  // (Moving instead of answering also declines, as on lichess; the move says that by itself.)
  if (before.drawOfferBy === me && now.drawOfferBy === "" && now.status === "playing" && now.moves.length === before.moves.length) {
    return "Your opponent declined the draw.";
  }
  // the opponent's rematch offer withdrawn, or mine declined (my own withdrawal is not news to me:
  // the scene passes `iWithdrew`)
  if (before.rematchOfferBy !== "" && now.rematchOfferBy === "" && now.nextGameId === "" && now.status === "ended") {
    if (before.rematchOfferBy === me && !iWithdrew) return "Your opponent declined the rematch.";
    if (before.rematchOfferBy !== me) return iWithdrew ? null : "Your opponent withdrew the rematch offer.";
  }
  return null;
}

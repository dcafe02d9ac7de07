/**
 * A stalemate test that usually skips generating every legal move. After each move the game must
 * know whether the side to move is stalemated, and chess.js's isStalemate() generates (and
 * legality-checks) all its moves: that alone doubled the cost of a move. Usually the king has a
 * free square, which proves a legal move exists with a handful of attack lookups; else one legal
 * move of any other piece proves it (searched piece by piece, stopping at the first).
 *
 * Why a king step is exact here: the side to move is not in check (the caller knows it from the
 * SAN), so no enemy slider's line runs through the king's square, and whether an adjacent square
 * is attacked does not change when the king leaves its own square.
 */
import type { Chess, Square } from "chess.js";
import { hasMoveFrom } from "./play.js";

/** Is the side to move stalemated? Precondition: it is not in check. */
export function isStalemateNotInCheck(chess: Chess): boolean {
  return !kingCanStep(chess) && !somePieceCanMove(chess);
}

/**
 * When the king is boxed in (most of the opening: its own pieces surround it), look for ONE legal
 * move of another piece, square by square, and stop at the first: a knight or pawn usually answers
 * after a handful of moves generated, where chess.js's isStalemate() generates and legality-checks
 * every move of the side (as expensive again as the move just played). No SAN is computed for them.
 */
function somePieceCanMove(chess: Chess): boolean {
  const us = chess.turn();
  for (const row of chess.board()) {
    for (const cell of row) {
      if (cell === null || cell.color !== us || cell.type === "k") continue;
      if (hasMoveFrom(chess, cell.square)) return true;
    }
  }
  return false;
}

function kingCanStep(chess: Chess): boolean {
  const us = chess.turn();
  const them = us === "w" ? "b" : "w";
  const king = chess.findPiece({ type: "k", color: us })[0];
  if (king === undefined) return false;
  const file = king.charCodeAt(0) - 97;
  const rank = king.charCodeAt(1) - 49;
  for (let df = -1; df <= 1; df++) {
    for (let dr = -1; dr <= 1; dr++) {
      const f = file + df;
      const r = rank + dr;
      if ((df === 0 && dr === 0) || f < 0 || f > 7 || r < 0 || r > 7) continue;
      const square = `${String.fromCharCode(97 + f)}${r + 1}` as Square;
      if (chess.get(square)?.color === us) continue;
      if (!chess.isAttacked(square, them)) return true;
    }
  }
  return false;
}

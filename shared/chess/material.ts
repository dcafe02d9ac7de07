/**
 * Can one side still mate at all? Decides a flag fall: when the side with time left has no
 * mating material, running out of time is a draw, not a loss (FIDE 6.9; lichess does the same).
 *
 * The test is lichess's (scalachess InsufficientMatingMaterial), which asks whether any sequence
 * of legal moves could mate, judged from material alone:
 * - a king alone never mates;
 * - anything with a pawn, rook or queen, two knights, knight + bishop, or bishops on both square
 *   colours can mate;
 * - king + one knight mates only against a side that owns a rook, bishop, knight or pawn (one of
 *   them must block its own king);
 * - king + bishops all on one square colour mate only against a knight, a pawn, or a bishop on the
 *   other colour.
 *
 * The both-sides rule that ends a game on the board (K v K, K+minor v K, same-colour bishops) is
 * chess.js's isInsufficientMaterial(), used by game.ts.
 */
import type { Chess } from "chess.js";
import type { Color } from "./color.js";

interface Material {
  pawns: number;
  knights: number;
  rooks: number;
  queens: number;
  lightBishops: number;
  darkBishops: number;
}

function count(chess: Chess): Record<"w" | "b", Material> {
  const empty = (): Material => ({ pawns: 0, knights: 0, rooks: 0, queens: 0, lightBishops: 0, darkBishops: 0 });
  const out = { w: empty(), b: empty() };
  const rows = chess.board();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let f = 0; f < row.length; f++) {
      const piece = row[f];
      if (!piece) continue;
      const m = out[piece.color];
      switch (piece.type) {
        case "p": m.pawns++; break;
        case "n": m.knights++; break;
        case "r": m.rooks++; break;
        case "q": m.queens++; break;
        // board() row 0 is rank 8; a8 (r 0, f 0) is a light square
        case "b": if ((r + f) % 2 === 0) m.lightBishops++; else m.darkBishops++; break;
        default: break; // king
      }
    }
  }
  return out;
}

/** True when `color` could still deliver mate in some legal continuation (lichess's material test). */
export function hasMatingMaterial(chess: Chess, color: Color): boolean {
  const all = count(chess);
  const us = color === "white" ? all.w : all.b;
  const them = color === "white" ? all.b : all.w;
  const bishops = us.lightBishops + us.darkBishops;
  if (us.pawns > 0 || us.rooks > 0 || us.queens > 0) return true;
  if (us.knights + bishops === 0) return false; // lone king
  if (us.knights >= 2 || (us.knights >= 1 && bishops >= 1)) return true;
  if (us.lightBishops > 0 && us.darkBishops > 0) return true;
  if (us.knights === 1) {
    // a lone knight needs a non-queen enemy piece to hem the king in
    return them.pawns + them.knights + them.rooks + them.lightBishops + them.darkBishops > 0;
  }
  // bishops on one square colour
  const otherColourBishops = us.lightBishops > 0 ? them.darkBishops : them.lightBishops;
  return them.knights > 0 || them.pawns > 0 || otherColourBishops > 0;
}


/**
 * What the panel and the board need to know about the game, derived from a snapshot and who is
 * looking: the viewer's colour (null for spectators), the two players, whose turn it is, which
 * commands make sense now, and the result in words. Pure.
 */
import { opposite, type Color } from "../../../shared/chess/color.js";
import { describeEnding } from "../../../shared/chess/pgn.js";
import type { GameResult, Termination } from "../../../shared/chess/state.js";
import { parseTimeControl } from "../../../shared/chess/timeControl.js";
import { playerOf, type ChessSnapshot, type PlayerSnapshot } from "./snapshot.js";

export interface Viewer {
  userId: string | null;
  spectating: boolean; // joined with {spectate: true}
}

export interface GameView {
  myColor: Color | null; // null: watching
  me: PlayerSnapshot | undefined;
  opponent: PlayerSnapshot | undefined;
  turn: Color; // side to move in the live position
  myTurn: boolean;
  plies: number;
  canAbort: boolean;
  canResign: boolean;
  canOfferDraw: boolean;
  drawOfferedByMe: boolean;
  drawOfferedToMe: boolean;
  canClaimDraw: boolean; // threefold / fifty-move (state.claimable), on my turn
  canRematch: boolean;
  rematchOfferedByMe: boolean;
  rematchOfferedToMe: boolean;
}

export function deriveView(s: ChessSnapshot, viewer: Viewer): GameView {
  const mine = viewer.spectating || !viewer.userId ? undefined : s.players.find((p) => p.userId === viewer.userId);
  const myColor = mine?.color ?? null;
  const turn: Color = s.fen.split(" ")[1] === "b" ? "black" : "white";
  const playing = s.status === "playing";
  const plies = s.moves.length;
  const player = myColor !== null;
  return {
    myColor,
    me: mine,
    opponent: myColor ? playerOf(s, opposite(myColor)) : undefined,
    turn,
    myTurn: player && playing && turn === myColor,
    plies,
    canAbort: player && playing && plies < 2,
    canResign: player && playing && plies >= 2,
    canOfferDraw: player && playing && plies >= 2 && s.drawOfferBy !== myColor,
    drawOfferedByMe: player && playing && s.drawOfferBy === myColor,
    drawOfferedToMe: player && playing && s.drawOfferBy !== "" && s.drawOfferBy !== myColor,
    canClaimDraw: player && playing && s.claimable && turn === myColor,
    canRematch: player && s.status === "ended" && s.nextGameId === "" && s.rematchOfferBy !== myColor,
    rematchOfferedByMe: player && s.status === "ended" && s.rematchOfferBy === myColor,
    rematchOfferedToMe: player && s.status === "ended" && s.rematchOfferBy !== "" && s.rematchOfferBy !== myColor,
  };
}

/** "1-0", "0-1", "½-½", or "" (aborted). */
export function resultLabel(result: string): string {
  return result === "1/2-1/2" ? "½-½" : result;
}

/** The ending in words, e.g. "Checkmate · Black is victorious". */
export function endingWords(s: ChessSnapshot): { title: string; detail: string } {
  const termination = s.termination as Termination | "";
  const result = s.result as GameResult;
  const winner = result === "1-0" ? "White" : result === "0-1" ? "Black" : null;
  const titles: Record<Termination, string> = {
    checkmate: "Checkmate",
    resignation: `${winner === "White" ? "Black" : "White"} resigned`,
    stalemate: "Stalemate",
    threefold: "Threefold repetition",
    "fifty-move": "Fifty-move rule",
    fivefold: "Fivefold repetition",
    "seventy-five-move": "Seventy-five-move rule",
    "insufficient-material": "Insufficient material",
    timeout: winner ? `${winner === "White" ? "Black" : "White"} ran out of time` : "Time out",
    agreement: "Draw by agreement",
    abandoned: winner ? `${winner === "White" ? "Black" : "White"} left the game` : "Game abandoned",
    aborted: "Game aborted",
  };
  const title = termination === "" ? "Game over" : titles[termination];
  const detail = winner
    ? `${winner} is victorious`
    : result === "1/2-1/2"
      ? "Draw"
      : termination === "aborted"
        ? "No result · unrated"
        : describeEnding(termination, result).replace(/\.$/, "");
  return { title, detail };
}

/** "5+3 · Blitz" */
export function timeControlLabel(label: string): string {
  const tc = parseTimeControl(label);
  if (!tc.ok) return label;
  const category = tc.value.category === "ultraBullet" ? "UltraBullet" : tc.value.category[0]!.toUpperCase() + tc.value.category.slice(1);
  return `${tc.value.label} · ${category}`;
}

/** "1500", or "1500?" while provisional (lichess). */
export function ratingLabel(p: Pick<PlayerSnapshot, "rating" | "provisional">): string {
  return `${Math.round(p.rating)}${p.provisional ? "?" : ""}`;
}

/** "+12", "−8", "±0". */
export function ratingDiffLabel(diff: number): string {
  if (diff > 0) return `+${diff}`;
  if (diff < 0) return `−${Math.abs(diff)}`;
  return "±0";
}

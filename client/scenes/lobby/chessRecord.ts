/**
 * The lobby's chess standings, from the HTTP API (docs/protocol.md, chess HTTP): a player's ratings
 * and recent games (`GET /api/chess/players/:userId`) and the leaderboard
 * (`GET /api/chess/leaderboard`), turned into the lines the lobby shows. Pure: LobbyView draws them.
 * Ratings read as lichess writes them: "1523?" while provisional.
 */

/** The rating categories the offered time controls fall in, in the order they are shown. */
export const CHESS_CATEGORIES = ["bullet", "blitz", "rapid", "classical"] as const;
export type ChessCategory = (typeof CHESS_CATEGORIES)[number];

export interface CategoryRating {
  rating: number;
  rd: number;
  provisional: boolean;
  games: number;
  wins: number;
  losses: number;
  draws: number;
}

interface Side {
  userId: string;
  name: string;
  rating: number;
  ratingDiff: number | null;
}

export interface GameSummary {
  gameId: string;
  timeControl: string;
  category: string;
  status: string; // "playing" | "ended"
  result: string; // "1-0" | "0-1" | "1/2-1/2" | "" (aborted, or still playing)
  termination: string;
  white: Side;
  black: Side;
  endedAt: number | null;
}

export interface PlayerProfile {
  user: { id: string; name: string };
  ratings: Partial<Record<string, CategoryRating>>;
  recentGames: GameSummary[];
}

export interface LeaderboardEntry {
  rank: number;
  userId: string;
  name: string;
  rating: number;
  provisional: boolean;
  games: number;
}

export function ratingText(rating: number, provisional: boolean): string {
  return `${Math.round(rating)}${provisional ? "?" : ""}`;
}

export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}

/** The category the player has the most games in (ties: the faster one), or null (none yet). */
export function mostPlayedCategory(ratings: PlayerProfile["ratings"]): ChessCategory | null {
  let best: ChessCategory | null = null;
  for (const category of CHESS_CATEGORIES) {
    const games = ratings[category]?.games ?? 0;
    if (games > 0 && (best === null || games > (ratings[best]?.games ?? 0))) best = category;
  }
  return best;
}

export interface RatingLine {
  category: ChessCategory;
  rating: string; // "1523?"
  record: string; // "3 games: 2 won, 1 lost"
}

/** One line per category the player has played in, in CHESS_CATEGORIES order. */
export function ratingLines(ratings: PlayerProfile["ratings"]): RatingLine[] {
  const lines: RatingLine[] = [];
  for (const category of CHESS_CATEGORIES) {
    const r = ratings[category];
    if (!r || r.games <= 0) continue;
    const parts = [r.wins > 0 && `${r.wins} won`, r.losses > 0 && `${r.losses} lost`, r.draws > 0 && `${r.draws} drawn`].filter(Boolean);
    lines.push({
      category,
      rating: ratingText(r.rating, r.provisional),
      record: `${r.games} ${r.games === 1 ? "game" : "games"}${parts.length > 0 ? `: ${parts.join(", ")}` : ""}`,
    });
  }
  return lines;
}

export type Outcome = "won" | "lost" | "drawn" | "aborted" | "playing";

export interface RecentGameLine {
  gameId: string;
  outcome: Outcome;
  opponent: string;
  color: "white" | "black";
  /** "Won as white vs Bob", "Aborted", … */
  text: string;
  /** "5+3 · checkmate" */
  detail: string;
  /** "+12", "−8", "±0", or "" (unrated: aborted, playing) */
  ratingDiff: string;
}

const HOW: Record<string, string> = {
  "checkmate": "checkmate",
  "resignation": "resignation",
  "stalemate": "stalemate",
  "threefold": "threefold repetition",
  "fifty-move": "fifty-move rule",
  "fivefold": "fivefold repetition",
  "seventy-five-move": "seventy-five-move rule",
  "insufficient-material": "insufficient material",
  "timeout": "time",
  "agreement": "agreement",
  "abandoned": "abandonment",
  "aborted": "",
};

function diffText(diff: number | null): string {
  if (diff === null) return "";
  if (diff === 0) return "±0";
  return diff > 0 ? `+${diff}` : `−${-diff}`;
}

/** The player's recent games (newest first, as the API lists them), from their side of the board. */
export function recentGameLines(userId: string, games: readonly GameSummary[], limit = 5): RecentGameLine[] {
  const lines: RecentGameLine[] = [];
  for (const g of games) {
    if (lines.length >= limit) break;
    const color = g.white.userId === userId ? "white" : g.black.userId === userId ? "black" : null;
    if (color === null) continue; // not one of theirs: nothing to say from their side
    const me = color === "white" ? g.white : g.black;
    const them = color === "white" ? g.black : g.white;
    let outcome: Outcome;
    if (g.status !== "ended") outcome = "playing";
    else if (g.result === "1/2-1/2") outcome = "drawn";
    else if (g.result === "") outcome = "aborted";
    else outcome = (g.result === "1-0") === (color === "white") ? "won" : "lost";
    const verb = { won: "Won", lost: "Lost", drawn: "Drawn", aborted: "Aborted", playing: "Playing" }[outcome];
    const how = HOW[g.termination] ?? g.termination;
    lines.push({
      gameId: g.gameId,
      outcome,
      opponent: them.name,
      color,
      text: `${verb} as ${color} vs ${them.name}`,
      detail: [g.timeControl, outcome === "playing" || outcome === "aborted" ? "" : how ? `by ${how}` : ""].filter(Boolean).join(" · "),
      ratingDiff: outcome === "playing" || outcome === "aborted" ? "" : diffText(me.ratingDiff),
    });
  }
  return lines;
}

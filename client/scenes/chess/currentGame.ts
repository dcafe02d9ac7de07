/**
 * The game this tab is playing, so a page reload brings the player back to it: lichess keeps the
 * game in the URL; here the lobby reads this on start and rejoins (`joinById`: the seat belongs to
 * the user, the server hands it back). Per tab (sessionStorage): another tab does not pull the game
 * over. Cleared when the game ends or the player goes back to the lobby on purpose.
 */
const KEY = "statecraft.chess.current";

function store(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // storage disabled
  }
}

export function rememberGame(userId: string, gameId: string): void {
  try {
    store()?.setItem(KEY, JSON.stringify({ userId, gameId }));
  } catch {
    /* full or disabled: a reload will not come back, nothing else changes */
  }
}

export function forgetGame(): void {
  try {
    store()?.removeItem(KEY);
  } catch {
    /* disabled */
  }
}

/** The game `userId` was playing in this tab, if any. */
export function rememberedGame(userId: string): string | null {
  try {
    const v = JSON.parse(store()?.getItem(KEY) ?? "null") as { userId?: unknown; gameId?: unknown } | null;
    return v && v.userId === userId && typeof v.gameId === "string" ? v.gameId : null;
  } catch {
    return null;
  }
}

/**
 * What a page re-announces when it comes back to a room after a reload (the room link in the
 * address bar): join options saved per room id in sessionStorage, so only this tab's own reload
 * uses them. The plaza saves where its avatar stands and its status (its join options x, y, d,
 * status: the protocol's re-announce), so a reload does not drop the avatar back at a spawn point.
 */
const PREFIX = "statecraft.rejoin.";

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // storage disabled: a reload starts afresh
  }
}

export function saveRejoin(roomId: string, options: Record<string, unknown>): void {
  try {
    storage()?.setItem(PREFIX + roomId, JSON.stringify(options));
  } catch {
    /* full or disabled: nothing to keep */
  }
}

/** The options saved for `roomId` by this tab, or {} (nothing saved, or unreadable). */
export function rejoinOptions(roomId: string): Record<string, unknown> {
  const text = storage()?.getItem(PREFIX + roomId);
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Who may talk to whom, the same function on server and client.
 * - Near: two avatars within the map's nearRadius of each other, both outside private areas.
 * - Private area: everyone inside the same private area can talk, whatever the distance; nobody
 *   inside can talk with anybody outside (a meeting room is a room).
 * - Status: `ghost` is invisible and unreachable (no chat, no calls, in either direction);
 *   `dnd` (do not disturb) is visible but receives no proximity chat and takes no calls;
 *   `busy` is shown to others and otherwise behaves like `available`.
 * - Bubble: calls (WebRTC) are capped at `cap` people: an avatar's bubble is itself plus its
 *   cap − 1 nearest callable talk partners (ties by id). A call between two avatars is allowed only
 *   when each is in the other's bubble, so both sides agree without asking the server.
 */
export const STATUSES = ["available", "busy", "dnd", "ghost"] as const;
export type PlazaStatus = (typeof STATUSES)[number];

export interface Presence {
  id: number;
  x: number;
  y: number;
  status: PlazaStatus;
  /** The private area the avatar stands in (its id), or 0. */
  area: number;
}

export function visibleToOthers(status: PlazaStatus): boolean {
  return status !== "ghost";
}

export function takesChat(status: PlazaStatus): boolean {
  return status === "available" || status === "busy";
}

export function takesCalls(status: PlazaStatus): boolean {
  return status === "available" || status === "busy";
}

/** May a and b talk (chat, call), ignoring statuses other than ghost? */
export function canTalk(a: Presence, b: Presence, nearRadius: number): boolean {
  if (a.id === b.id || a.status === "ghost" || b.status === "ghost") return false;
  if (a.area !== 0 || b.area !== 0) return a.area === b.area;
  const dx = a.x - b.x, dy = a.y - b.y;
  return dx * dx + dy * dy <= nearRadius * nearRadius;
}

/** The ids of self's bubble partners among `others` (nearest first, at most cap − 1). */
export function bubbleOf(self: Presence, others: Iterable<Presence>, nearRadius: number, cap: number): number[] {
  if (!takesCalls(self.status)) return [];
  const partners: { id: number; d2: number }[] = [];
  for (const o of others) {
    if (!takesCalls(o.status) || !canTalk(self, o, nearRadius)) continue;
    partners.push({ id: o.id, d2: (o.x - self.x) ** 2 + (o.y - self.y) ** 2 });
  }
  partners.sort((a, b) => a.d2 - b.d2 || a.id - b.id);
  return partners.slice(0, Math.max(0, cap - 1)).map((p) => p.id);
}

/** A call between a and b is allowed when each is in the other's bubble (each side's candidates given). */
export function mayCall(a: Presence, b: Presence, aOthers: Iterable<Presence>, bOthers: Iterable<Presence>, nearRadius: number, cap: number): boolean {
  return bubbleOf(a, aOthers, nearRadius, cap).includes(b.id) && bubbleOf(b, bOthers, nearRadius, cap).includes(a.id);
}

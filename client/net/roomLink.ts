/**
 * Links to a room: `…/#/join/<roomId>` takes whoever opens it (after signing in) into that room,
 * `…/#/watch/<roomId>` as a spectator (chess). A room's scene shows its link in the address bar
 * while the player is in it (so the URL can be shared, and a reload comes back), the lobby clears
 * it. A fragment, not a path: the server serves the page at `/` only, and nothing here reaches it.
 * Pure apart from `showRoomLink`, which writes `history`.
 */
export interface RoomLink {
  roomId: string;
  watch: boolean;
  /** A page inside the room, after its id (the store's `product/<id>`, `cart`, `orders`); none: the room's first page. */
  view?: string;
}

/** Room ids are Colyseus's (9 URL-safe characters) or a chess game's id; nothing else is accepted. */
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A view: path segments of the same characters. */
const VIEW = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,3}$/;

export function roomLinkHash(link: RoomLink): string {
  return `#/${link.watch ? "watch" : "join"}/${link.roomId}${link.view ? `/${link.view}` : ""}`;
}

export function roomLinkUrl(origin: string, link: RoomLink): string {
  return `${origin}/${roomLinkHash(link)}`;
}

/** The link a location hash names, or null (anything malformed is ignored). */
export function parseRoomLink(hash: string): RoomLink | null {
  const m = /^#\/(join|watch)\/([^/?#]+)(?:\/([^?#]*?))?\/?$/.exec(hash);
  if (!m) return null;
  let roomId: string;
  try {
    roomId = decodeURIComponent(m[2]!);
  } catch {
    return null;
  }
  if (!ROOM_ID.test(roomId)) return null;
  const view = m[3];
  // a page part that is no page (mangled, too long) still names the room: its first page
  if (view === undefined || !VIEW.test(view)) return { roomId, watch: m[1] === "watch" };
  return { roomId, watch: m[1] === "watch", view };
}

/**
 * Puts `link` in the address bar (null: the bare page). Entering a room from the bare page adds a
 * history entry, so the browser's Back button returns to the lobby; anything else replaces it,
 * unless `push` (a room's own page changes: the store's product, cart, orders), which adds one so
 * Back returns to the room's previous page.
 */
export function showRoomLink(link: RoomLink | null, push = false): void {
  shownRoomId = link?.roomId ?? null;
  if (typeof history === "undefined" || typeof location === "undefined") return;
  const target = link ? roomLinkHash(link) : "";
  if (location.hash === target) return;
  const url = `${location.pathname}${location.search}${target}`;
  if (link && (push || location.hash === "")) history.pushState(history.state, "", url);
  else history.replaceState(history.state, "", url);
}

let shownRoomId: string | null = null;

/** The room whose link the address bar shows (the page is in it), or null (the lobby). */
export function shownRoom(): string | null {
  return shownRoomId;
}

/** The link the page was opened with, once: the lobby takes it after signing in. */
let atLoad: RoomLink | null = typeof location === "undefined" ? null : parseRoomLink(location.hash);
/** The page was opened with a fragment that looks like a link (`#/…`) but names no room. */
let malformedAtLoad = typeof location !== "undefined" && location.hash.startsWith("#/") && atLoad === null;

export function takeLinkAtLoad(): { link: RoomLink | null; malformed: boolean } {
  const taken = { link: atLoad, malformed: malformedAtLoad };
  atLoad = null;
  malformedAtLoad = false;
  return taken;
}

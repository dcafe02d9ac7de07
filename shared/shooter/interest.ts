/**
 * Interest management: what a player may see. A client is sent the players inside its view
 * rectangle (the client's camera, 960 × 640 world px, centred on its player) plus a margin, so a
 * player entering the screen is already in the state; nobody farther away is ever encoded for it
 * (anti-wallhack). The same rule routes the relay mode's messages.
 */
import type { Point } from "./map.js";

export const VIEW_WIDTH = 960; // px, the client's camera
export const VIEW_HEIGHT = 640;
export const VIEW_MARGIN = 96;

export function inView(viewer: Point, other: Point): boolean {
  return Math.abs(other.x - viewer.x) <= VIEW_WIDTH / 2 + VIEW_MARGIN && Math.abs(other.y - viewer.y) <= VIEW_HEIGHT / 2 + VIEW_MARGIN;
}

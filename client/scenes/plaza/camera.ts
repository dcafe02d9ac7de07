/**
 * The plaza's camera zoom. The relay sends a client the avatars within the map's `viewRadius`
 * (its area of interest); drawn at zoom 1 a 1280-px-wide screen shows 20 tiles each side of the
 * player and a 10-tile radius leaves most of it looking empty while people stand there. So the
 * camera zooms until the screen's half-width and half-height fit inside the radius: whoever is on
 * screen along the axes is within it (the corners, up to √2 × farther, may still be outside).
 * Capped so a very large window does not blow the map up; a small one never zooms out below 1.
 */
export const MAX_ZOOM = 3;

export function plazaZoom(viewWidth: number, viewHeight: number, viewRadiusPx: number): number {
  if (!(viewRadiusPx > 0) || !(viewWidth > 0) || !(viewHeight > 0)) return 1;
  const fit = Math.max(viewWidth, viewHeight) / 2 / viewRadiusPx;
  return Math.min(MAX_ZOOM, Math.max(1, Math.round(fit * 100) / 100));
}

/**
 * The own avatar, moved locally (the client owns it): arrow keys / WASD or a click-to-walk target,
 * at WALK_SPEED (below the map's max speed, so the server's budget never refuses an honest walk).
 * Walls stop it; it slides along them when only one axis is blocked. Positions are floats here;
 * what is sent is rounded to whole pixels.
 */
import { pathIsClear, type PlazaMap } from "../../../shared/plaza/index.js";

export const WALK_TILES_PER_SECOND = 4;

export interface Heading {
  dx: number; // -1, 0, 1 from the keys
  dy: number;
}

export class Walker {
  target: { x: number; y: number } | null = null;
  d = 0; // facing: 0 down, 1 left, 2 right, 3 up

  constructor(private readonly map: PlazaMap, public x: number, public y: number) {}

  get speed(): number {
    return Math.min(WALK_TILES_PER_SECOND * this.map.tileSize, this.map.maxSpeed * 0.8);
  }

  /** Advances by dtMs; keys win over a click target (and cancel it). True when it moved. */
  update(dtMs: number, keys: Heading): boolean {
    let vx = keys.dx, vy = keys.dy;
    if (vx !== 0 || vy !== 0) this.target = null;
    else if (this.target) {
      vx = this.target.x - this.x;
      vy = this.target.y - this.y;
    }
    const len = Math.hypot(vx, vy);
    if (len < 0.5) {
      this.target = null;
      return false;
    }
    const stride = (this.speed * dtMs) / 1000;
    const step = this.target ? Math.min(len, stride) : stride; // a click target is not overshot
    const nx = this.x + (vx / len) * step, ny = this.y + (vy / len) * step;
    this.d = Math.abs(vx) > Math.abs(vy) ? (vx < 0 ? 1 : 2) : vy < 0 ? 3 : 0;
    if (this.tryTo(nx, ny) || this.tryTo(nx, this.y) || this.tryTo(this.x, ny)) return true;
    this.target = null; // stuck against a wall
    return false;
  }

  private tryTo(x: number, y: number): boolean {
    if ((x === this.x && y === this.y) || !pathIsClear(this.map, this.x, this.y, x, y)) return false;
    this.x = x;
    this.y = y;
    return true;
  }

  /**
   * The server refused a move (details: where it still has us): go back there. A click-to-walk
   * continues from there when the refusal was only about pace (TOO_FAST: a hitch bunched the moves);
   * a wall or the map's edge ends it.
   */
  snapTo(x: number, y: number, keepTarget = false): void {
    this.x = x;
    this.y = y;
    if (!keepTarget) this.target = null;
  }
}

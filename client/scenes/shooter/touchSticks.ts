/**
 * Twin-stick touch controls for the shooter on a touch screen: a touch that starts on the left half
 * of the screen is the move stick (its drag from where it started, up to `radius` px, is the
 * movement; a small `deadZone` ignores a resting thumb); a touch that starts on the right half aims
 * at where it is and fires while it is held (like the mouse: aim at the point, hold to fire). Each
 * half follows one finger (the first to land there); others are ignored until it lifts. Screen
 * pixels in, no Phaser, no DOM: the scene feeds pointer events. Pure.
 */
export interface StickTouch {
  id: number;
  x: number;
  y: number;
}

export class TwinSticks {
  private move: { id: number; x0: number; y0: number; x: number; y: number } | null = null;
  private aim: { id: number; x: number; y: number } | null = null;
  /** A fire touch that began since the last `consumeTap()` (a tap shorter than an input still shoots). */
  private tapped = false;

  constructor(
    private readonly radius = 56,
    private readonly deadZone = 0.15,
  ) {}

  /** A finger landed at (x, y) on a screen `width` px wide. */
  down(t: StickTouch, width: number): void {
    if (t.x < width / 2) {
      if (!this.move) this.move = { id: t.id, x0: t.x, y0: t.y, x: t.x, y: t.y };
    } else if (!this.aim) {
      this.aim = { id: t.id, x: t.x, y: t.y };
      this.tapped = true;
    }
  }

  moved(t: StickTouch): void {
    if (this.move?.id === t.id) [this.move.x, this.move.y] = [t.x, t.y];
    else if (this.aim?.id === t.id) [this.aim.x, this.aim.y] = [t.x, t.y];
  }

  up(id: number): void {
    if (this.move?.id === id) this.move = null;
    if (this.aim?.id === id) this.aim = null;
  }

  /** Any finger down? */
  get active(): boolean {
    return this.move !== null || this.aim !== null;
  }

  /** The move stick as the keyboard's (mx, my): each in −1…1, length at most 1, 0 inside the dead zone. */
  movement(): { mx: number; my: number } {
    const m = this.move;
    if (!m) return { mx: 0, my: 0 };
    const dx = (m.x - m.x0) / this.radius, dy = (m.y - m.y0) / this.radius;
    const len = Math.hypot(dx, dy);
    if (len < this.deadZone) return { mx: 0, my: 0 };
    return len > 1 ? { mx: dx / len, my: dy / len } : { mx: dx, my: dy };
  }

  /** Where the aiming finger is (screen px), while one is down. */
  aimAt(): { x: number; y: number } | null {
    return this.aim ? { x: this.aim.x, y: this.aim.y } : null;
  }

  /** Fire now: the aiming finger is down, or landed since the last call (then forgotten). */
  consumeFire(): boolean {
    const fire = this.aim !== null || this.tapped;
    this.tapped = false;
    return fire;
  }

  /** The stick's base and knob, to draw it (screen px), while the move finger is down. */
  stick(): { x0: number; y0: number; x: number; y: number; radius: number } | null {
    const m = this.move;
    if (!m) return null;
    const dx = m.x - m.x0, dy = m.y - m.y0;
    const len = Math.hypot(dx, dy);
    const k = len > this.radius ? this.radius / len : 1;
    return { x0: m.x0, y0: m.y0, x: m.x0 + dx * k, y: m.y0 + dy * k, radius: this.radius };
  }
}

/**
 * The plaza's area of interest (AOI): the routing index the server keeps, and nothing more.
 *
 * Each avatar has a position (the latest its owner sent), a status, and two sets: `sees` (avatars
 * this client is currently shown) and `seenBy` (clients currently shown this avatar). Moves are
 * recorded as they arrive and fanned out at `flush()`, once per short interval, coalesced: a viewer
 * gets only the latest position of each avatar it sees. At flush, for every avatar that moved:
 * - a viewer within `viewRadius` that was not shown it gets an `appear` (name, status, position);
 * - a viewer that was shown it gets the new position, until the distance exceeds `leaveRadius`
 *   (> viewRadius, so an avatar walking along the edge does not flicker), then a `left`;
 * - symmetrically, the mover is shown (or stops being shown) the avatars around it.
 * Ghosts see others but are shown to nobody. Mode `broadcast` (benchmark only) routes every move
 * to every client: the naive relay the AOI is measured against.
 *
 * Pure: no clock, no I/O. Invariant (`check()`): a ∈ b.sees ⇔ b ∈ a.seenBy, nobody sees a ghost.
 */
import { SpatialGrid } from "./grid.js";
import { visibleToOthers, type PlazaStatus, type Presence } from "./proximity.js";

export interface AvatarCard {
  id: number;
  name: string;
  status: PlazaStatus;
  x: number;
  y: number;
  d: number; // facing: 0 down, 1 left, 2 right, 3 up
}

/** What one client receives at a flush; empty parts are omitted. */
export interface Delivery {
  left?: number[];
  appear?: AvatarCard[];
  status?: { id: number; status: PlazaStatus }[];
  /** Flat [id, x, y, d, id, x, y, d, …]. */
  moved?: number[];
}

interface Avatar extends Presence {
  name: string;
  d: number;
  sees: Set<number>;
  seenBy: Set<number>;
}

interface Outbox {
  left: Set<number>;
  appear: Map<number, AvatarCard>;
  status: Map<number, PlazaStatus>;
  moved: Map<number, number>; // id → index into `flat`
  flat: number[];
  cancelled: number; // groups in `flat` marked dead (id −1)
}

export interface RelayOptions {
  viewRadius: number;
  leaveRadius: number;
  mode: "aoi" | "broadcast";
  /** The private area (id) at a position, or 0. */
  areaAt(x: number, y: number): number;
}

export class InterestRelay {
  private readonly avatars = new Map<number, Avatar>();
  private readonly grid: SpatialGrid;
  private readonly dirty = new Set<number>();
  private readonly outboxes = new Map<number, Outbox>();
  private readonly areas = new Map<number, Set<number>>(); // private area id → avatars inside

  constructor(private readonly opts: RelayOptions) {
    this.grid = new SpatialGrid(opts.viewRadius);
  }

  get size(): number {
    return this.avatars.size;
  }

  presence(id: number): (Presence & { name: string; d: number }) | undefined {
    return this.avatars.get(id);
  }

  /** Avatars this client is shown right now. */
  seenBy(id: number): ReadonlySet<number> {
    return this.avatars.get(id)?.seenBy ?? new Set();
  }

  sees(id: number): ReadonlySet<number> {
    return this.avatars.get(id)?.sees ?? new Set();
  }

  /** The cards of everyone client `id` is shown now (to resend a snapshot). */
  cardsSeenBy(id: number): AvatarCard[] {
    return [...this.sees(id)].map((o) => {
      const a = this.avatars.get(o)!;
      return { id: a.id, name: a.name, status: a.status, x: a.x, y: a.y, d: a.d };
    });
  }

  /** Avatars within r of (x, y) (any status), for chat and call checks. */
  within(x: number, y: number, r: number): Presence[] {
    const out: Presence[] = [];
    this.grid.forEachWithin(x, y, r, (id) => out.push(this.avatars.get(id)!));
    return out;
  }

  /** Avatars inside private area `area`. */
  inArea(area: number): Presence[] {
    return [...(this.areas.get(area) ?? [])].map((id) => this.avatars.get(id)!);
  }

  /** Adds an avatar; returns its snapshot: the cards of everyone it is shown now. */
  join(card: AvatarCard): AvatarCard[] {
    if (this.avatars.has(card.id)) throw new Error(`relay: avatar ${card.id} already joined`);
    const a: Avatar = { ...card, area: this.opts.areaAt(card.x, card.y), sees: new Set(), seenBy: new Set() };
    this.avatars.set(a.id, a);
    this.grid.insert(a.id, a.x, a.y);
    this.enterArea(a);
    this.update(a);
    const box = this.outboxes.get(a.id);
    const snapshot = box ? [...box.appear.values()] : [];
    box?.appear.clear();
    return snapshot;
  }

  move(id: number, x: number, y: number, d: number): void {
    const a = this.avatars.get(id);
    if (!a) return;
    a.x = x;
    a.y = y;
    a.d = d;
    this.grid.move(id, x, y);
    const area = this.opts.areaAt(x, y);
    if (area !== a.area) {
      this.leaveArea(a);
      a.area = area;
      this.enterArea(a);
    }
    this.dirty.add(id);
  }

  setStatus(id: number, status: PlazaStatus): void {
    const a = this.avatars.get(id);
    if (!a || a.status === status) return;
    a.status = status;
    if (!visibleToOthers(status)) {
      for (const v of a.seenBy) this.hide(v, a);
    } else {
      for (const v of a.seenBy) this.box(v).status.set(id, status);
      this.dirty.add(id); // a ghost that shows itself appears to those around it at the next flush
    }
  }

  leave(id: number): void {
    const a = this.avatars.get(id);
    if (!a) return;
    for (const v of a.seenBy) this.hide(v, a);
    for (const o of a.sees) this.avatars.get(o)?.seenBy.delete(id);
    this.leaveArea(a);
    this.grid.remove(id);
    this.avatars.delete(id);
    this.dirty.delete(id);
    this.outboxes.delete(id);
  }

  /** Fans out everything since the last flush; returns each client's delivery. */
  flush(): Map<number, Delivery> {
    for (const id of this.dirty) {
      const a = this.avatars.get(id);
      if (a) this.update(a);
    }
    this.dirty.clear();
    const out = new Map<number, Delivery>();
    for (const [id, box] of this.outboxes) {
      const d: Delivery = {};
      if (box.left.size) d.left = [...box.left];
      if (box.appear.size) d.appear = [...box.appear.values()];
      if (box.status.size) d.status = [...box.status].map(([sid, status]) => ({ id: sid, status }));
      const moved = box.cancelled ? compact(box.flat) : box.flat;
      if (moved.length) d.moved = moved;
      out.set(id, d);
    }
    this.outboxes.clear();
    return out;
  }

  /** Recomputes who sees `a` and whom `a` sees, queueing appear / move / left. */
  private update(a: Avatar): void {
    const leave2 = this.opts.mode === "broadcast" ? Infinity : this.opts.leaveRadius ** 2;
    for (const v of a.seenBy) {
      const o = this.avatars.get(v)!;
      if ((o.x - a.x) ** 2 + (o.y - a.y) ** 2 > leave2) this.hide(v, a);
      else this.queueMove(v, a);
    }
    for (const s of a.sees) {
      const o = this.avatars.get(s)!;
      if ((o.x - a.x) ** 2 + (o.y - a.y) ** 2 > leave2) this.hide(a.id, o);
    }
    const meet = (id: number) => {
      if (id === a.id) return;
      const o = this.avatars.get(id)!;
      if (visibleToOthers(a.status) && !a.seenBy.has(id)) this.show(id, a);
      if (visibleToOthers(o.status) && !a.sees.has(id)) this.show(a.id, o);
    };
    if (this.opts.mode === "broadcast") for (const id of this.avatars.keys()) meet(id);
    else this.grid.forEachWithin(a.x, a.y, this.opts.viewRadius, meet);
  }

  private show(viewer: number, a: Avatar): void {
    a.seenBy.add(viewer);
    this.avatars.get(viewer)!.sees.add(a.id);
    const box = this.box(viewer);
    box.moved.delete(a.id);
    box.status.delete(a.id);
    box.appear.set(a.id, { id: a.id, name: a.name, status: a.status, x: a.x, y: a.y, d: a.d });
  }

  private hide(viewer: number, a: Avatar): void {
    a.seenBy.delete(viewer);
    this.avatars.get(viewer)?.sees.delete(a.id);
    const box = this.box(viewer);
    box.appear.delete(a.id);
    box.status.delete(a.id);
    const at = box.moved.get(a.id);
    if (at !== undefined) {
      box.flat[at] = -1; // dropped from the flat list at flush
      box.cancelled++;
      box.moved.delete(a.id);
    }
    box.left.add(a.id);
  }

  private queueMove(viewer: number, a: Avatar): void {
    const box = this.box(viewer);
    const card = box.appear.get(a.id);
    if (card) {
      card.x = a.x;
      card.y = a.y;
      card.d = a.d;
      return;
    }
    const at = box.moved.get(a.id);
    if (at !== undefined) {
      box.flat[at + 1] = a.x;
      box.flat[at + 2] = a.y;
      box.flat[at + 3] = a.d;
    } else {
      box.moved.set(a.id, box.flat.length);
      box.flat.push(a.id, a.x, a.y, a.d);
    }
  }

  private box(id: number): Outbox {
    let b = this.outboxes.get(id);
    if (!b) this.outboxes.set(id, (b = { left: new Set(), appear: new Map(), status: new Map(), moved: new Map(), flat: [], cancelled: 0 }));
    return b;
  }

  private enterArea(a: Avatar): void {
    if (a.area === 0) return;
    let set = this.areas.get(a.area);
    if (!set) this.areas.set(a.area, (set = new Set()));
    set.add(a.id);
  }

  private leaveArea(a: Avatar): void {
    const set = this.areas.get(a.area);
    set?.delete(a.id);
    if (set?.size === 0) this.areas.delete(a.area);
  }

  /** Throws when the AOI bookkeeping is inconsistent (tests). */
  check(): void {
    this.grid.check();
    for (const a of this.avatars.values()) {
      for (const s of a.sees) {
        const o = this.avatars.get(s);
        if (!o || !o.seenBy.has(a.id)) throw new Error(`relay: ${a.id} sees ${s} but is not in its seenBy`);
        if (!visibleToOthers(o.status)) throw new Error(`relay: ${a.id} sees ghost ${s}`);
      }
      for (const v of a.seenBy) if (!this.avatars.get(v)?.sees.has(a.id)) throw new Error(`relay: ${v} in seenBy of ${a.id} without seeing it`);
    }
  }
}

/** Drops the [id, x, y, d] groups that were cancelled (id −1) after being queued. */
function compact(flat: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < flat.length; i += 4) if (flat[i] !== -1) out.push(flat[i]!, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!);
  return out;
}

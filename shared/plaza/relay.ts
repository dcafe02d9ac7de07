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
  sees: Set<Avatar>;
  seenBy: Set<Avatar>;
  box: Outbox | null; // what this client will be sent at the next flush
}

/**
 * What one client will be sent at the next flush. Each moved avatar is updated once per flush, so
 * `flat` needs no index: a move queued before the mover was hidden from (or shown again to) this
 * client is dropped at flush time because its id is in `left` or `appear`. The sets are allocated
 * only when needed: most flushes carry moves only (this is the hot path of the relay).
 */
interface Outbox {
  flat: number[]; // [id, x, y, d, …]
  left: Set<number> | null;
  appear: Map<number, AvatarCard> | null;
  status: Map<number, PlazaStatus> | null;
}

export interface RelayOptions {
  viewRadius: number;
  leaveRadius: number;
  mode: "aoi" | "broadcast";
  /** The private area (id) at a position, or 0. */
  areaAt(x: number, y: number): number;
}

const cardOf = (a: Avatar): AvatarCard => ({ id: a.id, name: a.name, status: a.status, x: a.x, y: a.y, d: a.d });

export class InterestRelay {
  private readonly avatars = new Map<number, Avatar>();
  private readonly grid: SpatialGrid<Avatar>;
  private readonly dirty = new Set<Avatar>();
  private readonly pending = new Set<Avatar>(); // avatars with a non-empty box
  private readonly areas = new Map<number, Set<Avatar>>(); // private area id → avatars inside

  constructor(private readonly opts: RelayOptions) {
    this.grid = new SpatialGrid<Avatar>(opts.viewRadius);
  }

  get size(): number {
    return this.avatars.size;
  }

  presence(id: number): (Presence & { name: string; d: number }) | undefined {
    return this.avatars.get(id);
  }

  /** Ids of the clients shown avatar `id` right now. */
  seenBy(id: number): number[] {
    return [...(this.avatars.get(id)?.seenBy ?? [])].map((a) => a.id);
  }

  /** Ids of the avatars client `id` is shown right now. */
  sees(id: number): number[] {
    return [...(this.avatars.get(id)?.sees ?? [])].map((a) => a.id);
  }

  /** The cards of everyone client `id` is shown now (to resend a snapshot). */
  cardsSeenBy(id: number): AvatarCard[] {
    return [...(this.avatars.get(id)?.sees ?? [])].map(cardOf);
  }

  /** Avatars within r of (x, y) (any status), for chat and call checks. */
  within(x: number, y: number, r: number): Presence[] {
    const out: Presence[] = [];
    this.grid.forEachWithin(x, y, r, (a) => out.push(a));
    return out;
  }

  /** Avatars inside private area `area`. */
  inArea(area: number): Presence[] {
    return [...(this.areas.get(area) ?? [])];
  }

  /** Adds an avatar; returns its snapshot: the cards of everyone it is shown now. */
  join(card: AvatarCard): AvatarCard[] {
    if (this.avatars.has(card.id)) throw new Error(`relay: avatar ${card.id} already joined`);
    const a: Avatar = { ...card, area: this.opts.areaAt(card.x, card.y), sees: new Set(), seenBy: new Set(), box: null };
    this.avatars.set(a.id, a);
    this.grid.insert(a, a.x, a.y);
    this.enterArea(a);
    this.update(a);
    const snapshot = a.box?.appear ? [...a.box.appear.values()] : [];
    if (a.box) a.box.appear = null;
    return snapshot;
  }

  move(id: number, x: number, y: number, d: number): void {
    const a = this.avatars.get(id);
    if (!a) return;
    a.x = x;
    a.y = y;
    a.d = d;
    this.grid.move(a, x, y);
    const area = this.opts.areaAt(x, y);
    if (area !== a.area) {
      this.leaveArea(a);
      a.area = area;
      this.enterArea(a);
    }
    this.dirty.add(a);
  }

  setStatus(id: number, status: PlazaStatus): void {
    const a = this.avatars.get(id);
    if (!a || a.status === status) return;
    a.status = status;
    if (!visibleToOthers(status)) {
      for (const v of a.seenBy) this.hide(v, a);
    } else {
      for (const v of a.seenBy) (this.box(v).status ??= new Map()).set(id, status);
      this.dirty.add(a); // a ghost that shows itself appears to those around it at the next flush
    }
  }

  leave(id: number): void {
    const a = this.avatars.get(id);
    if (!a) return;
    for (const v of a.seenBy) this.hide(v, a);
    for (const o of a.sees) o.seenBy.delete(a);
    this.leaveArea(a);
    this.grid.remove(a);
    this.avatars.delete(id);
    this.dirty.delete(a);
    this.pending.delete(a);
  }

  /** Fans out everything since the last flush; returns each client's delivery. */
  flush(): Map<number, Delivery> {
    for (const a of this.dirty) this.update(a);
    this.dirty.clear();
    const out = new Map<number, Delivery>();
    for (const a of this.pending) {
      const box = a.box!;
      a.box = null;
      const d: Delivery = {};
      if (box.left?.size) d.left = [...box.left];
      if (box.appear?.size) d.appear = [...box.appear.values()];
      if (box.status?.size) d.status = [...box.status].map(([sid, status]) => ({ id: sid, status }));
      const moved = box.left || box.appear ? withoutStale(box.flat, box.left, box.appear) : box.flat;
      if (moved.length) d.moved = moved;
      out.set(a.id, d);
    }
    this.pending.clear();
    return out;
  }

  /** Recomputes who sees `a` and whom `a` sees, queueing appear / move / left. */
  private update(a: Avatar): void {
    const leave2 = this.opts.mode === "broadcast" ? Infinity : this.opts.leaveRadius ** 2;
    const ax = a.x, ay = a.y;
    // one pass over those who see `a` (visible pairs see each other: usually a.sees ⊆ a.seenBy) …
    let keptMutual = 0;
    for (const o of a.seenBy) {
      const dx = o.x - ax, dy = o.y - ay;
      const mutual = a.sees.has(o);
      if (dx * dx + dy * dy > leave2) {
        this.hide(o, a);
        if (mutual) this.hide(a, o);
      } else {
        this.queueMove(o, a);
        if (mutual) keptMutual++;
      }
    }
    // … and a second only when `a` sees someone who does not see it (`a` is, or just was, a ghost)
    if (a.sees.size > keptMutual) {
      for (const o of a.sees) {
        if (a.seenBy.has(o)) continue;
        const dx = o.x - ax, dy = o.y - ay;
        if (dx * dx + dy * dy > leave2) this.hide(a, o);
      }
    }
    const shown = visibleToOthers(a.status);
    const meet = (o: Avatar) => {
      if (o === a) return;
      if (shown && !a.seenBy.has(o)) this.show(o, a);
      if (!a.sees.has(o) && visibleToOthers(o.status)) this.show(a, o);
    };
    if (this.opts.mode === "broadcast") for (const o of this.avatars.values()) meet(o);
    else this.grid.forEachWithin(ax, ay, this.opts.viewRadius, meet);
  }

  private show(viewer: Avatar, a: Avatar): void {
    a.seenBy.add(viewer);
    viewer.sees.add(a);
    const box = this.box(viewer);
    box.status?.delete(a.id);
    (box.appear ??= new Map()).set(a.id, cardOf(a));
  }

  private hide(viewer: Avatar, a: Avatar): void {
    a.seenBy.delete(viewer);
    viewer.sees.delete(a);
    if (!this.avatars.has(viewer.id)) return; // the viewer itself is leaving
    const box = this.box(viewer);
    box.appear?.delete(a.id);
    box.status?.delete(a.id);
    (box.left ??= new Set()).add(a.id);
  }

  private queueMove(viewer: Avatar, a: Avatar): void {
    const box = this.box(viewer);
    const card = box.appear?.get(a.id);
    if (card) {
      card.x = a.x;
      card.y = a.y;
      card.d = a.d;
      return;
    }
    box.flat.push(a.id, a.x, a.y, a.d); // at most once per mover per flush (dirty is a set)
  }

  private box(a: Avatar): Outbox {
    if (!a.box) {
      a.box = { flat: [], left: null, appear: null, status: null };
      this.pending.add(a);
    }
    return a.box;
  }

  private enterArea(a: Avatar): void {
    if (a.area === 0) return;
    let set = this.areas.get(a.area);
    if (!set) this.areas.set(a.area, (set = new Set()));
    set.add(a);
  }

  private leaveArea(a: Avatar): void {
    const set = this.areas.get(a.area);
    set?.delete(a);
    if (set?.size === 0) this.areas.delete(a.area);
  }

  /** Throws when the AOI bookkeeping is inconsistent (tests). */
  check(): void {
    this.grid.check();
    for (const a of this.avatars.values()) {
      for (const o of a.sees) {
        if (this.avatars.get(o.id) !== o || !o.seenBy.has(a)) throw new Error(`relay: ${a.id} sees ${o.id} but is not in its seenBy`);
        if (!visibleToOthers(o.status)) throw new Error(`relay: ${a.id} sees ghost ${o.id}`);
      }
      for (const v of a.seenBy) if (this.avatars.get(v.id) !== v || !v.sees.has(a)) throw new Error(`relay: ${v.id} in seenBy of ${a.id} without seeing it`);
    }
  }
}

/** Drops the moves of avatars the client stopped being shown (left) or is shown afresh (appear). */
function withoutStale(flat: number[], left: Set<number> | null, appear: Map<number, AvatarCard> | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < flat.length; i += 4) {
    const id = flat[i]!;
    if (left?.has(id) || appear?.has(id)) continue;
    out.push(id, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!);
  }
  return out;
}

/**
 * The plaza's area of interest (AOI): the routing index the server keeps, and nothing more.
 *
 * Each avatar has a position (the latest its owner sent), a status, and two lists: `sees` (avatars
 * this client is currently shown) and `seenBy` (clients currently shown this avatar), mirrored by a
 * slot × slot matrix `vis` of flags for O(1) "does v see a?" (SHOWN; FRESH: shown afresh, its
 * `appear` card pending; QUEUED: a move is waiting — moveBatch.ts). Moves are recorded as they
 * arrive and fanned out at `flush()`, coalesced: a viewer gets only the latest position of each
 * avatar it sees. `flush(part)` sends to the viewers whose slot mod `parts` = part (the room
 * staggers its flushes; with the default parts = 1 every flush serves everyone). At every flush,
 * for every avatar that moved since the last one:
 * - a viewer within `viewRadius` that was not shown it gets an `appear` (name, status, position);
 * - a viewer that was shown it gets the new position, until the distance exceeds `leaveRadius`
 *   (> viewRadius, so an avatar walking along the edge does not flicker), then a `left`;
 * - symmetrically, the mover is shown (or stops being shown) the avatars around it.
 * Ghosts see others but are shown to nobody. Mode `broadcast` (benchmark only) routes every move
 * to every client: the naive relay the AOI is measured against.
 *
 * Why lists and a matrix rather than Sets: at 1,000 avatars a flush walks ~40 viewers per mover
 * and ~120 grid candidates; Set iteration and hashing of objects was the relay's main cost.
 * Positions are delivered as `moved` sections (wire.ts) built by MoveBatch, one buffer per flush.
 *
 * Pure: no clock, no I/O. Positions are integers in 0 … 65,535 (the wire's range; the room only
 * relays positions inside its map). Invariant (`check()`): a ∈ b.sees ⇔ b ∈ a.seenBy ⇔
 * vis[b, a] ≠ 0 (FRESH ⇔ a's card is in b's pending appear), no duplicates, nobody sees a ghost.
 */
import { SpatialGrid } from "./grid.js";
import { FRESH, MoveBatch, SHOWN } from "./moveBatch.js";
import { visibleToOthers, type PlazaStatus, type Presence } from "./proximity.js";
import { fitsMovedEntry, utf8Name, type WireCard } from "./wire.js";

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
  appear?: (AvatarCard & WireCard)[]; // with nameUtf8, for encodeUpdate
  status?: { id: number; status: PlazaStatus }[];
  /** The `moved` section (wire.ts: header, then 9 bytes per avatar); a view into a buffer shared by this flush. */
  moved?: Uint8Array;
}

interface Avatar extends Presence {
  name: string;
  nameUtf8: Uint8Array;
  d: number;
  slot: number; // index into vis rows/columns and the move batch; reused after the avatar left
  sees: Avatar[];
  seenBy: Avatar[];
  dirty: boolean; // moved (or came out of ghost mode) since the last flush
  gone: boolean;
  box: Outbox | null; // the rare parts of this client's next delivery
}

/** What one client will be sent at the next flush besides moves (allocated only when needed). */
interface Outbox {
  left: Set<number> | null;
  appear: Map<number, Avatar> | null; // the card is taken at flush time: it carries the latest position
  status: Map<number, PlazaStatus> | null;
}

export interface RelayOptions {
  viewRadius: number;
  leaveRadius: number;
  mode: "aoi" | "broadcast";
  /** The private area (id) at a position, or 0. */
  areaAt(x: number, y: number): number;
  /** Clients are flushed in this many turns, by slot mod parts (default 1: all at every flush). */
  parts?: number;
}

const cardOf = (a: Avatar): AvatarCard => ({ id: a.id, name: a.name, status: a.status, x: a.x, y: a.y, d: a.d });
/** A card for the wire (`update`), with the name's UTF-8 bytes encoded at join. */
const wireCardOf = (a: Avatar): AvatarCard & WireCard => ({ id: a.id, name: a.name, status: a.status, x: a.x, y: a.y, d: a.d, nameUtf8: a.nameUtf8 });

/** Removes `x` from `list` (order is not kept). */
function removeFrom(list: Avatar[], x: Avatar): void {
  const i = list.indexOf(x);
  if (i < 0) return;
  const last = list.pop()!;
  if (i < list.length) list[i] = last;
}

function assertFits(id: number, x: number, y: number, d: number): void {
  if (!fitsMovedEntry(id, x, y, d)) throw new Error(`relay: avatar ${id} at (${x}, ${y}) facing ${d} does not fit the wire format`);
}

export class InterestRelay {
  private readonly avatars = new Map<number, Avatar>();
  private readonly grid: SpatialGrid<Avatar>;
  private dirty: Avatar[] = [];
  private readonly pending = new Set<Avatar>(); // avatars with a box
  private readonly areas = new Map<number, Set<Avatar>>(); // private area id → avatars inside
  private readonly leave2: number;
  private readonly parts: number;
  private cap = 64; // slots
  private vis = new Uint8Array(this.cap * this.cap); // vis[viewer.slot * cap + a.slot]: SHOWN | FRESH | QUEUED flags
  private bySlot: (Avatar | undefined)[] = [];
  private nextSlot = 0;
  private free: number[] = []; // slots to reuse
  private freed: number[] = []; // slots of avatars that left since the last flush (reused after it)
  private readonly batch: MoveBatch;
  private current!: Avatar; // the mover whose neighbours `meet` looks at
  private readonly meet = (o: Avatar) => this.meetOne(o);

  constructor(private readonly opts: RelayOptions) {
    this.grid = new SpatialGrid<Avatar>(opts.viewRadius);
    this.parts = opts.parts ?? 1;
    this.batch = new MoveBatch(this.cap, this.parts);
    this.leave2 = opts.mode === "broadcast" ? Infinity : opts.leaveRadius ** 2;
  }

  get size(): number {
    return this.avatars.size;
  }

  presence(id: number): (Presence & { name: string; d: number }) | undefined {
    return this.avatars.get(id);
  }

  /** Ids of the clients shown avatar `id` right now. */
  seenBy(id: number): number[] {
    return (this.avatars.get(id)?.seenBy ?? []).map((a) => a.id);
  }

  /** Ids of the avatars client `id` is shown right now. */
  sees(id: number): number[] {
    return (this.avatars.get(id)?.sees ?? []).map((a) => a.id);
  }

  /** The cards of everyone client `id` is shown now (to resend a snapshot). */
  cardsSeenBy(id: number): AvatarCard[] {
    return (this.avatars.get(id)?.sees ?? []).map(cardOf);
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
    assertFits(card.id, card.x, card.y, card.d);
    const a: Avatar = {
      id: card.id, name: card.name, nameUtf8: utf8Name(card.name), status: card.status, x: card.x, y: card.y, d: card.d, area: this.opts.areaAt(card.x, card.y),
      slot: this.takeSlot(), sees: [], seenBy: [], dirty: false, gone: false, box: null,
    };
    this.bySlot[a.slot] = a;
    this.avatars.set(a.id, a);
    this.grid.insert(a, a.x, a.y);
    this.enterArea(a);
    this.update(a);
    const row = a.slot * this.cap;
    for (const o of a.sees) this.vis[row + o.slot] = SHOWN; // the snapshot is its appear
    if (a.box) a.box.appear = null;
    return a.sees.map(cardOf);
  }

  move(id: number, x: number, y: number, d: number): void {
    const a = this.avatars.get(id);
    if (!a) return;
    assertFits(id, x, y, d);
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
    this.markDirty(a);
  }

  setStatus(id: number, status: PlazaStatus): void {
    const a = this.avatars.get(id);
    if (!a || a.status === status) return;
    const wasVisible = visibleToOthers(a.status);
    a.status = status;
    if (!visibleToOthers(status)) {
      for (const v of a.seenBy) this.hide(v, a, false);
      a.seenBy.length = 0;
    } else {
      for (const v of a.seenBy) (this.box(v).status ??= new Map()).set(id, status);
      // a ghost that shows itself appears to those around it at the next flush; a visible avatar
      // that only changes status did not move: its viewers get the status, not a `moved` entry
      if (!wasVisible) this.markDirty(a);
    }
  }

  leave(id: number): void {
    const a = this.avatars.get(id);
    if (!a) return;
    a.gone = true;
    for (const v of a.seenBy) this.hide(v, a, false);
    a.seenBy.length = 0;
    const row = a.slot * this.cap;
    for (const o of a.sees) {
      this.vis[row + o.slot] = 0;
      removeFrom(o.seenBy, a);
    }
    a.sees.length = 0;
    this.leaveArea(a);
    this.grid.remove(a);
    this.avatars.delete(id);
    this.pending.delete(a);
    a.box = null;
    this.bySlot[a.slot] = undefined;
    this.freed.push(a.slot); // not reused before the flush: moves recorded for this slot are still queued
  }

  /**
   * Processes every move since the last flush and returns the deliveries of the clients whose turn
   * it is (slot mod `parts` = `part`); the others' wait for their turn. Call it with part = 0, 1, …,
   * parts − 1, 0, …; with parts = 1 every client is served each time.
   */
  flush(part = 0): Map<number, Delivery> {
    const parts = this.parts;
    if (!(Number.isInteger(part) && part >= 0 && part < parts)) throw new Error(`relay: part ${part} of ${parts}`);
    const dirty = this.dirty;
    this.dirty = [];
    for (const a of dirty) {
      if (a.gone) continue;
      a.dirty = false;
      this.update(a);
    }
    const out = new Map<number, Delivery>();
    // moves first (a pair whose viewer is shown the mover afresh is left to the appear card) …
    this.batch.build(this.vis, this.cap, part, (slot, moved) => out.set(this.bySlot[slot]!.id, { moved }));
    // … then the rare parts
    for (const a of this.pending) {
      if (a.slot % parts !== part) continue;
      this.pending.delete(a); // (deleting the current entry keeps a Set's iteration going)
      const box = a.box!;
      a.box = null;
      let d = out.get(a.id);
      if (!d) out.set(a.id, (d = {}));
      if (box.left?.size) d.left = [...box.left];
      if (box.appear?.size) {
        const row = a.slot * this.cap;
        d.appear = [];
        for (const o of box.appear.values()) {
          this.vis[row + o.slot] = this.vis[row + o.slot]! & ~FRESH;
          d.appear.push(wireCardOf(o));
        }
      }
      if (box.status?.size) d.status = [...box.status].map(([sid, status]) => ({ id: sid, status }));
      if (!d.left && !d.appear && !d.status && !d.moved) out.delete(a.id);
    }
    for (const s of this.freed) this.free.push(s);
    this.freed.length = 0;
    return out;
  }

  /** Recomputes who sees `a` and whom `a` sees, queueing appear / move / left. */
  private update(a: Avatar): void {
    const cap = this.cap, vis = this.vis, leave2 = this.leave2;
    const ax = a.x, ay = a.y, as = a.slot, row = as * cap;
    this.batch.setEntry(as, a.id, ax, ay, a.d);
    // one pass over those who see `a` (visible pairs see each other: usually a.sees ⊆ a.seenBy) …
    const seenBy = a.seenBy;
    let kept = 0, keptMutual = 0;
    for (let i = 0; i < seenBy.length; i++) {
      const o = seenBy[i]!;
      const dx = o.x - ax, dy = o.y - ay;
      const mutual = vis[row + o.slot] !== 0;
      if (dx * dx + dy * dy > leave2) {
        this.hide(o, a, false); // dropped from seenBy by not keeping it
        if (mutual) this.hide(a, o, true);
      } else {
        seenBy[kept++] = o;
        this.batch.queue(vis, cap, o.slot, as);
        if (mutual) keptMutual++;
      }
    }
    seenBy.length = kept;
    // … and a second only when `a` sees someone who does not see it (`a` is, or just was, a ghost)
    const sees = a.sees;
    if (sees.length > keptMutual) {
      let k = 0;
      for (let i = 0; i < sees.length; i++) {
        const o = sees[i]!;
        const dx = o.x - ax, dy = o.y - ay;
        if (vis[o.slot * cap + as] === 0 && dx * dx + dy * dy > leave2) {
          vis[row + o.slot] = 0;
          removeFrom(o.seenBy, a);
          this.queueLeft(a, o);
        } else sees[k++] = o;
      }
      sees.length = k;
    }
    this.current = a;
    if (this.opts.mode === "broadcast") for (const o of this.avatars.values()) this.meetOne(o);
    else this.grid.forEachWithin(ax, ay, this.opts.viewRadius, this.meet);
  }

  /** `current` and `o` are within view: each is shown the other, if not yet and allowed. */
  private meetOne(o: Avatar): void {
    const a = this.current;
    if (o === a) return;
    const cap = this.cap;
    if (this.vis[o.slot * cap + a.slot] === 0 && visibleToOthers(a.status)) this.show(o, a);
    if (this.vis[a.slot * cap + o.slot] === 0 && visibleToOthers(o.status)) this.show(a, o);
  }

  private show(viewer: Avatar, a: Avatar): void {
    this.vis[viewer.slot * this.cap + a.slot] = SHOWN | FRESH; // (a queued move, if any, is dropped: the card is newer)
    a.seenBy.push(viewer);
    viewer.sees.push(a);
    const box = this.box(viewer);
    box.status?.delete(a.id);
    (box.appear ??= new Map()).set(a.id, a);
  }

  /** `viewer` stops being shown `a`; `fromSeenBy`: also take it out of a.seenBy (else the caller does). */
  private hide(viewer: Avatar, a: Avatar, fromSeenBy: boolean): void {
    this.vis[viewer.slot * this.cap + a.slot] = 0;
    removeFrom(viewer.sees, a);
    if (fromSeenBy) removeFrom(a.seenBy, viewer);
    this.queueLeft(viewer, a);
  }

  private queueLeft(viewer: Avatar, a: Avatar): void {
    if (viewer.gone) return;
    const box = this.box(viewer);
    box.appear?.delete(a.id);
    box.status?.delete(a.id);
    (box.left ??= new Set()).add(a.id);
  }

  private markDirty(a: Avatar): void {
    if (a.dirty) return;
    a.dirty = true;
    this.dirty.push(a);
  }

  private box(a: Avatar): Outbox {
    if (!a.box) {
      a.box = { left: null, appear: null, status: null };
      this.pending.add(a);
    }
    return a.box;
  }

  private takeSlot(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const slot = this.nextSlot++;
    if (slot >= this.cap) this.grow(this.cap * 2);
    return slot;
  }

  private grow(cap: number): void {
    const vis = new Uint8Array(cap * cap);
    for (let r = 0; r < this.cap; r++) vis.set(this.vis.subarray(r * this.cap, (r + 1) * this.cap), r * cap);
    this.vis = vis;
    this.cap = cap;
    this.batch.resize(cap);
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
    let shown = 0;
    for (const a of this.avatars.values()) {
      if (this.bySlot[a.slot] !== a) throw new Error(`relay: slot ${a.slot} does not hold ${a.id}`);
      if (new Set(a.sees).size !== a.sees.length || new Set(a.seenBy).size !== a.seenBy.length) throw new Error(`relay: duplicates in the lists of ${a.id}`);
      for (const o of a.sees) {
        if (this.avatars.get(o.id) !== o || !o.seenBy.includes(a)) throw new Error(`relay: ${a.id} sees ${o.id} but is not in its seenBy`);
        const f = this.vis[a.slot * this.cap + o.slot]!;
        if (!(f & SHOWN) || Boolean(f & FRESH) !== Boolean(a.box?.appear?.has(o.id))) throw new Error(`relay: ${a.id} sees ${o.id} but vis says ${f}`);
        if (!visibleToOthers(o.status)) throw new Error(`relay: ${a.id} sees ghost ${o.id}`);
      }
      for (const v of a.seenBy) if (this.avatars.get(v.id) !== v || !v.sees.includes(a)) throw new Error(`relay: ${v.id} in seenBy of ${a.id} without seeing it`);
      shown += a.sees.length;
    }
    let set = 0;
    for (const b of this.vis) if (b !== 0) set++;
    if (set !== shown) throw new Error(`relay: vis has ${set} pairs, the lists ${shown}`);
  }
}

/**
 * A uniform spatial hash grid of points: insert, move, remove, and "who is within r of (x, y)".
 * A query visits only the cells the circle's bounding box touches, so with cell size ≈ the usual
 * query radius it looks at 3×3 cells instead of every avatar. Items are any keys (ids, or the
 * relay's avatar objects: a query hands back the item itself, no lookup per candidate).
 * Cells are arrays (an entry knows its index: removal swaps the last one in), not sets: iterating
 * an array is what a query does most, and it is several times cheaper than iterating a Set.
 * Invariant: every item is in exactly the cell of its current position, at the index it records
 * (`check()` asserts it).
 */
interface Entry<T> {
  item: T;
  x: number;
  y: number;
  cell: number;
  index: number; // position in its cell's array
}

export class SpatialGrid<T = number> {
  private readonly cells = new Map<number, Entry<T>[]>();
  private readonly points = new Map<T, Entry<T>>();

  constructor(readonly cellSize: number) {
    if (!(cellSize > 0)) throw new Error("cell size must be positive");
  }

  get size(): number {
    return this.points.size;
  }

  has(id: T): boolean {
    return this.points.has(id);
  }

  position(id: T): { x: number; y: number } | undefined {
    const p = this.points.get(id);
    return p && { x: p.x, y: p.y };
  }

  private key(cx: number, cy: number): number {
    // cells of a map up to 2^20 cells wide; negative coordinates are fine
    return (cy + 0x80000) * 0x100000 + (cx + 0x80000);
  }

  private cellOf(x: number, y: number): number {
    return this.key(Math.floor(x / this.cellSize), Math.floor(y / this.cellSize));
  }

  insert(id: T, x: number, y: number): void {
    if (this.points.has(id)) throw new Error(`grid: ${String(id)} is already inserted`);
    const e: Entry<T> = { item: id, x, y, cell: this.cellOf(x, y), index: -1 };
    this.points.set(id, e);
    this.attach(e);
  }

  move(id: T, x: number, y: number): void {
    const e = this.points.get(id);
    if (!e) throw new Error(`grid: ${String(id)} is not inserted`);
    const cell = this.cellOf(x, y);
    e.x = x;
    e.y = y;
    if (cell === e.cell) return;
    this.detach(e);
    e.cell = cell;
    this.attach(e);
  }

  remove(id: T): boolean {
    const e = this.points.get(id);
    if (!e) return false;
    this.detach(e);
    this.points.delete(id);
    return true;
  }

  private attach(e: Entry<T>): void {
    let list = this.cells.get(e.cell);
    if (!list) this.cells.set(e.cell, (list = []));
    e.index = list.length;
    list.push(e);
  }

  private detach(e: Entry<T>): void {
    const list = this.cells.get(e.cell)!;
    const last = list.pop()!;
    if (last !== e) {
      list[e.index] = last;
      last.index = e.index;
    }
    e.index = -1;
    if (list.length === 0) this.cells.delete(e.cell);
  }

  /** Calls `visit` for every item within distance r (inclusive) of (x, y), in no particular order. */
  forEachWithin(x: number, y: number, r: number, visit: (id: T, dx: number, dy: number) => void): void {
    const s = this.cellSize;
    const x0 = Math.floor((x - r) / s), x1 = Math.floor((x + r) / s);
    const y0 = Math.floor((y - r) / s), y1 = Math.floor((y + r) / s);
    const r2 = r * r;
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const list = this.cells.get(this.key(cx, cy));
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const e = list[i]!;
          const dx = e.x - x, dy = e.y - y;
          if (dx * dx + dy * dy <= r2) visit(e.item, dx, dy);
        }
      }
    }
  }

  /** Items within distance r (inclusive) of (x, y) (numbers: ascending). */
  queryRadius(x: number, y: number, r: number): T[] {
    const out: T[] = [];
    this.forEachWithin(x, y, r, (id) => out.push(id));
    return out.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : 0));
  }

  /** Throws if an id sits in the wrong cell or a cell is empty (tests). */
  check(): void {
    let counted = 0;
    for (const [cell, list] of this.cells) {
      if (list.length === 0) throw new Error(`grid: empty cell ${cell} kept`);
      for (const [i, e] of list.entries()) {
        if (this.points.get(e.item) !== e || e.cell !== cell || this.cellOf(e.x, e.y) !== cell) throw new Error(`grid: ${String(e.item)} is in the wrong cell`);
        if (e.index !== i) throw new Error(`grid: ${String(e.item)} records index ${e.index}, sits at ${i}`);
        counted++;
      }
    }
    if (counted !== this.points.size) throw new Error("grid: a point is missing from the cells");
  }
}

/**
 * A uniform spatial hash grid of points: insert, move, remove, and "who is within r of (x, y)".
 * A query visits only the cells the circle's bounding box touches, so with cell size ≈ the usual
 * query radius it looks at 3×3 cells instead of every avatar. Ids are small integers.
 * Invariant: every id is in exactly the cell of its current position (`check()` asserts it).
 */
export class SpatialGrid {
  private readonly cells = new Map<number, Set<number>>();
  private readonly points = new Map<number, { x: number; y: number; cell: number }>();

  constructor(readonly cellSize: number) {
    if (!(cellSize > 0)) throw new Error("cell size must be positive");
  }

  get size(): number {
    return this.points.size;
  }

  has(id: number): boolean {
    return this.points.has(id);
  }

  position(id: number): { x: number; y: number } | undefined {
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

  insert(id: number, x: number, y: number): void {
    if (this.points.has(id)) throw new Error(`grid: ${id} is already inserted`);
    const cell = this.cellOf(x, y);
    this.points.set(id, { x, y, cell });
    let set = this.cells.get(cell);
    if (!set) this.cells.set(cell, (set = new Set()));
    set.add(id);
  }

  move(id: number, x: number, y: number): void {
    const p = this.points.get(id);
    if (!p) throw new Error(`grid: ${id} is not inserted`);
    const cell = this.cellOf(x, y);
    p.x = x;
    p.y = y;
    if (cell === p.cell) return;
    this.detach(id, p.cell);
    p.cell = cell;
    let set = this.cells.get(cell);
    if (!set) this.cells.set(cell, (set = new Set()));
    set.add(id);
  }

  remove(id: number): boolean {
    const p = this.points.get(id);
    if (!p) return false;
    this.detach(id, p.cell);
    this.points.delete(id);
    return true;
  }

  private detach(id: number, cell: number): void {
    const set = this.cells.get(cell);
    set?.delete(id);
    if (set && set.size === 0) this.cells.delete(cell);
  }

  /** Calls `visit` for every id within distance r (inclusive) of (x, y), in no particular order. */
  forEachWithin(x: number, y: number, r: number, visit: (id: number, dx: number, dy: number) => void): void {
    const s = this.cellSize;
    const x0 = Math.floor((x - r) / s), x1 = Math.floor((x + r) / s);
    const y0 = Math.floor((y - r) / s), y1 = Math.floor((y + r) / s);
    const r2 = r * r;
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const set = this.cells.get(this.key(cx, cy));
        if (!set) continue;
        for (const id of set) {
          const p = this.points.get(id)!;
          const dx = p.x - x, dy = p.y - y;
          if (dx * dx + dy * dy <= r2) visit(id, dx, dy);
        }
      }
    }
  }

  /** Ids within distance r (inclusive) of (x, y), ascending. */
  queryRadius(x: number, y: number, r: number): number[] {
    const out: number[] = [];
    this.forEachWithin(x, y, r, (id) => out.push(id));
    return out.sort((a, b) => a - b);
  }

  /** Throws if an id sits in the wrong cell or a cell is empty (tests). */
  check(): void {
    let counted = 0;
    for (const [cell, set] of this.cells) {
      if (set.size === 0) throw new Error(`grid: empty cell ${cell} kept`);
      for (const id of set) {
        const p = this.points.get(id);
        if (!p || p.cell !== cell || this.cellOf(p.x, p.y) !== cell) throw new Error(`grid: ${id} is in the wrong cell`);
        counted++;
      }
    }
    if (counted !== this.points.size) throw new Error("grid: a point is missing from the cells");
  }
}

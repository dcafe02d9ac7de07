/**
 * Group commit: every row handed to `add` during one turn of the event loop is written by ONE call
 * of `write` (one statement or transaction), and each caller's promise settles when its row is
 * durable. Rooms keep their "stored before broadcast" rule (they await `add`) while the database
 * sees one commit per turn instead of one per command: under load hundreds of games' moves share a
 * commit; when idle a batch is one row and waits for nothing (setImmediate, not a timer).
 *
 * A failed batch is retried row by row, so one bad row fails only its own caller. Batches are cut at
 * `maxBatch` rows (SQLite limits a statement's parameters). Batches may overlap in time (PostgreSQL
 * writes are asynchronous): callers that need an order between their rows await the first before
 * adding the next, as the chess room does.
 */
export class GroupCommit<T> {
  private pending: Array<{ row: T; resolve: () => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(row: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += this.maxBatch) void this.commit(all.slice(i, i + this.maxBatch));
  }

  private async commit(batch: Array<{ row: T; resolve: () => void; reject: (e: unknown) => void }>): Promise<void> {
    try {
      await this.write(batch.map((p) => p.row));
      for (const p of batch) p.resolve();
      return;
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
    }
    for (const p of batch) {
      try {
        await this.write([p.row]);
        p.resolve();
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

/**
 * Recovery: snapshot + journal tail → an engine in exactly the state the live one had (same
 * `stateHash()`). Replay uses `execute` (no event objects): it is the engine's own code path, so
 * replay = live by construction, and the seq check catches a journal that does not belong to it.
 */
import { Engine } from "./engine.js";
import type { Ledger } from "./ledger.js";
import type { EngineSnapshot } from "./snapshot.js";
import type { JournalEntry } from "./types.js";

/**
 * Entries at or below the snapshot's seq are skipped; every other entry must be accepted again
 * with the seq it carries, else the journal and the code disagree and this throws (never guess).
 * `ledger` as in `Engine.fromSnapshot`.
 */
export function replay(snapshot: EngineSnapshot, journal: Iterable<JournalEntry>, opts: { ledger?: Ledger | null } = {}): Engine {
  const e = Engine.fromSnapshot(snapshot, opts);
  for (const entry of journal) {
    if (entry.seq !== undefined && entry.seq <= snapshot.seq) continue;
    const seq = e.execute(entry.command, entry.now);
    if (seq === 0 || (entry.seq !== undefined && seq !== entry.seq)) {
      throw new Error(`replay diverged at journal seq ${entry.seq ?? "?"}: got ${seq} (${e.lastRejection?.code ?? "accepted"})`);
    }
  }
  return e;
}

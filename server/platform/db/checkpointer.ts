/**
 * SQLite WAL checkpoints off the event loop.
 *
 * In WAL mode SQLite copies the log back into the database file (a checkpoint) when the log passes
 * `wal_autocheckpoint` pages (1,000 by default) — synchronously, inside whichever commit crossed the
 * line. A single-row insert that takes ≈ 15 µs took 5–15 ms when it was that commit (measured here:
 * 25 of 30,000 inserts over 5 ms, max 15 ms; none over 3.5 ms without auto-checkpoints). At a chess
 * move a millisecond that is a stall of every room in the process a few times a second.
 *
 * So the process's own connection never checkpoints (`wal_autocheckpoint = 0`), and a worker thread
 * with a second connection to the same file runs a PASSIVE checkpoint every {@link CHECKPOINT_MS}:
 * it copies what it can without waiting for readers or writers (it never blocks a commit), on the
 * other core. Durability is unchanged: a commit is durable once it is in the WAL either way.
 * `journal_size_limit` trims the log file after it has been reset, so it does not stay at its peak.
 * If the worker cannot start or dies, the connection goes back to auto-checkpoints (logged).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

/** How often the worker checkpoints: ≈ a second of writes at most in the log. */
export const CHECKPOINT_MS = 500;
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** Runs in the worker (CommonJS, eval'd): a connection of its own, a PASSIVE checkpoint per tick. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (e) {
    if (!/busy|locked/i.test(String(e && e.message))) parentPort.postMessage({ error: String(e && e.stack || e) });
  }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker (before the main connection closes, which checkpoints one last time). */
  stop(): Promise<void>;
}

/** Moves `handle`'s checkpoints to a worker thread. `onProblem` hears about a failing worker. */
export function startCheckpointer(handle: SQLite.Database, onProblem: (message: string) => void, intervalMs = CHECKPOINT_MS): Checkpointer {
  let fellBack = false;
  const fallback = (why: string) => {
    if (fellBack || !handle.open) return;
    fellBack = true;
    handle.pragma("wal_autocheckpoint = 1000");
    onProblem(`WAL checkpoints are back on the main thread: ${why}`);
  };
  handle.pragma("wal_autocheckpoint = 0");
  handle.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  let stopping = false;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: handle.name, module: createRequire(import.meta.url).resolve("better-sqlite3"), intervalMs },
  });
  worker.unref(); // never keeps the process alive
  worker.on("message", (m: { error?: string }) => {
    if (m.error) onProblem(`WAL checkpoint failed: ${m.error}`);
  });
  worker.on("error", (e) => fallback(e instanceof Error ? e.message : String(e)));
  worker.on("exit", (code) => {
    if (!stopping) fallback(`the checkpoint worker exited (code ${code})`);
  });
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      worker.ref(); // the process must not exit (nothing else may hold it) before the worker is done
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

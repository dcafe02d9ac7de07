/** WAL checkpoints in a worker thread (server/platform/db/checkpointer.ts), on a real SQLite file. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { startCheckpointer, type Checkpointer } from "../../server/platform/db/checkpointer.js";

/**
 * Rows visible in the database file alone, without its WAL: what checkpoints have copied back.
 * A copy taken while the worker is writing pages back can be torn (pages from before and after);
 * SQLite then calls it malformed. That is a property of copying a live file, not of the database:
 * it reads as -1 ("no consistent copy yet") and the caller polls again.
 */
function rowsInMainFile(file: string): number {
  const copy = `${file}.copy`;
  fs.copyFileSync(file, copy);
  try {
    const db = new SQLite(copy, { readonly: true });
    try {
      return (db.prepare("select count(*) as n from t").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch (e) {
    if (/no such table/.test(String(e))) return 0;
    if (/malformed|not a database/.test(String(e))) return -1;
    throw e;
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("SQLite checkpoints in a worker thread", () => {
  let dir: string;
  let handle: SQLite.Database;
  let checkpointer: Checkpointer | undefined;
  const problems: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-ckpt-"));
    handle = new SQLite(path.join(dir, "t.db"));
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = NORMAL");
    handle.exec("create table t (n integer primary key, pad text)");
    problems.length = 0;
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (from: number, count: number) => {
    const stmt = handle.prepare("insert into t (n, pad) values (?, ?)");
    for (let i = from; i < from + count; i++) stmt.run(i, "x".repeat(2000)); // a page per row or so
  };

  it("by SQLite's default, the committing connection checkpoints (what the worker takes over)", () => {
    insert(0, 3000);
    assert.ok(rowsInMainFile(handle.name) > 0);
  });

  it("the connection itself no longer checkpoints: without the worker, commits stay in the WAL", () => {
    handle.pragma("wal_autocheckpoint = 0"); // what startCheckpointer sets, minus the worker
    insert(0, 3000); // ≈ 3 × the default 1,000-page threshold
    assert.equal(rowsInMainFile(handle.name), 0);
  });

  it("the worker copies committed pages back into the database file, and keeps doing so", async () => {
    checkpointer = startCheckpointer(handle, (m) => problems.push(m), 30);
    assert.equal(handle.pragma("wal_autocheckpoint", { simple: true }), 0, "the main connection does not checkpoint");
    insert(0, 3000);
    await until("the first checkpoint", () => rowsInMainFile(handle.name) === 3000);
    insert(3000, 500);
    await until("a later checkpoint", () => rowsInMainFile(handle.name) === 3500);
    assert.deepEqual(problems, []);
  });

  it("stop() ends the worker; the connection stays usable and closes cleanly", async () => {
    checkpointer = startCheckpointer(handle, (m) => problems.push(m), 30);
    await checkpointer.stop();
    insert(0, 10);
    assert.equal((handle.prepare("select count(*) as n from t").get() as { n: number }).n, 10);
    assert.deepEqual(problems, [], "a requested stop is not reported as a problem");
  });
});

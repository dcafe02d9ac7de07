/** The SQLite statement cache under Kysely (server/platform/db/database.ts withStatementCache). */
import assert from "node:assert/strict";
import SQLite from "better-sqlite3";
import { withStatementCache } from "../../server/platform/db/database.js";

describe("SQLite statement cache", () => {
  let handle: SQLite.Database;
  beforeEach(() => {
    handle = new SQLite(":memory:");
    handle.exec("create table t (n integer)");
  });
  afterEach(() => handle.close());

  it("hands out the same prepared statement for the same SQL", () => {
    const db = withStatementCache(handle);
    const a = db.prepare("insert into t (n) values (?)");
    a.run([1]);
    const b = db.prepare("insert into t (n) values (?)");
    assert.equal(b, a);
    b.run([2]);
    assert.deepEqual(db.prepare("select n from t order by n").all([]), [{ n: 1 }, { n: 2 }]);
  });

  it("never hands out a statement that is still being iterated", () => {
    const db = withStatementCache(handle);
    db.prepare("insert into t (n) values (?)").run([1]);
    db.prepare("insert into t (n) values (?)").run([2]);
    const outer = db.prepare("select n from t order by n");
    const seen: number[] = [];
    for (const row of outer.iterate([]) as Iterable<{ n: number }>) {
      const inner = db.prepare("select n from t order by n"); // same SQL while `outer` is busy
      assert.notEqual(inner, outer);
      assert.equal(inner.all([]).length, 2);
      seen.push(row.n);
    }
    assert.deepEqual(seen, [1, 2]);
    assert.equal(db.prepare("select n from t order by n"), outer, "the cached one again once it is free");
  });

  it("keeps at most `capacity` statements, dropping the least recently used", () => {
    const db = withStatementCache(handle, 2);
    const one = db.prepare("select 1");
    const two = db.prepare("select 2");
    assert.equal(db.prepare("select 1"), one); // 1 is now the most recently used
    db.prepare("select 3"); // evicts 2
    assert.equal(db.prepare("select 1"), one);
    assert.notEqual(db.prepare("select 2"), two);
  });

  it("sees a schema change made after a statement was cached", () => {
    const db = withStatementCache(handle);
    assert.deepEqual(db.prepare("select * from t").all([]), []);
    handle.exec("alter table t add column m integer default 7");
    handle.exec("insert into t (n) values (1)");
    assert.deepEqual(db.prepare("select * from t").all([]), [{ n: 1, m: 7 }]);
  });
});

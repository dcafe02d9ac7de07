/**
 * The pit's SQLite batch write (server/rooms/pit/sqliteJournal.ts) against the Kysely path it
 * replaces on SQLite: the same batches leave the same rows in every table; a batch never joins (or
 * is rolled back with) a Kysely transaction that is open on the shared handle.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../server/platform/db/database.js";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { pitMigrations } from "../../server/rooms/pit/migrations.js";
import { PitRepository } from "../../server/rooms/pit/journalRepository.js";
import { applyBatch } from "../../server/rooms/pit/batch.js";
import { Engine, instrument, type PitCommand } from "../../shared/pit/index.js";

const ACME = instrument("ACME")!;
const TABLES = ["pit_journal", "pit_trades", "pit_balances", "pit_open_orders", "pit_outbox", "pit_snapshots", "pit_allocations", "pit_accounts"];

function commands(n: number): PitCommand[] {
  let x = 3;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const traders = ["a", "b", "c"];
  const out: PitCommand[] = traders.map((t) => ({ type: "fund", traderId: t, cash: 1_000 * ACME.refPrice, qty: 1_000, ref: `alloc:${t}` }));
  for (let i = 0; i < n; i++) {
    const traderId = traders[Math.floor(rnd() * traders.length)]!;
    if (rnd() < 0.15) out.push({ type: "cancel", traderId, clientOrderId: `o${Math.floor(rnd() * i)}` });
    else out.push({ type: "order", traderId, clientOrderId: `o${i}`, side: rnd() < 0.5 ? "buy" : "sell", orderType: "limit", price: ACME.refPrice - 5 + Math.floor(rnd() * 11), qty: 1 + Math.floor(rnd() * 9) });
  }
  out.push({ type: "withdraw", traderId: "a", cash: 0, qty: 0, ref: "release:a" });
  return out;
}

async function dump(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = db.sqlite!.prepare(`select * from ${t} order by 1, 2, 3`).all();
  return out;
}

describe("pit SQLite batch write (prepared statements)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-pitsql-"));
  const dbs: Database[] = [];
  after(async () => {
    for (const db of dbs) await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fresh(name: string): Promise<Database> {
    const db = await openDatabase({ sqliteFile: path.join(dir, `${name}.db`) });
    dbs.push(db);
    await migrate(db, [platformMigrations, pitMigrations]);
    for (const t of ["a", "b", "c"]) {
      db.sqlite!.prepare("insert into pit_accounts (trader_id, cash_unallocated, created_at) values (?, ?, 0)").run(t, 0);
      db.sqlite!.prepare("insert into pit_allocations (id, trader_id, symbol, amount, kind, state, created_at) values (?, ?, 'ACME', 0, 'allocate', 'pending', 0)").run(`alloc:${t}`, t);
    }
    return db;
  }

  // 23 commands a batch: one 16-row journal insert and singles; 97: several 16-row inserts and a
  // remainder (sqliteJournal.ts JOURNAL_CHUNK), and batches with many rows of every kind
  for (const step of [23, 97]) {
    it(`writes exactly the rows the Kysely path writes (journal, trades, balances, open orders, outbox, snapshots, cash), ${step} commands a batch`, async () => {
      const viaKysely = await fresh(`kysely${step}`);
      const viaPrepared = await fresh(`prepared${step}`);
      const repos = [new PitRepository(viaKysely.kysely), new PitRepository(viaPrepared.kysely, viaPrepared.sqlite)];
      const engines = [new Engine({ instrument: ACME }), new Engine({ instrument: ACME })];
      const cmds = commands(step * 18);
      const lastSeq = [0, 0];
      let most = 0;
      for (let i = 0; i < cmds.length; i += step) {
        for (const k of [0, 1]) {
          const items = cmds.slice(i, i + step).map((command) => (command.type === "withdraw" ? { command, releaseAllCash: true } : { command }));
          const { write } = applyBatch(engines[k]!, items, 1_000 + i, { every: step * 3, lastSeq: lastSeq[k]! });
          most = Math.max(most, write.journal.length, write.openOrders.length, write.balances.length);
          await repos[k]!.commitBatch(write);
          if (write.snapshot) lastSeq[k] = write.snapshot.seq;
        }
      }
      const [a, b] = [await dump(viaKysely), await dump(viaPrepared)];
      assert.ok(a.pit_trades!.length > 10 && a.pit_snapshots!.length === 2 && a.pit_open_orders!.length > 0, "the stream exercised every table");
      assert.ok((a.pit_allocations as { kind: string }[]).some((r) => r.kind === "release"), "a release was written");
      if (step > 32) assert.ok(most > 64, `a batch had more than four 16-row statements' worth of rows of a kind (${most})`);
      assert.deepEqual(b, a);
    });
  }

  it("waits for a Kysely transaction open on the handle and stays out of it (its rollback keeps the batch)", async () => {
    const db = await fresh("mutex");
    const repo = new PitRepository(db.kysely, db.sqlite);
    const engine = new Engine({ instrument: ACME });
    const { write } = applyBatch(engine, commands(30).map((command) => ({ command })).slice(0, 20), 5, { every: 1_000, lastSeq: 0 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let begun!: () => void;
    const inside = new Promise<void>((r) => (begun = r));
    const other = db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto("pit_accounts").values({ trader_id: "z", cash_unallocated: 1, created_at: 0 }).execute();
      begun();
      await gate; // BEGIN is open on the shared handle while the batch is submitted
      throw new Error("roll back");
    });
    await inside;
    assert.ok(db.sqlite!.inTransaction);
    const batch = repo.commitBatch(write);
    await new Promise((r) => setTimeout(r, 20));
    const during = (db.sqlite!.prepare("select count(*) n from pit_journal").get() as { n: number }).n;
    assert.equal(during, 0, "the batch waits for the open transaction instead of writing inside it");
    release();
    await assert.rejects(other, /roll back/);
    await batch;
    const journaled = (db.sqlite!.prepare("select count(*) n from pit_journal").get() as { n: number }).n;
    assert.equal(journaled, write.journal.length, "the batch committed on its own");
    assert.equal(db.sqlite!.prepare("select * from pit_accounts where trader_id = 'z'").get(), undefined, "the other transaction rolled back alone");
  });
});

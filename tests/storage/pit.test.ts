/** Pit persistence on SQLite and PostgreSQL: group commits, recovery, atomicity, outbox. */
import assert from "node:assert/strict";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { pitMigrations } from "../../server/rooms/pit/migrations.js";
import { OUTBOX_BATCH, outboxEvents, PitRepository } from "../../server/rooms/pit/journalRepository.js";
import { applyBatch, PendingProjection, type BatchItem } from "../../server/rooms/pit/batch.js";
import { Engine, checkInvariants, instrument, replay, type PitCommand } from "../../shared/pit/index.js";
import type { MemoryLedger } from "../../shared/pit/ledger.js";
import { describeEachDialect } from "../helpers/databases.js";
import { drainOutbox } from "../../server/rooms/pit/outbox.js";
import type { Platform } from "../../server/platform/context.js";
import { randomBytes } from "node:crypto";
import { dropPostgresSchema, openDatabase } from "../../server/platform/db/database.js";

const ACME = instrument("ACME")!;

/** A deterministic command stream over a few traders (orders, cancels, amends, market orders). */
function stream(n: number, seed = 1): PitCommand[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const traders = ["t1", "t2", "t3", "t4"];
  const out: PitCommand[] = traders.map((t) => ({ type: "fund", traderId: t, cash: 1_000 * ACME.refPrice, qty: 1_000 }));
  for (let i = 0; i < n; i++) {
    const traderId = traders[Math.floor(rnd() * traders.length)]!;
    const r = rnd();
    if (r < 0.1) out.push({ type: "cancel", traderId, clientOrderId: `o${Math.floor(rnd() * i)}` });
    else if (r < 0.15) out.push({ type: "amend", traderId, clientOrderId: `o${Math.floor(rnd() * i)}`, qty: 1 });
    else if (r < 0.2) out.push({ type: "order", traderId, clientOrderId: `o${i}`, side: rnd() < 0.5 ? "buy" : "sell", orderType: "market", qty: 1 + Math.floor(rnd() * 5) });
    else out.push({ type: "order", traderId, clientOrderId: `o${i}`, side: rnd() < 0.5 ? "buy" : "sell", orderType: "limit", price: ACME.refPrice - 10 + Math.floor(rnd() * 21), qty: 1 + Math.floor(rnd() * 9), ...(rnd() < 0.1 ? { tif: "IOC" as const } : {}) });
  }
  return out;
}

describeEachDialect("pit storage", (db) => {
  let repo: PitRepository;
  before(async () => {
    await migrate(db(), [platformMigrations, pitMigrations]);
    repo = new PitRepository(db().kysely, db().sqlite); // SQLite: the prepared-statement batch write; Postgres: Kysely
  });

  it("group commits replay to the live state hash; balances, open orders and trades match the engine", async () => {
    const engine = new Engine({ instrument: ACME });
    const cmds = stream(600);
    let lastSeq = 0;
    let snapshots = 0;
    for (let i = 0; i < cmds.length; i += 37) {
      const items: BatchItem[] = cmds.slice(i, i + 37).map((command) => ({ command }));
      const { write } = applyBatch(engine, items, 1_000 + i, { every: 100, lastSeq });
      await repo.commitBatch(write);
      if (write.snapshot) {
        lastSeq = write.snapshot.seq;
        snapshots++;
      }
      checkInvariants(engine);
    }
    assert.ok(snapshots >= 2, "snapshots were taken");
    const { snapshot, journal } = await repo.recoveryData("ACME");
    assert.ok(snapshot !== null && snapshot.seq === lastSeq);
    assert.equal(journal[0]?.seq, lastSeq + 1, "only the tail after the snapshot is replayed");
    const recovered = replay(snapshot, journal);
    assert.equal(recovered.stateHash(), engine.stateHash());
    const full = replay(new Engine({ instrument: ACME }).snapshot(), (await repo.journal({ symbol: "ACME", from: 1, limit: 100_000 })).map((r) => ({ seq: r.seq, now: r.now, command: JSON.parse(r.command) })));
    assert.equal(full.stateHash(), engine.stateHash(), "the whole journal (audit trail) replays too");
    assert.equal(await repo.lastSeq("ACME"), engine.seq);
    for (const t of ["t1", "t2", "t3", "t4"]) {
      const [b] = await repo.balancesOf(t);
      const a = engine.ledger!.snapshot().accounts.find(([id]) => id === t)![1];
      assert.deepEqual([b!.cash_available, b!.cash_reserved, b!.asset_available, b!.asset_reserved], [a.cash.available, a.cash.reserved, a.assets.ACME!.available, a.assets.ACME!.reserved]);
      const rows = await repo.openOrdersOf(t);
      const live = engine.openOrders(t);
      assert.deepEqual(rows.map((o) => `${o.client_order_id}:${o.leaves_qty}:${o.filled_qty}:${o.price}`).sort(), live.map((o) => `${o.clientOrderId}:${o.leavesQty}:${o.filledQty}:${o.price}`).sort());
    }
    const trades = await repo.recentTrades("ACME", 500);
    assert.equal(trades.length, Math.min(500, engine.stats().trades));
    const snaps = await db().kysely.selectFrom("pit_snapshots").select("seq").where("symbol", "=", "ACME").execute();
    assert.ok(snaps.length <= 2, "old snapshots are pruned");
  });

  it("fills: projected from the trades in bounded steps, idempotent, each trader's own (maker or taker), newest first", async () => {
    // the first test committed ACME trades; fillsOf brings the projection up to date itself
    const all = await db().kysely.selectFrom("pit_trades").selectAll().where("symbol", "=", "ACME").execute();
    assert.ok(all.length > 20, `trades to project (${all.length})`);
    await db().kysely.deleteFrom("pit_fills").execute();
    await db().kysely.deleteFrom("pit_fills_progress").execute();
    assert.equal(await repo.projectFills("ACME", 10), 10, "a step takes at most maxTrades trades");
    const after10 = await db().kysely.selectFrom("pit_fills_progress").select("trade_id").where("symbol", "=", "ACME").executeTakeFirstOrThrow();
    const ids = all.map((t) => Number(t.trade_id)).sort((a, b) => a - b);
    assert.equal(Number(after10.trade_id), ids[9]);
    // two projectors at once (a room's timer and a REST read): nothing twice, nothing missed
    await Promise.all([repo.projectFills("ACME"), repo.projectFills("ACME"), repo.projectFills("ACME", 7)]);
    while ((await repo.projectFills("ACME")) > 0);
    assert.equal(await repo.projectFills("ACME"), 0, "up to date");
    for (const t of ["t1", "t2", "t3", "t4"]) {
      const expected = all
        .filter((r) => r.maker_id === t || r.taker_id === t)
        .sort((a, b) => Number(b.time) - Number(a.time) || Number(b.trade_id) - Number(a.trade_id))
        .map((r) => Number(r.trade_id));
      const fills = await repo.fillsOf(t, 100_000);
      assert.deepEqual(fills.map((f) => f.trade_id), expected, `${t}'s fills`);
      assert.deepEqual((await repo.fillsOf(t, 3)).map((f) => f.trade_id), expected.slice(0, 3));
    }
    const rows = await db().kysely.selectFrom("pit_fills").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), all.reduce((n, r) => n + (r.maker_id === r.taker_id ? 1 : 2), 0), "one row per side");
  });

  it("pit_0004 moves existing trades' fills into pit_fills", async () => {
    // a database at pit_0003 with trades, then the rest of the migrations
    const upTo3 = Object.fromEntries(Object.entries(pitMigrations).filter(([name]) => name < "pit_0004"));
    const url = db().dialect === "postgres" ? process.env.DATABASE_URL : undefined;
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const fresh = await openDatabase(url ? { url, schema } : {}); // Postgres: a schema of its own; SQLite: in memory
    try {
      await migrate(fresh, [platformMigrations, upTo3]);
      const engine = new Engine({ instrument: ACME });
      const { write } = applyBatch(engine, stream(300, 3).map((command) => ({ command })), 9, { every: 1_000_000, lastSeq: 0 });
      assert.ok(write.trades.length > 5);
      await fresh.kysely.insertInto("pit_trades").values(write.trades).execute();
      await migrate(fresh, [platformMigrations, pitMigrations]);
      const n = await fresh.kysely.selectFrom("pit_fills").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), write.trades.reduce((k, r) => k + (r.maker_id === r.taker_id ? 1 : 2), 0));
      const p = await fresh.kysely.selectFrom("pit_fills_progress").select("trade_id").where("symbol", "=", "ACME").executeTakeFirstOrThrow();
      assert.equal(Number(p.trade_id), Math.max(...write.trades.map((t) => t.trade_id)));
    } finally {
      await fresh.close();
      if (url) await dropPostgresSchema(url, schema);
    }
  });

  it("a batch is all or nothing: a seq already journaled rolls the whole batch back", async () => {
    const engine = new Engine({ instrument: instrument("BOLT")! });
    const first = applyBatch(engine, stream(20, 7).map((command) => ({ command })), 5, { every: 1_000, lastSeq: 0 });
    await repo.commitBatch({ ...first.write });
    const before = await repo.lastSeq(first.write.symbol);
    const tradesBefore = (await repo.recentTrades(first.write.symbol, 500)).length;
    // a second writer (another room for the same symbol) with the same seqs must fail entirely
    await assert.rejects(repo.commitBatch({ ...first.write, trades: first.write.trades.map((t) => ({ ...t, trade_id: t.trade_id + 10_000 })) }));
    assert.equal(await repo.lastSeq(first.write.symbol), before);
    assert.equal((await repo.recentTrades(first.write.symbol, 500)).length, tradesBefore);
  });

  it("outbox rows are written with their batch and marked published once drained", async () => {
    const pending = await repo.pendingOutbox(100_000);
    assert.ok(pending.length > 0);
    assert.ok(pending.every((r) => r.kind === OUTBOX_BATCH), "one row per batch");
    const events = outboxEvents(pending);
    assert.ok(events.length > pending.length, "a row holds its batch's events");
    assert.ok(events.some((r) => r.kind === "trade") && events.some((r) => r.kind === "funded"));
    const trade = events.find((r) => r.kind === "trade")!;
    assert.equal(JSON.parse(trade.payload).type, "trade");
    const keys = events.map((e) => `${e.symbol}:${e.seq}:${e.n}`);
    const bad = keys.findIndex((k, i) => i > 0 && !(events[i]!.symbol > events[i - 1]!.symbol || (events[i]!.symbol === events[i - 1]!.symbol && (events[i]!.seq > events[i - 1]!.seq || (events[i]!.seq === events[i - 1]!.seq && events[i]!.n > events[i - 1]!.n)))));
    assert.equal(bad, -1, `events in (symbol, seq, n) order: ${keys.slice(Math.max(0, bad - 2), bad + 2)}`);
    const trades = await db().kysely.selectFrom("pit_trades").select((eb) => eb.fn.countAll().as("n")).where("symbol", "=", "ACME").executeTakeFirstOrThrow();
    assert.equal(events.filter((e) => e.kind === "trade").length, Number(trades.n), "one event per trade");
    await repo.markPublished(pending, 42);
    assert.equal((await repo.pendingOutbox(10)).length, 0);
  });

  it("the outbox worker keeps up: one tick drains every pending batch, not one page", async () => {
    const engine = new Engine({ instrument: ACME });
    let lastSeq = 0;
    for (let i = 0; i < 130; i++) {
      const items: BatchItem[] = [
        { command: { type: "fund", traderId: `k${i}`, cash: ACME.refPrice * 10, qty: 10 } },
      ];
      const { write } = applyBatch(engine, items, 50_000 + i, { every: 1_000_000, lastSeq });
      lastSeq = engine.seq;
      write.journal = write.journal.map((j) => ({ ...j, symbol: "ZZOUT" }));
      write.outbox = write.outbox.map((o) => ({ ...o, symbol: "ZZOUT" }));
      write.balances = [];
      write.symbol = "ZZOUT";
      await repo.commitBatch(write);
    }
    const platform = { db: db(), now: () => 7 } as unknown as Platform;
    assert.ok((await repo.pendingOutbox(1_000)).length >= 130);
    const published = await drainOutbox(platform, 10_000);
    assert.ok(published >= 130, `published ${published}`);
    assert.deepEqual(await repo.pendingOutbox(10), [], "nothing left for the next tick");
  });

  it("markPublished marks exactly the rows read: a cut inside one command's rows, two symbols, rows written after the read", async () => {
    await repo.markPublished(await repo.pendingOutbox(100_000), 1); // start from an empty queue
    const row = (symbol: string, seq: number, n: number) => ({ symbol, seq, n, kind: "trade", payload: "{}", created_at: 1, published_at: null });
    const rows = [row("OBA", 1, 0), row("OBA", 2, 0), row("OBA", 2, 1), row("OBA", 2, 2), row("OBB", 1, 0), row("OBB", 1, 1)];
    await db().kysely.insertInto("pit_outbox").values(rows).execute();
    const read = await repo.pendingOutbox(3); // OBA 1/0, 2/0, 2/1: stops inside seq 2
    assert.deepEqual(read.map((r) => `${r.symbol}:${r.seq}/${r.n}`), ["OBA:1/0", "OBA:2/0", "OBA:2/1"]);
    await db().kysely.insertInto("pit_outbox").values([row("OBA", 3, 0)]).execute(); // written after the read
    await repo.markPublished(read, 7);
    const left = (await repo.pendingOutbox(100)).map((r) => `${r.symbol}:${r.seq}/${r.n}`);
    assert.deepEqual(left, ["OBA:2/2", "OBA:3/0", "OBB:1/0", "OBB:1/1"]);
    await repo.markPublished(await repo.pendingOutbox(100), 8);
    assert.equal((await repo.pendingOutbox(100)).length, 0);
  });

  it("cross-instrument cash: conditional allocation, applied with the journal, pending ones credited back, releases credited", async () => {
    await repo.ensureAccount("cash1", 1_000, 1);
    await repo.ensureAccount("cash1", 999_999, 2); // once only
    assert.equal(await repo.unallocated("cash1"), 1_000);
    assert.equal(await repo.allocate("alloc:x0", "cash1", "ACME", 1_001, 3), false, "never more than is there");
    assert.equal(await repo.unallocated("cash1"), 1_000);
    // two rooms race for 600 each out of 1,000: exactly one wins
    const won = await Promise.all([repo.allocate("alloc:x1", "cash1", "ACME", 600, 4), repo.allocate("alloc:x2", "cash1", "BOLT", 600, 4)]);
    assert.equal(won.filter(Boolean).length, 1);
    assert.equal(await repo.unallocated("cash1"), 400);
    const [winner, sym] = won[0] ? ["alloc:x1", "ACME"] : ["alloc:x2", "BOLT"];
    // the fund is journaled: the same transaction marks the allocation applied
    const engine = new Engine({ instrument: instrument(sym)! });
    engine.seq = await repo.lastSeq(sym); // continue this symbol's journal
    const { write } = applyBatch(engine, [{ command: { type: "fund", traderId: "cash1", cash: 600, qty: 0, ref: winner } }], 5, { every: 1_000_000, lastSeq: engine.seq });
    assert.deepEqual(write.allocationsApplied, [winner]);
    await repo.commitBatch(write);
    // a second allocation whose fund never reached the journal (crash) is given back at recovery
    assert.equal(await repo.allocate("alloc:x3", "cash1", sym, 300, 6), true);
    assert.equal(await repo.unallocated("cash1"), 100);
    assert.equal(await repo.reconcileAllocations(sym), 1);
    assert.equal(await repo.unallocated("cash1"), 400, "only the pending one came back");
    assert.equal(await repo.reconcileAllocations(sym), 0, "idempotent");
    // release: a journaled withdraw of all available cash credits the database in the same transaction
    const rel = applyBatch(engine, [{ command: { type: "withdraw", traderId: "cash1", cash: 0, qty: 0, ref: "release:r1" }, releaseAllCash: true }], 7, { every: 1_000_000, lastSeq: 0 });
    assert.deepEqual(rel.write.releases, [{ id: "release:r1", trader_id: "cash1", amount: 600 }]);
    await repo.commitBatch(rel.write);
    assert.equal(await repo.unallocated("cash1"), 1_000, "all cash is back: conserved");
    assert.equal(engine.ledger!.snapshot().accounts.find(([t]) => t === "cash1")![1].cash.available, 0);
  });

  it("balances and open orders written every few batches (PendingProjection), and rewritten whole, end as the engine has them", async () => {
    const BOLT = instrument("BOLT")!;
    for (const t of ["pit_journal", "pit_trades", "pit_outbox", "pit_snapshots", "pit_balances", "pit_open_orders"]) await db().kysely.deleteFrom(t).where("symbol", "=", "BOLT").execute();
    const engine = new Engine({ instrument: BOLT });
    const ledger = engine.ledger as MemoryLedger;
    const pending = new PendingProjection();
    // the last test here (it writes BOLT, which the tests above expect to find empty), with traders of its own
    const cmds = stream(500, 7).map((c) => ({ ...c, traderId: c.traderId.replace("t", "p"), ...(c.type === "order" && c.orderType === "limit" ? { price: c.price! - ACME.refPrice + BOLT.refPrice } : {}) }) as PitCommand);
    const agree = async (what: string) => {
      for (const t of ["p1", "p2", "p3", "p4"]) {
        const b = (await repo.balancesOf(t)).find((r) => r.symbol === "BOLT")!;
        const a = ledger.account(t);
        assert.deepEqual([b.cash_available, b.cash_reserved, b.asset_available, b.asset_reserved], [a.cash.available, a.cash.reserved, a.assets.BOLT!.available, a.assets.BOLT!.reserved], `${what}: ${t}'s balance`);
        const rows = (await repo.openOrdersOf(t)).filter((o) => o.symbol === "BOLT");
        assert.deepEqual(rows.map((o) => `${o.client_order_id}:${o.leaves_qty}:${o.filled_qty}:${o.price}`).sort(), engine.openOrders(t).map((o) => `${o.clientOrderId}:${o.leavesQty}:${o.filledQty}:${o.price}`).sort(), `${what}: ${t}'s open orders`);
      }
    };
    let batches = 0;
    let written = 0;
    for (let i = 0; i < cmds.length; i += 11) {
      const project = ++batches % 4 === 0;
      const { write } = applyBatch(engine, cmds.slice(i, i + 11).map((command) => ({ command })), 5_000 + i, { every: 1e9, lastSeq: 0 }, { pending, project });
      if (!project) assert.deepEqual([write.balances.length, write.openOrders.length, write.closedOrders.length], [0, 0, 0], "nothing projected between writes");
      else written += write.balances.length;
      await repo.commitBatch(write);
      if (project) await agree(`after batch ${batches}`);
    }
    assert.ok(written <= 4 * Math.ceil(batches / 4), "at most one balance row per trader per write");
    // a projection-only write (no command) brings the rest
    await repo.commitBatch(applyBatch(engine, [], 9_999, { every: 1e9, lastSeq: 0 }, { pending }).write);
    await agree("at the end");
    // rewritten whole (a recovery): a stale row that no order backs goes, the rest is as before
    await db().kysely.insertInto("pit_open_orders").values({ symbol: "BOLT", trader_id: "p1", client_order_id: "ghost", side: "buy", price: 1, leaves_qty: 1, filled_qty: 0, post_only: 0 }).execute();
    await db().kysely.updateTable("pit_balances").set({ cash_available: 0 }).where("symbol", "=", "BOLT").where("trader_id", "=", "p2").execute();
    pending.all = true;
    const whole = applyBatch(engine, [], 10_000, { every: 1e9, lastSeq: 0 }, { pending });
    assert.equal(whole.write.replaceOpenOrders, true);
    await repo.commitBatch(whole.write);
    await agree("rewritten whole");
    assert.equal(pending.empty, true);
  });
});

describe("pit batches: when a snapshot is taken", () => {
  it("after `every` commands, and with minMs not sooner than minMs after the previous one", () => {
    const engine = new Engine({ instrument: ACME });
    const cmds = stream(400);
    let lastSeq = 0;
    let lastAt: number | undefined;
    const taken: number[] = [];
    for (let i = 0; i < cmds.length; i += 20) {
      const now = 10_000 + i; // 20 commands per ms of this clock
      const { write } = applyBatch(engine, cmds.slice(i, i + 20).map((command) => ({ command })), now, { every: 50, lastSeq, minMs: 100, lastAt });
      if (write.snapshot) {
        taken.push(now);
        lastSeq = write.snapshot.seq;
        lastAt = write.snapshot.takenAt;
      }
    }
    assert.ok(taken.length >= 2, `snapshots were taken (${taken.length})`);
    assert.equal(taken[0], 10_040, "the first as soon as 50 commands passed (no previous one)");
    for (let k = 1; k < taken.length; k++) assert.ok(taken[k]! - taken[k - 1]! >= 100, `${taken[k - 1]} → ${taken[k]}: at least minMs apart`);
    assert.ok(taken.length < 400 / 50, "fewer than every 50 commands would have given");
  });

  it("deletes only open-order rows that exist: none for orders placed and closed in the same batch", () => {
    const engine = new Engine({ instrument: ACME });
    const fund = (traderId: string): BatchItem => ({ command: { type: "fund", traderId, cash: 1_000 * ACME.refPrice, qty: 1_000 } });
    const P = ACME.refPrice;
    const first = applyBatch(engine, [fund("a"), fund("b"), { command: { type: "order", traderId: "a", clientOrderId: "rest", side: "sell", orderType: "limit", price: P, qty: 5 } }], 1, { every: 1_000, lastSeq: 0 });
    assert.deepEqual(first.write.openOrders.map((o) => o.client_order_id), ["rest"]);
    const second = applyBatch(engine, [
      // an IOC taker that fills against "rest" and never rests; "rest" is left with 3 lots
      { command: { type: "order", traderId: "b", clientOrderId: "ioc", side: "buy", orderType: "limit", price: P, qty: 2, tif: "IOC" } },
      // placed and canceled within the batch
      { command: { type: "order", traderId: "b", clientOrderId: "brief", side: "buy", orderType: "limit", price: P - 5, qty: 1 } },
      { command: { type: "cancel", traderId: "b", clientOrderId: "brief" } },
    ], 2, { every: 1_000, lastSeq: 0 });
    assert.equal(second.trades, 1);
    assert.deepEqual(second.write.closedOrders, [], "nothing to delete: neither order was ever written");
    assert.deepEqual(second.write.openOrders.map((o) => `${o.client_order_id}:${o.leaves_qty}`), ["rest:3"]);
    const third = applyBatch(engine, [
      { command: { type: "cancel", traderId: "a", clientOrderId: "rest" } },
      // the same id again, placed and filled in the batch: the old row still has to go
      { command: { type: "order", traderId: "a", clientOrderId: "rest", side: "sell", orderType: "limit", price: P + 1, qty: 1 } },
      { command: { type: "order", traderId: "b", clientOrderId: "take", side: "buy", orderType: "limit", price: P + 1, qty: 1, tif: "IOC" } },
    ], 3, { every: 1_000, lastSeq: 0 });
    assert.deepEqual(third.write.closedOrders, [{ trader_id: "a", client_order_id: "rest" }]);
    assert.deepEqual(third.write.openOrders, []);
  });

  it("across batches that do not write the projection: an order placed and closed in between is never written nor deleted", () => {
    const engine = new Engine({ instrument: ACME });
    const pending = new PendingProjection();
    const P = ACME.refPrice;
    const fund = (traderId: string): BatchItem => ({ command: { type: "fund", traderId, cash: 1_000 * P, qty: 1_000 } });
    const first = applyBatch(engine, [fund("a"), fund("b"), { command: { type: "order", traderId: "a", clientOrderId: "brief", side: "sell", orderType: "limit", price: P, qty: 5 } }], 1, { every: 1_000, lastSeq: 0 }, { pending, project: false });
    assert.deepEqual([first.write.balances, first.write.openOrders], [[], []]);
    assert.deepEqual([...first.traders].sort(), ["a", "b"], "the state sync still hears of every trader the batch touched");
    const second = applyBatch(engine, [{ command: { type: "cancel", traderId: "a", clientOrderId: "brief" } }, { command: { type: "order", traderId: "b", clientOrderId: "stays", side: "buy", orderType: "limit", price: P - 1, qty: 1 } }], 2, { every: 1_000, lastSeq: 0 }, { pending, project: true });
    assert.deepEqual(second.write.closedOrders, [], "'brief' was never written");
    assert.deepEqual(second.write.openOrders.map((o) => o.client_order_id), ["stays"]);
    assert.deepEqual(second.write.balances.map((b) => b.trader_id).sort(), ["a", "b"], "one row per trader for both batches");
    assert.equal(pending.empty, true);
  });
});

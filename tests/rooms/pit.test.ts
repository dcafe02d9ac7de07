/** The pit room through real SDK clients against the in-process server (bots off). */
import assert from "node:assert/strict";
import type { Room } from "@colyseus/sdk";
import type { StartedApp } from "../../server/app.js";
import { checkInvariants, replay, Engine, instrument, type ExecutionReport } from "../../shared/pit/index.js";
import { PitRepository } from "../../server/rooms/pit/journalRepository.js";
import { hostedPit } from "../../server/rooms/pit/PitRoom.js";
import { pitSettings } from "../../server/rooms/pit/config.js";
import { sdkClient, testServer, waitFor, type Guest } from "../helpers/testServer.js";

process.env.PIT_BOTS = "0"; // before any pit room is created

interface Trader {
  room: Room<any>;
  guest: Guest;
  reports: ExecutionReport[];
  /** Resolves with the first report (from now on, or already received after `from`) matching. */
  report(pred: (r: ExecutionReport) => boolean, ms?: number): Promise<ExecutionReport>;
  me(): any;
}

let counter = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${counter++}`;

async function trader(url: string, name: string, symbol = "ACME"): Promise<Trader> {
  const { client, guest } = await sdkClient(url, name);
  const room = await client.joinOrCreate<any>("pit", { symbol });
  room.reconnection.enabled = false;
  const reports: ExecutionReport[] = [];
  room.onMessage("execution", (r: ExecutionReport) => reports.push(r));
  const t: Trader = {
    room,
    guest,
    reports,
    async report(pred, ms = 5000) {
      let found: ExecutionReport | undefined;
      await waitFor(() => (found = reports.find(pred)) !== undefined, ms, "execution report");
      return found!;
    },
    me: () => room.state.traders?.get(guest.user.id),
  };
  await waitFor(() => t.me() !== undefined && t.me().cashAvailable > 0, 5000, `${name}'s private state`);
  return t;
}

const ACME = instrument("ACME")!;
const START = 1000 * ACME.refPrice; // default PIT_START_CASH: 1000 × the highest refPrice (ACME's)
const ALLOC = START / 2; // default PIT_ALLOCATE_CASH: START / 2 instruments

describe("pit room", function () {
  this.timeout(20_000);
  let app: StartedApp;
  let open: Trader[] = [];
  const join = async (name: string, symbol?: string) => {
    const t = await trader(app.url, name, symbol);
    open.push(t);
    return t;
  };
  before(async () => {
    app = await testServer();
  });
  afterEach(async () => {
    for (const t of open) await t.room.leave().catch(() => undefined);
    open = [];
  });

  it("refuses an unknown symbol with INVALID_OPTIONS, and the refused room disposes cleanly", async () => {
    const errors: unknown[] = [];
    const logger = app.platform.logger;
    const child = logger.child;
    logger.child = (fields) => {
      const l = child.call(logger, fields);
      if (fields.room === "pit") l.error = (msg, f) => void errors.push({ msg, ...f });
      return l;
    };
    try {
      const { client } = await sdkClient(app.url, "Nobody");
      await assert.rejects(client.joinOrCreate("pit", { symbol: "NOPE" }), /INVALID_OPTIONS/);
      await assert.rejects(client.joinOrCreate("pit"), /INVALID_OPTIONS/);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      logger.child = child;
    }
    assert.deepEqual(errors, [], "no error logged by the refused rooms");
  });

  it("funds a new trader once, and exposes symbol and refPrice", async () => {
    const a = await join("Ann");
    assert.equal(a.room.state.symbol, "ACME");
    assert.equal(a.room.state.refPrice, ACME.refPrice);
    assert.deepEqual([pitSettings().startCash, pitSettings().allocateCash], [START, ALLOC]);
    assert.equal(a.me().cashAvailable, ALLOC, "the room holds the cash allocated on join");
    assert.equal(a.me().assetAvailable, 1000);
  });

  it("two traders cross: partial fill, then filled at the maker's price; balances settle", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    const sell = uid("s");
    a.room.send("order", { clientOrderId: sell, side: "sell", type: "limit", price: 10_050, qty: 10 });
    await a.report((r) => r.clientOrderId === sell && r.status === "accepted");
    const buy1 = uid("b");
    b.room.send("order", { clientOrderId: buy1, side: "buy", type: "limit", price: 10_050, qty: 4 });
    const bf = await b.report((r) => r.clientOrderId === buy1 && r.status === "filled");
    assert.deepEqual([bf.filledQty, bf.leavesQty, bf.lastPrice, bf.lastQty], [4, 0, 10_050, 4]);
    const ap = await a.report((r) => r.clientOrderId === sell && r.status === "partially_filled");
    assert.deepEqual([ap.filledQty, ap.leavesQty], [4, 6]);
    const buy2 = uid("b");
    b.room.send("order", { clientOrderId: buy2, side: "buy", type: "limit", price: 10_060, qty: 6 });
    const b2 = await b.report((r) => r.clientOrderId === buy2 && r.status === "filled");
    assert.equal(b2.lastPrice, 10_050, "trades at the maker's price");
    await a.report((r) => r.clientOrderId === sell && r.status === "filled");
    await waitFor(() => a.me().cashAvailable === ALLOC + 10 * 10_050 && b.me().assetAvailable === 1010, 5000, "balances");
    assert.equal(a.me().assetAvailable, 990);
    assert.equal(b.me().cashAvailable, ALLOC - 10 * 10_050);
    assert.equal(b.me().cashReserved, 0, "price improvement returned");
    assert.equal(a.room.state.lastPrice, 10_050);
    assert.equal(a.room.state.tape[0].price, 10_050);
    assert.ok(a.room.state.candles1s.length >= 1 && a.room.state.candles1m.length >= 1);
    assert.ok(a.room.state.stats.trades >= 2);
  });

  it("reports: \"batch\" gets a group commit's reports as one executions array, the same reports in the same order", async () => {
    const a = await join("Bea"); // one report message each (the default)
    const { client, guest } = await sdkClient(app.url, "Bat");
    const room = await client.joinOrCreate<any>("pit", { symbol: "ACME", reports: "batch" });
    room.reconnection.enabled = false;
    const arrays: ExecutionReport[][] = [];
    const singles: ExecutionReport[] = [];
    room.onMessage("executions", (list: ExecutionReport[]) => arrays.push(list));
    room.onMessage("execution", (r: ExecutionReport) => singles.push(r));
    try {
      await waitFor(() => room.state.traders?.get(guest.user.id)?.cashAvailable > 0, 5000, "funded");
      // three resting asks from the batched trader in one event-loop turn (one batch)
      const ids = [uid("s"), uid("s"), uid("s")];
      ids.forEach((id, i) => room.send("order", { clientOrderId: id, side: "sell", type: "limit", price: 10_030 + i, qty: 1 }));
      await waitFor(() => arrays.flat().length >= 3, 5000, "three accepted reports");
      assert.deepEqual(arrays.flat().map((r) => [r.clientOrderId, r.status]), ids.map((id) => [id, "accepted"]));
      assert.ok(arrays.length < 3, `fewer messages than reports (${arrays.length})`);
      // the default trader takes all three: the maker side's fills arrive batched too, in trade order
      const take = uid("b");
      a.room.send("order", { clientOrderId: take, side: "buy", type: "limit", price: 10_032, qty: 3 });
      await a.report((r) => r.clientOrderId === take && r.status === "filled");
      await waitFor(() => arrays.flat().filter((r) => r.status === "filled").length === 3, 5000, "maker fills");
      assert.deepEqual(arrays.flat().filter((r) => r.status === "filled").map((r) => [r.clientOrderId, r.lastPrice]), ids.map((id, i) => [id, 10_030 + i]));
      assert.deepEqual(singles, [], "a batched session gets no execution messages");
      // a rejection too
      room.send("cancel", { clientOrderId: "never-placed" });
      await waitFor(() => arrays.flat().some((r) => r.clientOrderId === "never-placed" && r.reason === "UNKNOWN_ORDER"), 5000, "the rejection");
      // any other value is refused at the join
      await assert.rejects(client.joinOrCreate("pit", { symbol: "ACME", reports: "all" }), /INVALID_OPTIONS/);
    } finally {
      await room.leave().catch(() => undefined);
    }
  });

  it("IOC: the unfilled remainder is canceled", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    const sell = uid("s");
    a.room.send("order", { clientOrderId: sell, side: "sell", type: "limit", price: 10_100, qty: 3 });
    await a.report((r) => r.clientOrderId === sell && r.status === "accepted");
    const buy = uid("b");
    b.room.send("order", { clientOrderId: buy, side: "buy", type: "limit", price: 10_100, qty: 5, tif: "IOC" });
    const c = await b.report((r) => r.clientOrderId === buy && r.status === "canceled");
    assert.equal(c.reason, "IOC_REMAINDER");
    assert.equal(c.filledQty, 3);
    const partial = b.reports.find((r) => r.clientOrderId === buy && r.status === "partially_filled")!;
    assert.deepEqual([partial.filledQty, partial.leavesQty], [3, 2]);
    await waitFor(() => b.me().cashReserved === 0 && b.me().orders.length === 0, 5000, "reservation released");
  });

  it("FOK: all or nothing", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    const sell = uid("s");
    a.room.send("order", { clientOrderId: sell, side: "sell", type: "limit", price: 10_200, qty: 3 });
    await a.report((r) => r.clientOrderId === sell && r.status === "accepted");
    const seq = a.room.state.seq;
    const fok1 = uid("f");
    b.room.send("order", { clientOrderId: fok1, side: "buy", type: "limit", price: 10_200, qty: 5, tif: "FOK" });
    const c = await b.report((r) => r.clientOrderId === fok1 && r.status === "canceled");
    assert.deepEqual([c.reason, c.filledQty], ["FOK_UNFILLED", 0]);
    await waitFor(() => a.room.state.seq > seq, 5000, "seq");
    assert.equal(a.me().orders[0].leavesQty, 3, "the resting order is untouched");
    const fok2 = uid("f");
    b.room.send("order", { clientOrderId: fok2, side: "buy", type: "limit", price: 10_200, qty: 3, tif: "FOK" });
    await b.report((r) => r.clientOrderId === fok2 && r.status === "filled");
    await a.report((r) => r.clientOrderId === sell && r.status === "filled");
  });

  it("post-only that would cross is rejected; amend and cancel work", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    const sell = uid("s");
    a.room.send("order", { clientOrderId: sell, side: "sell", type: "limit", price: 10_300, qty: 2 });
    await a.report((r) => r.clientOrderId === sell && r.status === "accepted");
    const po = uid("p");
    b.room.send("order", { clientOrderId: po, side: "buy", type: "limit", price: 10_300, qty: 1, postOnly: true });
    const r = await b.report((x) => x.clientOrderId === po);
    assert.deepEqual([r.status, r.reason], ["rejected", "POST_ONLY_WOULD_CROSS"]);
    a.room.send("amend", { clientOrderId: sell, qty: 1 });
    const am = await a.report((x) => x.clientOrderId === sell && x.status === "accepted" && x.leavesQty === 1);
    assert.equal(am.filledQty, 0);
    a.room.send("cancel", { clientOrderId: sell });
    const cx = await a.report((x) => x.clientOrderId === sell && x.status === "canceled");
    assert.equal(cx.reason, "USER");
    await waitFor(() => a.me().orders.length === 0 && a.me().assetReserved === 0, 5000, "order gone");
  });

  it("insufficient funds and asset are rejected with their codes", async () => {
    const b = await join("Ben");
    const big = uid("x");
    b.room.send("order", { clientOrderId: big, side: "buy", type: "limit", price: ACME.refPrice, qty: 1001 });
    assert.equal((await b.report((r) => r.clientOrderId === big)).reason, "INSUFFICIENT_FUNDS");
    const sell = uid("y");
    b.room.send("order", { clientOrderId: sell, side: "sell", type: "limit", price: ACME.refPrice + 500, qty: 1001 });
    const r = await b.report((x) => x.clientOrderId === sell);
    assert.deepEqual([r.status, r.reason], ["rejected", "INSUFFICIENT_ASSET"]);
    assert.equal(b.me().cashReserved, 0);
    assert.equal(b.me().assetReserved, 0);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    assert.match(metrics, /^statecraft_commands_rejected_total\{kind="pit",code="INSUFFICIENT_ASSET"\} [1-9]/m, "engine refusals are counted");
  });

  it("a duplicate clientOrderId is rejected and changes nothing; malformed payloads are VALIDATION_FAILED", async () => {
    const a = await join("Ann");
    const id = uid("d");
    a.room.send("order", { clientOrderId: id, side: "buy", type: "limit", price: 9_500, qty: 2 });
    await a.report((r) => r.clientOrderId === id && r.status === "accepted");
    await waitFor(() => a.me().orders.length === 1, 5000, "open order");
    const seq = a.room.state.seq;
    const hash = a.room.state.stateHash;
    const reserved = a.me().cashReserved;
    a.room.send("order", { clientOrderId: id, side: "buy", type: "limit", price: 9_400, qty: 5 });
    const r = await a.report((x) => x.clientOrderId === id && x.status === "rejected");
    assert.equal(r.reason, "DUPLICATE_ORDER_ID");
    assert.deepEqual([r.leavesQty, r.filledQty], [2, 0]);
    assert.equal(a.room.state.seq, seq);
    assert.equal(a.room.state.stateHash, hash);
    assert.equal(a.me().cashReserved, reserved);
    const err = new Promise<{ code: string }>((resolve) => a.room.onMessage("error", resolve));
    a.room.send("order", { clientOrderId: "bad", side: "buy", type: "limit", price: 1.5, qty: 1 });
    assert.equal((await err).code, "VALIDATION_FAILED");
    a.room.send("cancel", { clientOrderId: id });
    await a.report((x) => x.clientOrderId === id && x.status === "canceled");
  });

  it("private views are not leaked: B never sees A's orders or balances", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    const id = uid("secret");
    a.room.send("order", { clientOrderId: id, side: "buy", type: "limit", price: 9_600, qty: 1 });
    await a.report((r) => r.clientOrderId === id && r.status === "accepted");
    await waitFor(() => a.me().orders.length === 1, 5000, "A sees its order");
    assert.equal(a.me().orders[0].clientOrderId, id);
    await new Promise((r) => setTimeout(r, 100));
    const seenByB = [...b.room.state.traders.keys()];
    assert.deepEqual(seenByB, [b.guest.user.id], "B's state holds only B's own trader entry");
    assert.equal(b.room.state.traders.get(a.guest.user.id), undefined);
    assert.ok(!JSON.stringify(b.room.state.toJSON()).includes(id), "A's clientOrderId nowhere in B's state");
    assert.deepEqual([...a.room.state.traders.keys()], [a.guest.user.id]);
    // the public depth shows the level, aggregated, without owner
    assert.ok(b.room.state.bids.some((l: any) => l.price === 9_600));
    a.room.send("cancel", { clientOrderId: id });
    await a.report((x) => x.clientOrderId === id && x.status === "canceled");
  });

  it("journal replay (snapshot + tail from the database) equals the live state hash; invariants hold", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    for (let i = 0; i < 40; i++) {
      const who = i % 2 === 0 ? a : b;
      who.room.send("order", { clientOrderId: uid("r"), side: i % 3 === 0 ? "buy" : "sell", type: "limit", price: 9_980 + (i % 7) * 5, qty: 1 + (i % 4) });
    }
    await waitFor(() => a.reports.length + b.reports.length >= 40, 5000, "reports");
    const room = hostedPit("ACME")!;
    await room.drain();
    const repo = new PitRepository(app.platform.db.kysely);
    const { snapshot, journal } = await repo.recoveryData("ACME");
    const replayed = replay(snapshot ?? new Engine({ instrument: ACME }).snapshot(), journal);
    assert.equal(replayed.stateHash(), room.engine.stateHash());
    await waitFor(() => a.room.state.seq === room.engine.seq, 5000, "patched");
    assert.equal(a.room.state.stateHash, replayed.stateHash());
    checkInvariants(replayed);
    // persisted balances and open orders agree with the engine once the room has written them (they
    // are a projection, written every PIT_PROJECT_MS or when asked: GET /api/pit/accounts/me asks)
    await room.writeProjection();
    const bal = await repo.balancesOf(a.guest.user.id);
    const acct = room.engine.ledger!.snapshot().accounts.find(([id]) => id === a.guest.user.id)![1];
    assert.equal(bal[0]!.cash_available, acct.cash.available);
    assert.equal(bal[0]!.cash_reserved, acct.cash.reserved);
    const orders = await repo.openOrdersOf(a.guest.user.id);
    assert.deepEqual(orders.map((o) => o.client_order_id).sort(), room.engine.openOrders(a.guest.user.id).map((o) => o.clientOrderId).sort());
    // clean the book for later tests
    for (const t of [a, b]) for (const o of [...t.me().orders]) t.room.send("cancel", { clientOrderId: o.clientOrderId });
    await waitFor(() => a.me().orders.length === 0 && b.me().orders.length === 0, 5000, "book cleaned");
  });

  it("serves instruments, trades, candles, my account and the audit journal over HTTP", async () => {
    const a = await join("Ann");
    const b = await join("Ben");
    const s = uid("s");
    const k = uid("b");
    a.room.send("order", { clientOrderId: s, side: "sell", type: "limit", price: 10_010, qty: 2 });
    await a.report((r) => r.clientOrderId === s && r.status === "accepted");
    b.room.send("order", { clientOrderId: k, side: "buy", type: "market", qty: 2 });
    await b.report((r) => r.clientOrderId === k && r.status === "filled");
    const instruments = await (await fetch(`${app.url}/api/pit/instruments`)).json();
    assert.deepEqual(instruments.map((i: any) => i.symbol), ["ACME", "BOLT"]);
    assert.deepEqual(Object.keys(instruments[0]).filter((x) => ["symbol", "tickSize", "lotSize", "refPrice", "band"].includes(x)).length, 5);
    const trades = await (await fetch(`${app.url}/api/pit/ACME/trades?limit=5`)).json();
    assert.equal(trades.items[0].price, 10_010);
    const candles = await (await fetch(`${app.url}/api/pit/ACME/candles?interval=1s`)).json();
    assert.ok(candles.items.length >= 1 && candles.items.at(-1).close === 10_010);
    assert.equal((await fetch(`${app.url}/api/pit/ACME/candles?interval=5m`)).status, 400);
    // an unknown (or misspelt) parameter is refused, not silently ignored
    const misspelt = await fetch(`${app.url}/api/pit/ACME/candles?intervall=1s`);
    assert.equal(misspelt.status, 400);
    assert.deepEqual(((await misspelt.json()) as any).details.map((d: any) => d.path), ["intervall"]);
    assert.equal((await fetch(`${app.url}/api/pit/ACME/trades?limit=5&x=1`)).status, 400);
    assert.equal((await fetch(`${app.url}/api/pit/NOPE/trades`)).status, 404);
    assert.equal((await fetch(`${app.url}/api/pit/accounts/me`)).status, 401);
    const me = await (await fetch(`${app.url}/api/pit/accounts/me`, { headers: { authorization: `Bearer ${b.guest.token}` } })).json();
    assert.equal(me.cash.available, START - 2 * 10_010, "unallocated + the room's available");
    assert.deepEqual(me.assets.ACME, { available: 1002, reserved: 0 });
    assert.equal(me.fills[0].clientOrderId, k);
    assert.equal(me.fills[0].side, "buy");
    assert.deepEqual(me.openOrders, []);
    const audit = await (await fetch(`${app.url}/api/pit/audit?symbol=ACME&from=1&limit=1000`)).json();
    assert.ok(audit.items.some((e: any) => e.command.clientOrderId === k && e.traderId === b.guest.user.id));
    assert.ok(audit.items.every((e: any, i: number) => i === 0 || e.seq === audit.items[i - 1].seq + 1), "gapless seq");
    // the in-process outbox worker publishes (marks) every settlement row
    const repo = new PitRepository(app.platform.db.kysely);
    await waitFor(async () => (await repo.pendingOutbox(10)).length === 0, 5000, "outbox drained");
    // the room projects its trades into the fill lookup on its own timer, without any read
    const c = await join("Cat");
    const d = await join("Dan");
    const ask = uid("s");
    c.room.send("order", { clientOrderId: ask, side: "sell", type: "limit", price: 10_020, qty: 1 });
    await c.report((r) => r.clientOrderId === ask && r.status === "accepted");
    d.room.send("order", { clientOrderId: uid("b"), side: "buy", type: "market", qty: 1 });
    await c.report((r) => r.clientOrderId === ask && r.status === "filled");
    await waitFor(async () => (await app.platform.db.kysely.selectFrom("pit_fills").select("trade_id").where("trader_id", "=", c.guest.user.id).execute()).length === 1, 5000, "Cat's fill projected");
  });

  it("cash is shared across instruments: allocations, top-up on a shortfall, release on leave, conserved", async () => {
    const a = await join("Ann");
    // Ann joins BOLT too (same token): the second room takes the rest of her unallocated cash
    const bc = new (await import("@colyseus/sdk")).Client(app.url);
    bc.auth.token = a.guest.token;
    const ab = await bc.joinOrCreate<any>("pit", { symbol: "BOLT" });
    ab.reconnection.enabled = false;
    const abMe = () => ab.state.traders?.get(a.guest.user.id);
    await waitFor(() => abMe()?.cashAvailable === START - ALLOC, 5000, "BOLT allocation");
    const total = async () => {
      const me = await (await fetch(`${app.url}/api/pit/accounts/me`, { headers: { authorization: `Bearer ${a.guest.token}` } })).json();
      return me.cash.available + me.cash.reserved;
    };
    assert.equal(await total(), START, "cash conserved across rooms and the database");
    // BOLT: a resting buy reserves 3,400,000 of the 5,000,000 BOLT holds
    const boltReports: ExecutionReport[] = [];
    ab.onMessage("execution", (r: ExecutionReport) => boltReports.push(r));
    ab.send("order", { clientOrderId: "bolt-buy", side: "buy", type: "limit", price: 1_700, qty: 2_000 });
    await waitFor(() => boltReports.some((r) => r.clientOrderId === "bolt-buy" && r.status === "accepted"), 5000, "BOLT buy");
    // ACME: a buy of 6,000,000 > the 5,000,000 ACME holds, and nothing unallocated: refused
    const big = uid("big");
    a.room.send("order", { clientOrderId: big, side: "buy", type: "limit", price: ACME.refPrice, qty: 600 });
    assert.equal((await a.report((r) => r.clientOrderId === big)).reason, "INSUFFICIENT_FUNDS");
    // Ann leaves BOLT: its idle 1,600,000 goes back to her unallocated cash (the reserved 3,400,000 stays)
    await ab.leave();
    let seen: unknown;
    await waitFor(async () => {
      seen = await (await fetch(`${app.url}/api/pit/accounts/me`, { headers: { authorization: `Bearer ${a.guest.token}` } })).json();
      return (seen as { cash: { available: number } }).cash.available === START - 1_700 * 2_000;
    }, 5000, "released").catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(seen)}`);
    });
    // now the ACME buy tops up the shortfall from unallocated cash and is accepted
    const big2 = uid("big");
    a.room.send("order", { clientOrderId: big2, side: "buy", type: "limit", price: ACME.refPrice - 500, qty: 600 });
    const ok = await a.report((r) => r.clientOrderId === big2);
    assert.equal(ok.status, "accepted");
    await waitFor(() => a.me().cashReserved === (ACME.refPrice - 500) * 600, 5000, "reserved");
    assert.equal(await total(), START, "still conserved");
    // an amend of that resting buy to a higher price needs more cash than ACME holds: topped up too
    const reservedBefore = (ACME.refPrice - 500) * 600;
    const reportsBefore = a.reports.length;
    a.room.send("amend", { clientOrderId: big2, price: ACME.refPrice - 400 });
    const amended = await a.report((r) => r.clientOrderId === big2 && a.reports.indexOf(r) >= reportsBefore);
    assert.equal(amended.status, "accepted", `amend answered ${JSON.stringify(amended)}`);
    await waitFor(() => a.me().cashReserved === (ACME.refPrice - 400) * 600, 5000, "amend reserved more");
    assert.ok((ACME.refPrice - 400) * 600 > reservedBefore);
    assert.equal(await total(), START, "still conserved after the amend's top-up");
    a.room.send("cancel", { clientOrderId: big2 });
    await a.report((r) => r.clientOrderId === big2 && r.status === "canceled");
  });

  for (const reports of ["each", "batch"] as const) {
    it(`a dropped connection that comes back (reports: "${reports}") gets its reports on the new one, and its leave releases its cash`, async () => {
      const { Client } = await import("@colyseus/sdk");
      const c = new Client(app.url);
      const { guest } = await sdkClient(app.url, "Rex");
      c.auth.token = guest.token;
      // BOLT: no other test's trader there now, so Rex's leave closes nothing it should not
      const room = await c.joinOrCreate<any>("pit", { symbol: "BOLT", reports });
      Object.assign(room.reconnection, { enabled: true, minUptime: 0, minDelay: 50 });
      const got: ExecutionReport[] = [];
      room.onMessage("execution", (r: ExecutionReport) => got.push(r));
      room.onMessage("executions", (rs: ExecutionReport[]) => got.push(...rs));
      const me = () => room.state.traders?.get(guest.user.id);
      await waitFor(() => me()?.cashAvailable > 0, 5000, "Rex's private state");
      room.send("order", { clientOrderId: "before", side: "buy", type: "limit", price: 1_900, qty: 1 });
      await waitFor(() => got.some((r) => r.clientOrderId === "before" && r.status === "accepted"), 5000, "accepted before the drop");
      const info = console.info; // the SDK narrates its reconnection on console.info
      console.info = () => {};
      try {
        const back = new Promise<void>((resolve) => room.onReconnect(() => resolve()));
        (room as any).connection.transport.ws.terminate(); // like a cable pulled
        await back;
      } finally {
        console.info = info;
      }
      room.send("order", { clientOrderId: "after", side: "buy", type: "limit", price: 1_900, qty: 1 });
      room.send("cancel", { clientOrderId: "before" });
      await waitFor(() => got.some((r) => r.clientOrderId === "after" && r.status === "accepted"), 5000, "a report on the new connection");
      await waitFor(() => got.some((r) => r.clientOrderId === "before" && r.status === "canceled"), 5000, "the cancel's report too");
      room.send("cancel", { clientOrderId: "after" });
      await waitFor(() => got.some((r) => r.clientOrderId === "after" && r.status === "canceled"), 5000, "canceled");
      await room.leave();
      // the leave is the trader's last session leaving: BOLT's cash goes back to unallocated
      const repo = new PitRepository(app.platform.db.kysely);
      let seen = 0;
      await waitFor(async () => (seen = await repo.unallocated(guest.user.id)) === START, 5000, "cash released on leave").catch((e) => {
        throw new Error(`${e.message}: unallocated ${seen} of ${START}`);
      });
    });
  }

  it("the last trader leaving closes the room; an immediate rejoin recovers it from the journal", async () => {
    const a = await join("Ann");
    const id = uid("keep");
    a.room.send("order", { clientOrderId: id, side: "buy", type: "limit", price: 9_700, qty: 3 });
    await a.report((r) => r.clientOrderId === id && r.status === "accepted");
    await waitFor(() => a.me().orders.length === 1, 5000, "open order");
    const roomId = a.room.roomId;
    await a.room.leave();
    open = open.filter((t) => t !== a);
    const { Client } = await import("@colyseus/sdk");
    const c = new Client(app.url);
    c.auth.token = a.guest.token;
    const again = await c.joinOrCreate<any>("pit", { symbol: "ACME" });
    again.reconnection.enabled = false;
    again.onMessage("execution", () => undefined);
    const me = () => again.state.traders?.get(a.guest.user.id);
    await waitFor(() => me()?.orders.length === 1 && me()?.cashAvailable > 0, 5000, "recovered private state");
    assert.notEqual(again.roomId, roomId, "a new room");
    assert.equal(me().orders[0].clientOrderId, id);
    assert.equal(me().cashReserved, 9_700 * 3);
    const acct = await (await fetch(`${app.url}/api/pit/accounts/me`, { headers: { authorization: `Bearer ${a.guest.token}` } })).json();
    assert.equal(acct.cash.available + acct.cash.reserved, START, "released on leave, allocated again on join: conserved");
    again.send("cancel", { clientOrderId: id });
    await waitFor(() => me()?.orders.length === 0, 5000, "canceled");
    await again.leave();
  });

  it("one room per symbol: BOLT is its own room with its own book", async () => {
    const a = await join("Ann");
    const b = await join("Ann2", "BOLT");
    const c = await join("Cid");
    assert.equal(b.room.state.symbol, "BOLT");
    assert.notEqual(a.room.roomId, b.room.roomId);
    assert.equal(a.room.roomId, c.room.roomId);
    const { client } = await sdkClient(app.url, "Dee");
    await assert.rejects(client.joinById(a.room.roomId, { symbol: "BOLT" }), /INVALID_OPTIONS: this room trades ACME, not BOLT/);
    // a room link or the lobby's Join button knows only the id: no symbol is needed
    const byId = await client.joinById(a.room.roomId);
    open.push({ room: byId } as (typeof open)[number]);
    await waitFor(() => byId.state.symbol === "ACME", 5000, "joined by id");
    // opening a pit needs the symbol, and Quick play without one does not land in whichever pit is open
    await assert.rejects(client.create("pit", {}), /INVALID_OPTIONS: symbol is required/);
    await assert.rejects(client.joinOrCreate("pit", {}), /INVALID_OPTIONS: symbol is required/);
    await assert.rejects(client.join("pit", {}), /./);
  });
});

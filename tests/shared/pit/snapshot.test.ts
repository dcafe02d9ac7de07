import assert from "node:assert/strict";
import { checkInvariants, Engine, hash64, INSTRUMENTS, replay, validateInstrument, type JournalEntry, type PitCommand } from "../../../shared/pit/index.js";
import { amend, buy, cancel, funded, mbuy, sell, step, TEST } from "./helpers.js";

/** A short session touching every kind of state: resting orders both sides, partial fills, fees, candles. */
function session(): { engine: Engine; journal: JournalEntry[]; initial: ReturnType<Engine["snapshot"]> } {
  const engine = new Engine({ instrument: { ...TEST, makerFeeBps: 5, takerFeeBps: 20 } });
  const initial = engine.snapshot();
  const journal: JournalEntry[] = [];
  const cmds: PitCommand[] = [
    { type: "fund", traderId: "a", cash: 500_000, qty: 800 },
    { type: "fund", traderId: "b", cash: 500_000, qty: 800 },
    sell("a", "1", 101, 300),
    sell("a", "2", 101, 200),
    buy("b", "1", 99, 100),
    buy("b", "2", 101, 350),
    mbuy("b", "3", 20),
    amend("a", "2", { qty: 50 }),
    buy("a", "3", 98, 10, { postOnly: true }),
    cancel("b", "1"),
    sell("b", "4", 98, 5),
    buy("b", "5", 99, 10),
    buy("a", "4", 100, 1, { tif: "FOK" }),
  ];
  cmds.forEach((c, i) => {
    const now = 1_000 + i * 700;
    const events = step(engine, c, now);
    if (events[0]?.type !== "rejected") journal.push({ seq: engine.seq, now, command: c });
  });
  return { engine, journal, initial };
}

describe("pit snapshot, state hash and replay", () => {
  it("replaying the journal from the initial snapshot gives the same state hash and snapshot", () => {
    const { engine, journal, initial } = session();
    const replayed = replay(initial, journal);
    assert.equal(replayed.stateHash(), engine.stateHash());
    assert.deepEqual(replayed.snapshot(), engine.snapshot());
    assert.deepEqual(checkInvariants(replayed), []);
  });

  it("a snapshot survives JSON and restores an identical engine", () => {
    const { engine } = session();
    const wire = JSON.parse(JSON.stringify(engine.snapshot()));
    const back = Engine.fromSnapshot(wire);
    assert.equal(back.stateHash(), engine.stateHash());
    assert.deepEqual(back.snapshot(), engine.snapshot());
    assert.deepEqual(back.candles(1_000), engine.candles(1_000));
    assert.deepEqual(back.tape(), engine.tape());
    assert.deepEqual(checkInvariants(back), []);
  });

  it("snapshot + tail replay equals live, and both go on identically (priority preserved)", () => {
    const { engine, journal, initial } = session();
    const mid = replay(initial, journal.slice(0, 6));
    const restored = replay(JSON.parse(JSON.stringify(mid.snapshot())), journal);
    assert.equal(restored.stateHash(), engine.stateHash());
    const next = sell("b", "9", 99, 200);
    assert.deepEqual(restored.apply(next, 99_000), engine.apply(next, 99_000));
    assert.equal(restored.stateHash(), engine.stateHash());
  });

  it("the hash changes with any state: an order, a balance, the seq", () => {
    const a = funded();
    const b = funded();
    assert.equal(a.stateHash(), b.stateHash());
    a.execute(buy("a", "1", 99, 1), 0);
    assert.notEqual(a.stateHash(), b.stateHash());
    b.execute(buy("a", "1", 99, 2), 0);
    assert.notEqual(a.stateHash(), b.stateHash(), "same order, different qty");
    const c = funded();
    c.execute({ type: "fund", traderId: "a", cash: 1, qty: 0 }, 0);
    const d = funded();
    d.execute({ type: "fund", traderId: "b", cash: 1, qty: 0 }, 0);
    assert.notEqual(c.stateHash(), d.stateHash(), "same seq, different balances");
    assert.match(a.stateHash(), /^[0-9a-f]{16}$/);
    assert.notEqual(hash64("ab"), hash64("ba"));
  });

  it("replay refuses a journal the engine does not accept the same way", () => {
    const { journal, initial } = session();
    const tampered = journal.map((j) => (j.command.type === "fund" && j.command.traderId === "b" ? { ...j, command: { ...j.command, cash: 10 } } : j));
    assert.throws(() => replay(initial, tampered), /replay diverged/);
    const skipped = [journal[0]!, ...journal.slice(2)];
    assert.throws(() => replay(initial, skipped), /replay diverged at journal seq 3/);
  });

  it("a trader's open orders keep the order they came to rest in (the private list), not the book's, through a snapshot", () => {
    const engine = new Engine({ instrument: TEST });
    for (const c of [
      { type: "fund", traderId: "a", cash: 500_000, qty: 800 } as PitCommand,
      sell("a", "s1", 105, 1),
      buy("a", "b1", 95, 1),
      sell("a", "s2", 104, 1),
      buy("a", "b2", 96, 1),
    ]) step(engine, c, 1_000);
    const restOrder = engine.openOrdersByRest("a").map((o) => o.clientOrderId);
    assert.deepEqual(restOrder, ["s1", "b1", "s2", "b2"]);
    const back = Engine.fromSnapshot(JSON.parse(JSON.stringify(engine.snapshot())));
    assert.deepEqual(back.openOrdersByRest("a").map((o) => o.clientOrderId), restOrder);
    assert.equal(back.stateHash(), engine.stateHash());
    // a snapshot written before ranks were kept still loads (its orders in the book's order)
    const old = engine.snapshot();
    const unranked = { ...old, bids: old.bids.map((r) => r.slice(0, 6)), asks: old.asks.map((r) => r.slice(0, 6)) } as typeof old;
    assert.equal(Engine.fromSnapshot(unranked).stateHash(), engine.stateHash());
  });

  it("a corrupted snapshot is refused", () => {
    const { engine } = session();
    const s = engine.snapshot();
    assert.throws(() => Engine.fromSnapshot({ ...s, bids: [["a", "x", 500, 1, 0, 0]] }), /corrupted pit snapshot/);
    assert.throws(() => Engine.fromSnapshot({ ...s, bids: [["a", "x", 99, 1, 0, 0], ["a", "x", 98, 1, 0, 0]] }), /corrupted pit snapshot/);
    assert.throws(() => Engine.fromSnapshot({ ...s, version: 2 as 1 }), /unknown pit snapshot version/);
    assert.throws(() => Engine.fromSnapshot({ ...s, bids: [["a", "x", 99, 1, 0, 0, 0.5]] }), /corrupted pit snapshot/, "a rank that is not an integer");
  });
});

describe("pit instruments", () => {
  it("assets/pit/instruments.json holds at least two valid instruments", () => {
    assert.ok(INSTRUMENTS.length >= 2);
    for (const i of INSTRUMENTS) {
      assert.ok(validateInstrument(i).ok, i.symbol);
      assert.ok(i.band < i.refPrice);
    }
    assert.equal(new Set(INSTRUMENTS.map((i) => i.symbol)).size, INSTRUMENTS.length);
  });

  it("rejects bad definitions", () => {
    const bad = [
      { ...TEST, symbol: "lower" },
      { ...TEST, refPrice: 10.5 },
      { ...TEST, band: 0 },
      { ...TEST, band: 100 }, // band ≥ refPrice would allow price 0
      { ...TEST, maxQty: 0 },
      { ...TEST, refPrice: 2 ** 30, band: 1, maxQty: 2 ** 20 }, // notional beyond 2^43
      { ...TEST, takerFeeBps: -1 },
      { ...TEST, tickSize: 0 },
      null,
    ];
    for (const d of bad) assert.equal(validateInstrument(d).ok, false, JSON.stringify(d));
    assert.throws(() => new Engine({ instrument: { ...TEST, band: 0 } }), /band/);
  });
});

/**
 * Kill-and-recover for the pit: a server process is SIGKILLed; a restarted process on the same
 * data rebuilds the book from the latest snapshot + journal tail.
 * 1. quiesced: after every report arrived, the recovered state hash, seq, depth, balances and open
 *    orders equal what the traders last saw;
 * 2. under load (bots on, traders firing without waiting): SIGKILL mid-stream; every command that
 *    was acknowledged is in the recovered journal and the recovered seq is ≥ the last seq seen.
 */
import assert from "node:assert/strict";
import { Client, type Room } from "@colyseus/sdk";
import type { ExecutionReport } from "../../shared/pit/index.js";
import { startServerProcess, type ServerProcess } from "../helpers/serverProcess.js";
import { signIn, waitFor, type Guest } from "../helpers/testServer.js";

interface T {
  guest: Guest;
  room: Room<any>;
  reports: ExecutionReport[];
}

async function join(url: string, guest: Guest): Promise<T> {
  const c = new Client(url);
  c.auth.token = guest.token;
  const room = await c.joinOrCreate<any>("pit", { symbol: "ACME" });
  room.reconnection.enabled = false;
  const reports: ExecutionReport[] = [];
  room.onMessage("execution", (r: ExecutionReport) => reports.push(r));
  room.onMessage("error", () => undefined);
  await waitFor(() => room.state.traders?.get(guest.user.id)?.cashAvailable > 0, 10_000, "funded");
  return { guest, room, reports };
}

function view(t: T) {
  const me = t.room.state.traders.get(t.guest.user.id);
  return {
    cash: [me.cashAvailable, me.cashReserved],
    asset: [me.assetAvailable, me.assetReserved],
    orders: [...me.orders].map((o: any) => `${o.clientOrderId}:${o.side}:${o.price}:${o.leavesQty}:${o.filledQty}`),
  };
}

function depth(room: Room<any>) {
  const lv = (a: any) => [...a].map((l: any) => `${l.price}x${l.qty}/${l.orders}`);
  return { bids: lv(room.state.bids), asks: lv(room.state.asks) };
}

/** A deterministic stream of orders and cancels around the reference price. */
function send(t: T, i: number, prefix: string): string {
  const id = `${prefix}${i}`;
  const r = (i * 7919) % 97;
  if (r < 10 && i > 6) t.room.send("cancel", { clientOrderId: `${prefix}${i - 6}` });
  t.room.send("order", {
    clientOrderId: id,
    side: r % 2 === 0 ? "buy" : "sell",
    type: r < 5 ? "market" : "limit",
    ...(r < 5 ? {} : { price: 9_990 + (r % 21) }),
    qty: 1 + (r % 5),
    ...(r % 11 === 0 && r >= 5 ? { tif: "IOC" } : {}),
  });
  return id;
}

describe("pit: kill the server and recover", function () {
  this.timeout(120_000);
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await proc?.kill("SIGKILL");
    proc = undefined;
  });

  it("quiesced: book, balances, open orders, seq and state hash are exactly as acknowledged; then under load nothing acknowledged is lost", async () => {
    proc = await startServerProcess({ env: { PIT_BOTS: "0", PIT_SNAPSHOT_EVERY: "50" } });
    const dataDir = proc.dataDir;
    const ga = await signIn(proc.url, "Ann");
    const gb = await signIn(proc.url, "Ben");
    let a = await join(proc.url, ga);
    let b = await join(proc.url, gb);
    const N = 300;
    for (let i = 0; i < N; i++) send(i % 2 === 0 ? a : b, i, i % 2 === 0 ? "a" : "b");
    // every order gets at least one report; wait until the stream is fully answered and patched
    const answered = (t: T, p: string) => new Set(t.reports.map((r) => r.clientOrderId).filter((id) => id.startsWith(p))).size;
    await waitFor(() => answered(a, "a") === N / 2 && answered(b, "b") === N / 2, 20_000, "all orders answered").catch((e) => {
      throw new Error(`${e.message}: ${answered(a, "a")}/${answered(b, "b")} ${proc?.output().slice(-2000)}`);
    });
    let last = -1;
    await waitFor(async () => {
      const s = a.room.state.seq;
      const stable = s === last;
      last = s;
      await new Promise((r) => setTimeout(r, 150));
      return stable && b.room.state.seq === s;
    }, 10_000, "seq stable");
    const before = { seq: a.room.state.seq, hash: a.room.state.stateHash, depth: depth(a.room), a: view(a), b: view(b) };
    assert.ok(before.seq > 100, `many commands journaled (seq ${before.seq})`);
    assert.ok(a.room.state.stats.trades > 0, "some orders traded");
    const account = async (url: string, g: Guest) => {
      const me = await (await fetch(`${url}/api/pit/accounts/me`, { headers: { authorization: `Bearer ${g.token}` } })).json();
      return { cash: me.cash, asset: me.assets.ACME, open: me.openOrders.map((o: any) => `${o.clientOrderId}:${o.leavesQty}`).sort() };
    };
    const accountsBefore = [await account(proc.url, ga), await account(proc.url, gb)];
    assert.deepEqual(accountsBefore[0]!.asset, { available: before.a.asset[0], reserved: before.a.asset[1] });

    await proc.kill("SIGKILL");
    proc = await startServerProcess({ dataDir, env: { PIT_BOTS: "0", PIT_SNAPSHOT_EVERY: "50" } });
    a = await join(proc.url, ga);
    b = await join(proc.url, gb);
    await waitFor(() => a.room.state.seq === before.seq, 5000, "recovered seq");
    assert.equal(a.room.state.stateHash, before.hash, "same state hash");
    assert.deepEqual(depth(a.room), before.depth);
    assert.deepEqual(view(a), before.a);
    assert.deepEqual(view(b), before.b);
    assert.deepEqual([await account(proc.url, ga), await account(proc.url, gb)], accountsBefore, "persisted balances and open orders");

    // ---- under load, with bots on: kill mid-stream
    await proc.kill("SIGKILL");
    // balances and open orders are written to the database every PIT_PROJECT_MS: 2 s here, so that
    // they are behind the journal when the kill comes
    proc = await startServerProcess({ dataDir, env: { PIT_BOTS: "1", PIT_SNAPSHOT_EVERY: "50", PIT_PROJECT_MS: "2000" } });
    a = await join(proc.url, ga);
    b = await join(proc.url, gb);
    await waitFor(() => a.room.state.seq > before.seq + 10, 10_000, "bots trading");
    let maxSeenSeq = 0;
    a.room.onStateChange((s: any) => (maxSeenSeq = Math.max(maxSeenSeq, s.seq)));
    const M = 2_000;
    let i = 0;
    const pump = setInterval(() => {
      // ≈ 150 messages/s per client: under the spec's maxMessagesPerSecond (200)
      for (let k = 0; k < 6 && i < M; k++, i++) send(i % 2 === 0 ? a : b, i, i % 2 === 0 ? "la" : "lb");
    }, 20);
    await waitFor(() => a.reports.length + b.reports.length > 300, 20_000, "load acknowledged");
    await proc.kill("SIGKILL");
    clearInterval(pump);
    const acked = new Set([...a.reports, ...b.reports].filter((r) => r.status !== "rejected").map((r) => r.clientOrderId));
    assert.ok(acked.size > 100, `acknowledged ${acked.size}`);

    proc = await startServerProcess({ dataDir, env: { PIT_BOTS: "0" } });
    const c = await join(proc.url, ga);
    assert.ok(c.room.state.seq >= maxSeenSeq, `recovered seq ${c.room.state.seq} ≥ last seen ${maxSeenSeq}`);
    // the restarted room rewrote them whole from the recovered engine: what /accounts/me reads agrees with the room
    const stored = await account(proc.url, ga);
    const live = view(c);
    assert.deepEqual(stored.asset, { available: live.asset[0], reserved: live.asset[1] }, "stored balance = the room's");
    assert.deepEqual(stored.open, live.orders.map((o) => `${o.split(":")[0]}:${o.split(":")[3]}`).sort(), "stored open orders = the room's");
    assert.ok(stored.open.length > 0, "open orders to compare");
    const journaled = new Set<string>();
    for (let from = 1; ; ) {
      const page = await (await fetch(`${proc.url}/api/pit/audit?symbol=ACME&from=${from}&limit=1000`)).json();
      for (const e of page.items) if (e.command.type === "order") journaled.add(e.command.clientOrderId);
      if (page.items.length < 1000) break;
      from = page.items.at(-1).seq + 1;
    }
    const lost = [...acked].filter((id) => !journaled.has(id));
    assert.deepEqual(lost, [], "every acknowledged order is in the recovered journal");
    const bots = await (await fetch(`${proc.url}/api/pit/audit?symbol=ACME&from=${before.seq + 1}&limit=50`)).json();
    assert.ok(bots.items.some((e: any) => e.traderId.startsWith("bot:")), "bots trade through the journal");
  });
});

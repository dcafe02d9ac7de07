/**
 * The pit room: one instrument's order book, matched in room memory by the pure engine
 * (shared/pit), behind a journal in the database.
 *
 * Command path (group commit): a message is validated (zod, at the edge), mapped to an engine
 * command and queued. Once per event-loop turn the queue is drained as one batch: every command is
 * applied to the engine in arrival order, the accepted ones (plus their trades, the touched
 * traders' balances and open orders, outbox rows and, every N commands, a snapshot) are written in
 * ONE transaction, and only after it commits are the execution reports sent (the acknowledgement).
 * Batches never overlap. Market data and balances are conflated, as exchanges publish them: the
 * schema state is brought up to date and patched at most every PIT_PATCH_MS (50 ms), however many
 * batches committed in between — not once per batch to every client. A trader's balances and open
 * orders are in the state's `traders` map, in that trader's StateView only (issue #6: private data
 * is never encoded for anyone else). A batch's execution reports go out with one socket write per
 * client (corked). If the commit fails, the
 * engine is rebuilt from the database (the batch never happened) and every sender gets a rejected
 * report with reason INTERNAL.
 *
 * Recovery (onCreate): latest snapshot + journal tail → replay → the same stateHash as the last
 * committed batch. A room that disposes (everybody left) and is created again takes the same path.
 */
import { SchemaSerializer, ServerError, type Client, type Delayed } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import {
  Engine, executionReports, instrument, INSTRUMENTS, replay, requiredReservation, PitCodes, type EngineSnapshot, type ExecutionReport, type Instrument, type PitCommand, type PitEvent, type TapeEntry,
} from "../../../shared/pit/index.js";
import type { MemoryLedger } from "../../../shared/pit/ledger.js";
import { BUY } from "../../../shared/pit/order.js";
import { PIT_CANDLES_1M, PIT_CANDLES_1S, PIT_DEPTH_LEVELS, PIT_TAPE, type PitAmendMessage, type PitCancelMessage, type PitJoinOptions, type PitOrderMessage } from "../../../shared/pit/spec.js";
import { PitCandle, PitLevel, PitOpenOrder, PitState, PitTrade, PitTrader } from "../../../shared/pit/schema.js";
import { StatecraftRoom, type AuthData } from "../StatecraftRoom.js";
import { PitRepository } from "./journalRepository.js";
import { applyBatch, PendingProjection, type BatchItem } from "./batch.js";
import { Corked } from "../../platform/cork.js";
import { OwnerViewSerializer } from "./ownerViews.js";
import { assign, syncArray, syncHead, syncKeyed, syncTail } from "./stateSync.js";
import { botBalance, pitSettings, type PitSettings } from "./config.js";
import { randomUUID } from "node:crypto";
import { BOT_IDS, PitBots } from "./bots.js";

type PitClient = Client<{ auth: AuthData<PitJoinOptions> }>;

interface Pending extends BatchItem {
  /** Hold back an INSUFFICIENT_FUNDS rejection: the caller tops the room's cash up and retries once. */
  holdFundsRejection?: boolean;
  resolve: (events: PitEvent[] | null) => void;
  reject: (error: unknown) => void;
}

/** While commands flow, `seq`/`stateHash` in the state are refreshed at most this often (ms). */
const HASH_MS = 1_000;
/** How often the room projects its committed trades into pit_fills (journalRepository.projectFills). */
const FILLS_EVERY_MS = 500;

/** Symbols hosted by a room of this process (one room per instrument). */
const hosted = new Map<string, PitRoom>();

/** The live room of `symbol` in this process, if any (HTTP reads use it for live market data). */
export function hostedPit(symbol: string): PitRoom | undefined {
  return hosted.get(symbol);
}

export class PitRoom extends StatecraftRoom<{ state: PitState }> {
  engine!: Engine;
  private instrument!: Required<Instrument>;
  private repo!: PitRepository;
  private settings!: PitSettings;
  private pending: Pending[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  /** Balances and open orders touched since they were last written (batch.ts PendingProjection). */
  private readonly projection = new PendingProjection();
  private projectedAt = -Infinity; // platform clock
  /** The next flush writes the projection even if it is not due (a reader asked, or the room closes). */
  private projectNow = false;
  private lastSnapshotSeq = 0;
  private lastSnapshotAt: number | undefined = undefined; // platform clock; none yet in this process
  private readonly sessions = new Map<string, Set<Client>>(); // traderId → connected clients
  private bots?: PitBots;
  private botTimers: Delayed[] = [];
  private fillsTimer?: Delayed;
  private projecting: Promise<void> | null = null;
  private disposed = false;

  /**
   * Colyseus installs a SchemaSerializer when the state is set; the pit's is the same serializer
   * minus the per-view walk over every changed tree (ownerViews.ts: same bytes, tested).
   */
  override setSerializer(serializer: Parameters<StatecraftRoom<{ state: PitState }>["setSerializer"]>[0]): void {
    const indexed =
      serializer instanceof SchemaSerializer && !(serializer instanceof OwnerViewSerializer)
        ? new OwnerViewSerializer<PitState>(() => this.state.traders, (c) => (c as PitClient).auth?.id)
        : serializer;
    super.setSerializer(indexed as typeof serializer);
  }

  override async onCreate(raw: Record<string, unknown>): Promise<void> {
    const symbol = typeof raw.symbol === "string" ? raw.symbol : "";
    if (symbol === "") throw new ServerError(526, `INVALID_OPTIONS: symbol is required to open a pit (one of ${INSTRUMENTS.map((i) => i.symbol).join(", ")})`);
    const inst = instrument(symbol);
    if (!inst) throw new ServerError(526, `INVALID_OPTIONS: unknown symbol ${JSON.stringify(symbol)}`);
    const previous = hosted.get(symbol);
    const exists = () => new ServerError(526, `ROOM_EXISTS: ${symbol} already has an open room: join it (joinOrCreate with this symbol)`);
    // a room that is closing (its last trader just left) finishes its journal writes first
    if (previous?.closing) await previous.closing;
    else if (previous) throw exists();
    if (hosted.has(symbol) && hosted.get(symbol) !== previous) throw exists(); // another opened meanwhile
    hosted.set(symbol, this);
    this.instrument = inst;
    this.settings = pitSettings();
    this.repo = new PitRepository(this.platform.db.kysely, this.platform.db.sqlite);
    try {
      this.engine = await this.loadEngine();
      // allocations taken for this room whose fund never reached the journal go back to their traders
      const returned = await this.repo.reconcileAllocations(symbol);
      if (returned > 0) this.log.warn("returned cash allocations that were never journaled", { symbol, returned });
      // the projection may lag the journal after a kill (it is written every PIT_PROJECT_MS): rewrite it whole
      this.projection.all = true;
      await this.repo.commitBatch(applyBatch(this.engine, [], this.platform.now(), { every: Infinity, lastSeq: this.engine.seq }, { pending: this.projection }).write);
      this.projectedAt = this.platform.now();
    } catch (e) {
      hosted.delete(symbol);
      throw e;
    }
    this.lastSnapshotSeq = this.engine.seq;
    this.setState(new PitState());
    this.state.symbol = symbol;
    this.state.refPrice = inst.refPrice;
    this.state.band = inst.band;
    this.patchRate = this.settings.patchMs; // conflated: see onBeforePatch
    await this.setMetadata({ symbol });
    this.bindCommands({
      order: (c, m: PitOrderMessage) => this.submit(c, toOrder(traderOf(c), m)),
      cancel: (c, m: PitCancelMessage) => this.submit(c, { type: "cancel", traderId: traderOf(c), clientOrderId: m.clientOrderId }),
      amend: (c, m: PitAmendMessage) => this.submit(c, toAmend(traderOf(c), m)),
    });
    this.syncPublic(true);
    this.syncHash(true);
    this.broadcastPatch();
    if (this.settings.bots) this.startBots();
    // traders' fill lookups (pit_fills) follow the commits in bounded steps, off the batch path
    this.fillsTimer = this.clock.setInterval(() => void this.projectFills(false), FILLS_EVERY_MS);
    // balances and open orders of a room that went quiet are written all the same, PIT_PROJECT_MS later
    if (this.settings.projectMs > 0) this.clock.setInterval(() => void this.writeProjection(false), this.settings.projectMs);
    this.log.info("pit room ready", { symbol, seq: this.engine.seq, bots: this.settings.bots });
  }

  /** Snapshot + journal tail → engine (same state hash as the last committed batch). */
  private async loadEngine(): Promise<Engine> {
    const { snapshot, journal } = await this.repo.recoveryData(this.instrument.symbol);
    const base: EngineSnapshot = snapshot ?? new Engine({ instrument: this.instrument }).snapshot();
    return replay(base, journal);
  }

  override async onJoin(client: PitClient): Promise<void> {
    const asked = client.auth!.options?.symbol;
    if (asked !== undefined && asked !== this.instrument.symbol) {
      // joinById into another instrument's room: refuse rather than trade what the client did not ask for
      throw new ServerError(526, `INVALID_OPTIONS: this room trades ${this.instrument.symbol}, not ${asked}`);
    }
    const traderId = client.auth!.id;
    const now = this.platform.now();
    await this.repo.ensureAccount(traderId, this.settings.startCash, now);
    if (this.settings.startLots > 0 && !this.ledger.has(traderId)) {
      await this.enqueue({ command: { type: "fund", traderId, cash: 0, qty: this.settings.startLots, ref: "welcome" }, fundIfNew: true });
    }
    // bring cash into the room when it holds none for the trader (new here, or released on leave);
    // later buys top up on demand (submit). A rejoin with cash still here changes nothing.
    const have = this.ledger.has(traderId) ? this.ledger.account(traderId).cash.available : 0;
    if (have === 0) {
      const free = await this.repo.unallocated(traderId);
      await this.allocateAndFund(traderId, Math.min(free, this.settings.allocateCash));
    }
    let set = this.sessions.get(traderId);
    if (!set) this.sessions.set(traderId, (set = new Set()));
    set.add(client);
    if (client.auth!.options?.reports === "batch") this.batched.add(client);
    let t = this.state.traders.get(traderId);
    if (!t) {
      t = new PitTrader();
      t.traderId = traderId;
      this.state.traders.set(traderId, t);
    }
    this.syncTrader(traderId);
    client.view = new StateView();
    client.view.add(t);
  }

  /**
   * Back within the reconnection window: the SDK's new connection is a new Client object (Colyseus
   * queues forever what is sent through the old one). The trader's sessions point at it from now
   * on, so its reports reach it and its leave is the trader's leave.
   */
  override onReconnect(client: PitClient): void {
    const set = this.sessions.get(client.auth?.id ?? "");
    if (!set) return;
    for (const old of set) {
      if (old === client || old.sessionId !== client.sessionId) continue;
      set.delete(old);
      if (this.batched.has(old)) this.batched.add(client);
    }
    set.add(client);
  }

  override onLeave(client: PitClient): void {
    const traderId = client.auth?.id;
    if (!traderId) return;
    const set = this.sessions.get(traderId);
    set?.delete(client);
    if (set && set.size === 0) {
      this.sessions.delete(traderId);
      this.state.traders.delete(traderId);
      // give the room's idle cash back to the trader's unallocated cash (other instruments can use it)
      if (!this.disposed) {
        void this.enqueue({ command: { type: "withdraw", traderId, cash: 0, qty: 0, ref: `release:${randomUUID()}` }, releaseAllCash: true })
          .catch((error) => this.log.warn("could not release cash", { traderId, error: String(error) }));
      }
    }
  }

  /** Set while the room is disposing: its last batches are still being written. */
  closing: Promise<void> | null = null;

  override async onDispose(): Promise<void> {
    for (const t of this.botTimers) t.clear();
    this.closing = (async () => {
      await this.drain(); // e.g. the cash releases of the traders who just left
      this.disposed = true;
      await this.drain();
      if (this.fillsTimer) await this.writeProjection(); // the last balances and open orders (not when onCreate refused the room)
      this.fillsTimer?.clear();
      if (this.fillsTimer) await this.projectFills(true); // (not when onCreate refused the room)
      if (hosted.get(this.instrument?.symbol) === this) hosted.delete(this.instrument.symbol);
    })();
    await this.closing;
  }

  /** One projection step (or, with `all`, until up to date); a failure is logged and retried next time. */
  private projectFills(all: boolean): Promise<void> {
    if (this.projecting) return all ? this.projecting.then(() => this.projectFills(true)) : this.projecting;
    const symbol = this.instrument.symbol;
    this.projecting = (async () => {
      try {
        while ((await this.repo.projectFills(symbol)) > 0 && all);
      } catch (error) {
        this.log.warn("could not project fills; will retry", { symbol, error: String(error) });
      } finally {
        this.projecting = null;
      }
    })();
    return this.projecting;
  }

  // ---- commands --------------------------------------------------------------------------------

  private get ledger(): MemoryLedger {
    return this.engine.ledger as MemoryLedger;
  }

  /**
   * Queues a client's command; its reports go out after the batch commits. A buy refused with
   * INSUFFICIENT_FUNDS is retried once after allocating the shortfall from the trader's
   * unallocated cash (docs/protocol.md, pit "Cash across instruments").
   */
  private async submit(client: Client, command: PitCommand): Promise<undefined> {
    try {
      const needsCash = (command.type === "order" && command.side === "buy") || (command.type === "amend" && this.isRestingBuy(command));
      const events = await this.enqueue({ command, holdFundsRejection: needsCash });
      if (needsCash && events && isFundsRejection(events)) {
        const short = this.cashShortfall(command);
        const topped = short > 0 && (await this.allocateAndFund(command.traderId, short));
        if (topped) await this.enqueue({ command });
        else this.sendReports(events);
      }
    } catch {
      const clientOrderId = "clientOrderId" in command ? command.clientOrderId : "";
      const report: ExecutionReport = { clientOrderId, status: "rejected", reason: "INTERNAL", filledQty: 0, leavesQty: 0 };
      if (this.batched.has(client)) client.send("executions", [report]);
      else client.send("execution", report);
    }
    return undefined;
  }

  private isRestingBuy(command: Extract<PitCommand, { type: "amend" }>): boolean {
    return this.engine.book.find(command.traderId, command.clientOrderId)?.side === BUY;
  }

  /** Cash the trader's account in this room lacks for `command` (a buy, or an amend of a resting buy). */
  private cashShortfall(command: PitCommand): number {
    const have = this.ledger.account(command.traderId).cash.available;
    if (command.type === "order") return requiredReservation(this.instrument, command).cash - have;
    if (command.type !== "amend") return 0;
    const o = this.engine.book.find(command.traderId, command.clientOrderId);
    if (!o || o.side !== BUY) return 0;
    const more = (command.price ?? o.price) * (command.qty ?? o.leaves) - o.reservePrice * o.leaves; // as the engine reserves
    return more - have;
  }

  /**
   * Moves `amount` of the trader's unallocated cash (database) into this room's engine: a
   * conditional debit + pending allocation, then a journaled fund whose transaction marks it
   * applied. If the fund is not journaled, the allocation is given back. True when funded.
   */
  private async allocateAndFund(traderId: string, amount: number): Promise<boolean> {
    if (amount <= 0) return false;
    const id = `alloc:${randomUUID()}`;
    if (!(await this.repo.allocate(id, traderId, this.instrument.symbol, amount, this.platform.now()))) return false;
    let funded = false;
    try {
      const events = await this.enqueue({ command: { type: "fund", traderId, cash: amount, qty: 0, ref: id } });
      funded = events !== null && events.some((e) => e.type === "funded");
    } finally {
      if (!funded) await this.repo.cancelAllocation(id).catch((error) => this.log.error("could not give an allocation back; recovery will", { id, error }));
    }
    return funded;
  }

  /** Queues a command for the next batch; resolves with its events once the batch is committed. */
  enqueue(p: Omit<Pending, "resolve" | "reject">): Promise<PitEvent[] | null> {
    if (this.disposed) return Promise.reject(new Error("the room is closed"));
    return new Promise((resolve, reject) => {
      // the promise's own functions, no wrapper: this runs once per command (a named closure here
      // cost a Function.name definition each time under tsx)
      (p as Pending).resolve = resolve;
      (p as Pending).reject = reject;
      this.pending.push(p as Pending);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.kick();
        });
      }
    });
  }

  private kick(): void {
    if (this.flushing) return; // the running flush takes the queue when it is done
    this.flushing = (async () => {
      while (this.pending.length > 0 || (this.projectNow && !this.projection.empty)) {
        const batch = this.pending;
        this.pending = [];
        await this.flushBatch(batch);
      }
    })().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  /**
   * Writes the balances and open orders changed since they were last written (at once, or with
   * `now` false only once PIT_PROJECT_MS have passed), after what is queued; resolves when they are
   * committed.
   * `GET /api/pit/accounts/me` calls it (matchMaker.remoteRoomCall, any process) before it reads
   * them: what was acknowledged is what it shows.
   */
  async writeProjection(now = true): Promise<void> {
    if (this.projection.empty) return;
    if (!now && this.platform.now() - this.projectedAt < this.settings.projectMs) return;
    this.projectNow = true;
    this.kick();
    await this.drain();
  }

  /** Waits until every queued command is committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.kick();
      await this.flushing;
    }
  }

  private async flushBatch(batch: Pending[]): Promise<void> {
    const now = this.platform.now();
    const project = this.projectNow || now - this.projectedAt >= this.settings.projectMs;
    const { results, write, traders, trades } = applyBatch(this.engine, batch, now, {
      every: this.settings.snapshotEvery,
      lastSeq: this.lastSnapshotSeq,
      minMs: this.settings.snapshotMinMs,
      lastAt: this.lastSnapshotAt,
    }, { pending: this.projection, project });
    if (project) {
      this.projectNow = false;
      this.projectedAt = now;
    }
    const seq = this.engine.seq;
    try {
      await this.repo.commitBatch(write);
    } catch (error) {
      this.log.error("could not journal a batch; rebuilding the engine from the database", { error, commands: batch.length });
      try {
        this.engine = await this.loadEngine();
        this.bots = this.settings.bots ? new PitBots(this.engine) : undefined;
      } catch (e) {
        this.log.error("could not rebuild the engine; closing the room", { error: e });
        for (const p of batch) p.reject(error);
        this.disposed = true;
        void this.disconnect(4002); // closed with an error (4000 would read as a leave on purpose)
        return;
      }
      for (const p of batch) p.reject(error);
      this.syncAfter(new Set(this.sessions.keys()), true);
      // the rows this batch took from the projection were not written: rewrite it whole, from the rebuilt engine
      this.projection.all = true;
      this.projectNow = true;
      return;
    }
    if (write.snapshot) {
      this.lastSnapshotSeq = seq;
      this.lastSnapshotAt = write.snapshot.takenAt;
    }
    // committed: now (and only now) the world may hear about it — one socket write per trader
    try {
      for (let i = 0; i < batch.length; i++) {
        const events = results[i];
        if (events && !(batch[i]!.holdFundsRejection && isFundsRejection(events))) this.sendReports(events, this.corked);
      }
      // clients that joined with reports: "batch": the batch's reports to each, as one message
      for (const [c, reports] of this.collected) {
        this.corked.add(c);
        c.send("executions", reports);
      }
    } finally {
      this.collected.clear();
      this.corked.flush();
    }
    this.syncAfter(traders, trades > 0 || write.journal.length > 0);
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i] ?? null);
  }

  private readonly corked = new Corked();
  /** Sessions that joined with `reports: "batch"` (their reports come as `executions` arrays). */
  private readonly batched = new WeakSet<Client>();
  /** During a batch's sends: the reports for each batched session, in order. */
  private readonly collected = new Map<Client, ExecutionReport[]>();

  /**
   * Sends each report to its trader's sessions; with `corked` (a batch's sends), their sockets are
   * written when it is flushed, and batched sessions' reports are collected into one message.
   */
  private sendReports(events: PitEvent[], corked?: Corked): void {
    for (const r of executionReports(events)) {
      // the engine's refusals are the pit's rejected commands (reported, not sent as `error`)
      if (r.report.status === "rejected") this.platform.metrics.rejections.inc({ kind: "pit", code: r.report.reason ?? "REJECTED" });
      const set = this.sessions.get(r.traderId);
      if (set) {
        for (const c of set) {
          if (this.batched.has(c)) {
            if (!corked) c.send("executions", [r.report]);
            else {
              const list = this.collected.get(c);
              if (list) list.push(r.report);
              else this.collected.set(c, [r.report]);
            }
            continue;
          }
          corked?.add(c);
          c.send("execution", r.report);
        }
      }
    }
  }

  // ---- state -------------------------------------------------------------------------------------

  /** What committed batches changed since the last patch (copied into the state in onBeforePatch). */
  private marketDirty = false;
  private readonly dirtyTraders = new Set<string>();

  private syncAfter(traders: Set<string>, changed: boolean): void {
    if (changed) this.marketDirty = true;
    for (const t of traders) this.dirtyTraders.add(t);
  }

  /** Colyseus calls this before each patch (every PIT_PATCH_MS): copies what changed into the state. */
  override onBeforePatch(): void {
    const quiet = !this.marketDirty; // nothing committed since the last patch
    if (this.marketDirty) {
      this.marketDirty = false;
      this.syncPublic(true);
    }
    this.syncHash(quiet);
    for (const t of this.dirtyTraders) this.syncTrader(t);
    this.dirtyTraders.clear();
  }

  /** When `seq`/`stateHash` were last published (platform clock, ms). */
  private hashedAt = 0;

  /**
   * Publishes `seq` and `stateHash` together: once the room is quiet (no commit since the last
   * patch), or at most every HASH_MS while commands flow. The hash walks the whole book and every
   * account (~1 ms with thousands of resting orders): at each 50 ms patch it was ~5 % of the CPU.
   */
  private syncHash(quiet: boolean): void {
    const e = this.engine;
    if (this.state.seq === e.seq && this.state.stateHash !== "") return;
    const now = this.platform.now();
    if (!quiet && now - this.hashedAt < HASH_MS) return;
    this.hashedAt = now;
    this.state.seq = e.seq;
    this.state.stateHash = e.stateHash();
  }

  private syncPublic(market: boolean): void {
    const e = this.engine;
    const s = this.state;
    s.bots = this.settings.bots;
    const d = e.depth(PIT_DEPTH_LEVELS);
    syncArray(s.bids, d.bids, PitLevel, (x, l) => assign(x, { price: l.price, qty: l.qty, orders: l.orders }));
    syncArray(s.asks, d.asks, PitLevel, (x, l) => assign(x, { price: l.price, qty: l.qty, orders: l.orders }));
    if (!market) return;
    s.lastPrice = e.lastPrice() ?? 0;
    const st = e.stats();
    assign(s.stats, { open: st.open ?? 0, high: st.high ?? 0, low: st.low ?? 0, last: st.last ?? 0, volume: st.volume, notional: st.notional, trades: st.trades });
    const assignTrade = (x: PitTrade, t: TapeEntry) => assign(x, { tradeId: t.tradeId, time: t.time, price: t.price, qty: t.qty, takerSide: t.takerSide });
    syncHead(s.tape, e.tape(PIT_TAPE), PitTrade, assignTrade, (t) => t.tradeId, (x) => x.tradeId);
    syncTail(s.candles1s, e.candles(1_000).slice(-PIT_CANDLES_1S), PitCandle, assignCandle, (c) => c.t, (x) => x.t);
    syncTail(s.candles1m, e.candles(60_000).slice(-PIT_CANDLES_1M), PitCandle, assignCandle, (c) => c.t, (x) => x.t);
  }

  private syncTrader(traderId: string): void {
    const t = this.state.traders.get(traderId);
    if (!t) return;
    const a = this.ledger.account(traderId);
    const asset = a.assets[this.instrument.symbol] ?? { available: 0, reserved: 0 };
    assign(t, { cashAvailable: a.cash.available, cashReserved: a.cash.reserved, assetAvailable: asset.available, assetReserved: asset.reserved });
    syncKeyed(
      t.orders,
      this.engine.openOrdersByRest(traderId),
      PitOpenOrder,
      (x, o) => assign(x, { clientOrderId: o.clientOrderId, side: o.side, price: o.price, leavesQty: o.leavesQty, filledQty: o.filledQty, postOnly: o.postOnly }),
      (o) => o.clientOrderId,
      (x) => x.clientOrderId,
    );
  }

  // ---- bots --------------------------------------------------------------------------------------

  private startBots(): void {
    const bots = (this.bots = new PitBots(this.engine));
    void bots;
    const fund = botBalance(this.settings, this.instrument);
    for (const id of BOT_IDS) {
      if (!this.ledger.has(id)) {
        void this.enqueue({ command: { type: "fund", traderId: id, cash: fund.cash, qty: fund.qty, ref: "bot" }, fundIfNew: true }).catch(() => undefined);
      }
    }
    const run = (make: (b: PitBots) => PitCommand[]) => () => {
      if (this.disposed || this.closing || !this.bots) return;
      if (this.sessions.size >= this.settings.botsMaxHumans) return; // enough humans: bots pause
      for (const command of make(this.bots)) void this.enqueue({ command }).catch(() => undefined);
    };
    this.botTimers.push(this.clock.setInterval(run((b) => b.quote()), 1_000));
    this.botTimers.push(this.clock.setInterval(run((b) => b.noise()), 400));
  }
}

// ---- helpers -------------------------------------------------------------------------------------

function isFundsRejection(events: PitEvent[]): boolean {
  return events.length === 1 && events[0]!.type === "rejected" && events[0]!.code === PitCodes.INSUFFICIENT_FUNDS;
}

function traderOf(c: Client): string {
  return (c as PitClient).auth!.id;
}

function toOrder(traderId: string, m: PitOrderMessage): PitCommand {
  const cmd: PitCommand = { type: "order", traderId, clientOrderId: m.clientOrderId, side: m.side, orderType: m.type, qty: m.qty };
  if (m.price !== undefined) cmd.price = m.price;
  if (m.tif !== undefined) cmd.tif = m.tif;
  if (m.postOnly !== undefined) cmd.postOnly = m.postOnly;
  return cmd;
}

function toAmend(traderId: string, m: PitAmendMessage): PitCommand {
  const cmd: PitCommand = { type: "amend", traderId, clientOrderId: m.clientOrderId };
  if (m.qty !== undefined) cmd.qty = m.qty;
  if (m.price !== undefined) cmd.price = m.price;
  return cmd;
}

function assignCandle(x: PitCandle, c: { t: number; open: number; high: number; low: number; close: number; volume: number; trades: number }): void {
  assign(x, { t: c.t, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, trades: c.trades });
}

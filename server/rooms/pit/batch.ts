/**
 * One group commit, pure: applies a batch of commands to the engine in order and collects what
 * must be written in the batch's single transaction (journal rows for the accepted commands,
 * trades, the batch's outbox row, a snapshot when `snapshotEvery` commands have passed, and — when
 * the projection is due — the balances and open orders touched since they were last written). No
 * I/O: the room (and the storage tests) hand `write` to PitRepository.commitBatch.
 */
import type { Engine, PitCommand, PitEvent } from "../../../shared/pit/index.js";
import type { MemoryLedger } from "../../../shared/pit/ledger.js";
import { OUTBOX_BATCH, tradeRow, type BatchWrite, type OutboxEntry } from "./journalRepository.js";

export interface BatchItem {
  command: PitCommand;
  /** Apply only if the trader has no account in this engine yet (first-join funding). */
  fundIfNew?: boolean;
  /** Withdraw ALL the trader's available cash (amount fixed at apply time, journaled concretely). */
  releaseAllCash?: boolean;
}

export interface AppliedBatch {
  /** Per item: its events, or null when skipped (fundIfNew for an existing account). */
  results: (PitEvent[] | null)[];
  write: BatchWrite;
  /** Traders whose balances or orders changed. */
  traders: Set<string>;
  trades: number;
}

/**
 * When to snapshot: after `every` accepted commands since the one at `lastSeq`, and (with `minMs`)
 * not sooner than `minMs` after the one taken at `lastAt` — under heavy trading a snapshot every
 * 1,000 commands meant a full-book JSON blob every 60 ms; replay is ~1.6 M commands/s, so a second
 * of tail costs recovery milliseconds.
 */
export interface SnapshotPolicy {
  every: number;
  lastSeq: number;
  minMs?: number;
  lastAt?: number;
}

/**
 * The balances (pit_balances) and open orders (pit_open_orders) changed since they were last
 * written. Those tables are a projection of the engine for readers outside the room (`GET
 * /api/pit/accounts/me`); the journal and the snapshots are what recovery reads. So they need not
 * be written with every batch: a room collects what its batches touched here and writes the latest
 * rows now and then (`applyBatch`'s `project`), in the transaction of a batch — one row per trader
 * instead of one per batch the trader was in.
 */
export class PendingProjection {
  readonly traders = new Set<string>();
  /**
   * Every order touched since the last write; `fresh`: placed since then, so it has no row yet
   * (the engine refuses an id that is open, and a closed order's row is gone): if it is closed by
   * the time of the write (an IOC taker, a filled or canceled order) there is nothing to delete.
   */
  readonly orders = new Map<string, Map<string, boolean>>(); // traderId → clientOrderId → fresh (no string key built per touch)
  /** Write everything: every account's balances, and the symbol's open orders replaced whole (after a recovery or a failed commit). */
  all = false;

  get empty(): boolean {
    return !this.all && this.traders.size === 0 && this.orders.size === 0;
  }

  touch(traderId: string, clientOrderId: string, fresh = false): void {
    this.traders.add(traderId);
    let mine = this.orders.get(traderId);
    if (mine === undefined) this.orders.set(traderId, (mine = new Map()));
    if (!mine.has(clientOrderId)) mine.set(clientOrderId, fresh);
  }
}

export interface ProjectionOptions {
  /** Where the batch's touched balances and orders are collected (default: a new one, written by this batch). */
  pending?: PendingProjection;
  /** Write the pending rows in this batch (default true). */
  project?: boolean;
}

export function applyBatch(engine: Engine, items: readonly BatchItem[], now: number, snapshot: SnapshotPolicy, projection: ProjectionOptions = {}): AppliedBatch {
  const symbol = engine.symbol;
  const ledger = engine.ledger as MemoryLedger;
  const results: (PitEvent[] | null)[] = [];
  const write: BatchWrite = { symbol, journal: [], trades: [], balances: [], openOrders: [], closedOrders: [], outbox: [] };
  const traders = new Set<string>(); // this batch's, for the room's state sync
  const pending = projection.pending ?? new PendingProjection();
  const settlement: OutboxEntry[] = []; // the batch's settlement events: ONE outbox row (outbox.ts)
  const touch = (traderId: string, clientOrderId: string, fresh = false) => {
    traders.add(traderId);
    pending.touch(traderId, clientOrderId, fresh);
  };
  for (const p of items) {
    if (p.fundIfNew && ledger.has(p.command.traderId)) {
      results.push(null); // already funded (e.g. two sessions joined at once): nothing to do
      continue;
    }
    let command = p.command;
    if (p.releaseAllCash) {
      const cash = ledger.has(command.traderId) ? ledger.account(command.traderId).cash.available : 0;
      if (cash === 0) {
        results.push(null);
        continue;
      }
      command = { ...(command as Extract<PitCommand, { type: "withdraw" }>), cash, qty: 0 };
    }
    const before = engine.seq;
    const events = engine.apply(command, now);
    results.push(events);
    if (engine.seq === before) continue; // rejected: changes nothing, takes no seq, not journaled
    const seq = engine.seq;
    write.journal.push({ symbol, seq, now, trader_id: command.traderId, type: command.type, command: JSON.stringify(command) });
    let n = 0;
    for (const e of events) {
      switch (e.type) {
        case "accepted":
          touch(e.traderId, e.clientOrderId, true);
          break;
        case "amended":
        case "canceled":
          touch(e.traderId, e.clientOrderId);
          break;
        case "trade":
          touch(e.makerTraderId, e.makerClientOrderId);
          touch(e.takerTraderId, e.takerClientOrderId);
          write.trades.push(tradeRow(symbol, e));
          settlement.push({ seq, n: n++, kind: "trade", event: e });
          break;
        case "funded":
        case "withdrawn":
          traders.add(e.traderId);
          pending.traders.add(e.traderId);
          if (e.type === "funded" && e.ref?.startsWith("alloc:")) (write.allocationsApplied ??= []).push(e.ref);
          if (e.type === "withdrawn" && e.ref?.startsWith("release:")) (write.releases ??= []).push({ id: e.ref, trader_id: e.traderId, amount: e.cash });
          settlement.push({ seq, n: n++, kind: e.type, event: e });
          break;
        case "rejected":
          break;
      }
    }
  }
  if (settlement.length > 0) {
    const first = settlement[0]!;
    write.outbox.push({ symbol, seq: first.seq, n: first.n, kind: OUTBOX_BATCH, payload: JSON.stringify(settlement), created_at: now, published_at: null });
  }
  const seq = engine.seq;
  if (projection.project ?? true) project(engine, pending, write);
  const due = seq - snapshot.lastSeq >= snapshot.every && (snapshot.minMs === undefined || snapshot.lastAt === undefined || now - snapshot.lastAt >= snapshot.minMs);
  if (write.journal.length > 0 && due) {
    write.snapshot = { seq, takenAt: now, stateHash: engine.stateHash(), data: engine.snapshot() };
  }
  return { results, write, traders, trades: write.trades.length };
}

/** The pending balances and open orders as rows of `write` (as the engine has them now); empties `pending`. */
function project(engine: Engine, pending: PendingProjection, write: BatchWrite): void {
  const symbol = engine.symbol;
  const ledger = engine.ledger as MemoryLedger;
  const seq = engine.seq;
  const balance = (t: string) => {
    const a = ledger.account(t);
    const asset = a.assets[symbol] ?? { available: 0, reserved: 0 };
    write.balances.push({ symbol, trader_id: t, cash_available: a.cash.available, cash_reserved: a.cash.reserved, asset_available: asset.available, asset_reserved: asset.reserved, seq });
  };
  if (pending.all) {
    write.replaceOpenOrders = true;
    for (const t of ledger.traderIds()) {
      balance(t);
      for (const o of engine.openOrders(t)) {
        write.openOrders.push({ symbol, trader_id: t, client_order_id: o.clientOrderId, side: o.side, price: o.price, leaves_qty: o.leavesQty, filled_qty: o.filledQty, post_only: o.postOnly ? 1 : 0 });
      }
    }
  } else {
    for (const t of pending.traders) balance(t);
    for (const [t, mine] of pending.orders) {
      for (const [coid, fresh] of mine) {
        const o = engine.order(t, coid);
        if (o === null) {
          if (!fresh) write.closedOrders.push({ trader_id: t, client_order_id: coid });
        } else write.openOrders.push({ symbol, trader_id: t, client_order_id: coid, side: o.side, price: o.price, leaves_qty: o.leavesQty, filled_qty: o.filledQty, post_only: o.postOnly ? 1 : 0 });
      }
    }
  }
  pending.all = false;
  pending.traders.clear();
  pending.orders.clear();
}

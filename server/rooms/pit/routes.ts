/**
 * Pit HTTP routes (mounted at /api/pit): instruments, trades, candles, my account, the journal.
 * Everything is read from the database (any process can answer), except candles, which are
 * aggregated from stored trades the same way the engine does (bucket = floor(time / interval)).
 */
import { matchMaker } from "@colyseus/core";
import type { Router } from "express";
import { z } from "zod";
import { INSTRUMENTS, instrument } from "../../../shared/pit/index.js";
import type { Platform } from "../../platform/context.js";
import { HttpError, parseWith, requireUser, route } from "../../platform/http.js";
import { queryInt } from "../../platform/validation.js";
import { PitRepository, type TradeRow } from "./journalRepository.js";
import { operatorGuard } from "../../platform/routes.js";

const SymbolParam = z.string().regex(/^[A-Z]{2,8}$/, "a symbol like ACME");
const INTERVALS = { "1s": 1_000, "1m": 60_000 } as const;

function known(symbol: string) {
  const i = instrument(symbol);
  if (!i) throw new HttpError(404, "UNKNOWN_SYMBOL", `no instrument ${symbol}`);
  return i;
}

function tradeJson(t: TradeRow) {
  return { symbol: t.symbol, tradeId: t.trade_id, seq: t.seq, time: t.time, price: t.price, qty: t.qty, takerSide: t.taker_side };
}

export function pitRoutes(router: Router, platform: Platform): void {
  const repo = new PitRepository(platform.db.kysely);

  router.get("/instruments", route(async (_req, res) => {
    res.json(INSTRUMENTS.map((i) => ({ symbol: i.symbol, name: i.name, tickSize: i.tickSize, lotSize: i.lotSize, refPrice: i.refPrice, band: i.band, maxQty: i.maxQty })));
  }));

  router.get("/accounts/me", requireUser(platform.tokens), route(async (req, res) => {
    const me = req.user!.id;
    await writeProjections(platform);
    const [balances, open, fills, unallocated] = await Promise.all([repo.balancesOf(me), repo.openOrdersOf(me), repo.fillsOf(me, 100), repo.unallocated(me)]);
    // available = unallocated (database) + what each room holds for the trader and is not reserved
    const cash = { available: unallocated, reserved: 0 };
    const assets: Record<string, { available: number; reserved: number }> = {};
    for (const b of balances) {
      cash.available += b.cash_available;
      cash.reserved += b.cash_reserved;
      assets[b.symbol] = { available: b.asset_available, reserved: b.asset_reserved };
    }
    res.json({
      cash,
      assets,
      openOrders: open.map((o) => ({ symbol: o.symbol, clientOrderId: o.client_order_id, side: o.side, price: o.price, leavesQty: o.leaves_qty, filledQty: o.filled_qty, postOnly: o.post_only === 1 })),
      fills: fills.map((t) => {
        const maker = t.maker_id === me;
        const buyer = (t.taker_side === "buy") !== maker;
        return { ...tradeJson(t), side: buyer ? "buy" : "sell", liquidity: maker ? "maker" : "taker", clientOrderId: maker ? t.maker_order_id : t.taker_order_id, fee: maker ? t.maker_fee : t.taker_fee };
      }),
    });
  }));

  // every trader's commands: for operators (this machine, or basic auth with MONITOR_PASSWORD)
  router.get("/audit", operatorGuard(platform, "the audit trail"), route(async (req, res) => {
    const q = parseWith(z.object({
      from: queryInt(0, Number.MAX_SAFE_INTEGER, 0),
      symbol: SymbolParam.optional(),
      limit: queryInt(1, 1000, 200),
    }).strict(), req.query, "query");
    if (q.symbol) known(q.symbol);
    const rows = await repo.journal({ from: q.from, limit: q.limit, ...(q.symbol ? { symbol: q.symbol } : {}) });
    res.json({ items: rows.map((r) => ({ symbol: r.symbol, seq: r.seq, now: r.now, traderId: r.trader_id, type: r.type, command: JSON.parse(r.command) })) });
  }));

  router.get("/:symbol/trades", route(async (req, res) => {
    const symbol = parseWith(SymbolParam, req.params.symbol, "symbol");
    known(symbol);
    const q = parseWith(z.object({ limit: queryInt(1, 500, 100) }).strict(), req.query, "query");
    res.json({ symbol, items: (await repo.recentTrades(symbol, q.limit)).map(tradeJson) });
  }));

  router.get("/:symbol/candles", route(async (req, res) => {
    const symbol = parseWith(SymbolParam, req.params.symbol, "symbol");
    known(symbol);
    const q = parseWith(z.object({
      interval: z.enum(["1s", "1m"]).default("1m"),
      limit: queryInt(1, 1440, 120),
    }).strict(), req.query, "query");
    const ms = INTERVALS[q.interval];
    const since = Math.floor((platform.now() - ms * q.limit) / ms) * ms;
    const trades = await repo.tradesSince(symbol, since, 100_000);
    const candles: { t: number; open: number; high: number; low: number; close: number; volume: number; trades: number }[] = [];
    for (const t of trades) {
      const bucket = Math.floor(t.time / ms) * ms;
      const last = candles[candles.length - 1];
      if (last && bucket <= last.t) {
        last.high = Math.max(last.high, t.price);
        last.low = Math.min(last.low, t.price);
        last.close = t.price;
        last.volume += t.qty;
        last.trades++;
      } else {
        candles.push({ t: bucket, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.qty, trades: 1 });
      }
    }
    res.json({ symbol, interval: q.interval, items: candles.slice(-q.limit) });
  }));
}

/**
 * Balances and open orders are written by each pit room every PIT_PROJECT_MS, not with every batch
 * (batch.ts PendingProjection): before they are read, every pit room — in this process or another
 * (Colyseus's remote room call) — writes what it has not yet, so a reply shows every acknowledged
 * command. A room that does not answer within a second is read as it stands (at most
 * PIT_PROJECT_MS behind), and that is logged.
 */
async function writeProjections(platform: Platform): Promise<void> {
  const rooms = await matchMaker.query({ name: "pit" });
  await Promise.all(
    rooms.map((r) =>
      matchMaker.remoteRoomCall(r.roomId, "writeProjection", [], 1000).catch((error: unknown) => {
        platform.logger.warn("a pit room did not write its balances before a read; reading them as they stand", { roomId: r.roomId, error: String(error) });
      }),
    ),
  );
}

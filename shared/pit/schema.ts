/**
 * The pit room's synchronized state (Colyseus schema). Field names are a public contract
 * (docs/protocol.md, pit). Public: instrument, depth, last price, stats, tape, candles, seq and state
 * hash. Private: `traders` is a `@view()` map — each client's StateView holds only its own
 * trader entry (balances and open orders), so nobody else's is ever encoded for it.
 */
import { ArraySchema, MapSchema, Schema, type, view } from "@colyseus/schema";

export class PitLevel extends Schema {
  @type("number") price = 0;
  @type("number") qty = 0;
  @type("number") orders = 0;
}

export class PitTrade extends Schema {
  @type("number") tradeId = 0;
  @type("number") time = 0;
  @type("number") price = 0;
  @type("number") qty = 0;
  @type("string") takerSide = "";
}

export class PitCandle extends Schema {
  @type("number") t = 0;
  @type("number") open = 0;
  @type("number") high = 0;
  @type("number") low = 0;
  @type("number") close = 0;
  @type("number") volume = 0;
  @type("number") trades = 0;
}

export class PitStats extends Schema {
  @type("number") open = 0; // 0 = no trade yet
  @type("number") high = 0;
  @type("number") low = 0;
  @type("number") last = 0;
  @type("number") volume = 0;
  @type("number") notional = 0;
  @type("number") trades = 0;
}

export class PitOpenOrder extends Schema {
  @type("string") clientOrderId = "";
  @type("string") side = "";
  @type("number") price = 0;
  @type("number") leavesQty = 0;
  @type("number") filledQty = 0;
  @type("boolean") postOnly = false;
}

/** One trader's private data (visible only in that trader's StateView). */
export class PitTrader extends Schema {
  @type("string") traderId = "";
  @type("number") cashAvailable = 0;
  @type("number") cashReserved = 0;
  @type("number") assetAvailable = 0; // lots of this room's symbol
  @type("number") assetReserved = 0;
  @type([PitOpenOrder]) orders = new ArraySchema<PitOpenOrder>();
}

export class PitState extends Schema {
  @type("string") symbol = "";
  @type("number") refPrice = 0;
  @type("number") band = 0;
  @type("number") seq = 0; // last accepted command
  @type("string") stateHash = ""; // engine.stateHash() at `seq`
  @type("number") lastPrice = 0; // 0 = no trade yet
  @type([PitLevel]) bids = new ArraySchema<PitLevel>(); // best first, top 20
  @type([PitLevel]) asks = new ArraySchema<PitLevel>();
  @type(PitStats) stats = new PitStats();
  @type([PitTrade]) tape = new ArraySchema<PitTrade>(); // newest first
  @type([PitCandle]) candles1s = new ArraySchema<PitCandle>(); // oldest first
  @type([PitCandle]) candles1m = new ArraySchema<PitCandle>();
  @type("boolean") bots = false;
  @view() @type({ map: PitTrader }) traders = new MapSchema<PitTrader>(); // by traderId; private
}

/**
 * The pit room's synchronized state (Colyseus schema). Field names are a public contract
 * (docs/protocol.md, pit). Everything here is public: instrument, depth, last price, stats, tape,
 * candles, seq and state hash. A trader's private data (balances, open orders) is not in the state:
 * it is the `account` message, sent to that trader only (spec.ts `PitAccountMessage`). With no
 * `@view` field, each patch is encoded once for all clients instead of once per client's StateView.
 */
import { ArraySchema, Schema, type } from "@colyseus/schema";

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
}

/** The trading pit's pure rules (issue #6): matching engine, ledger, risk, market data. */
export * from "./types.js";
export { Engine, type EngineOptions, type DepthLevel, type EngineSnapshot } from "./engine.js";
export { replay } from "./replay.js";
export { MemoryLedger, type Ledger, type Account, type Balance, type LedgerSnapshot } from "./ledger.js";
export { feeOf, requiredReservation } from "./risk.js";
export { executionReports, reportsFor, type AddressedReport } from "./reports.js";
export { checkInvariants } from "./invariants.js";
export { INSTRUMENTS, instrument, validateInstrument, DEFAULT_MAX_QTY, MAX_BAND } from "./instruments.js";
export { hash64, canonicalState, type SnapshotOrder } from "./snapshot.js";
export type { Candle, TapeEntry, Stats, MarketDataSnapshot } from "./marketdata.js";

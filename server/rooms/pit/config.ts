/** Pit settings read from the environment (documented in docs/protocol.md and README). */
import { INSTRUMENTS, type Instrument } from "../../../shared/pit/index.js";
import { boolFromEnv, numberFromEnv } from "../../platform/env.js";

export interface PitSettings {
  bots: boolean; // PIT_BOTS (default on; 0/false/no/off disables)
  botsMaxHumans: number; // PIT_BOTS_MAX_HUMANS: bots pause while this many traders are connected (default 10)
  snapshotEvery: number; // PIT_SNAPSHOT_EVERY accepted commands (default 1000)
  snapshotMinMs: number; // PIT_SNAPSHOT_MIN_MS: and at least this long after the previous snapshot (default 1000)
  startCash: number; // PIT_START_CASH: a new trader's cash, shared by all instruments (default 1000 × the highest refPrice)
  allocateCash: number; // PIT_ALLOCATE_CASH: cash a room takes from the trader's unallocated cash on join (default startCash / #instruments)
  startLots: number; // PIT_START_LOTS: starting lots of each room's asset (default 1000)
  projectMs: number; // PIT_PROJECT_MS: balances and open orders (pit_balances, pit_open_orders) are written at most this often (default 1000; 0: with every batch)
  patchMs: number; // PIT_PATCH_MS: state (book, tape, candles, balances) is patched at most this often (default 50)
}

/** Read at room creation (tests set process.env before rooms are created). */
export function pitSettings(): PitSettings {
  const startCash = numberFromEnv("PIT_START_CASH", 1000 * Math.max(...INSTRUMENTS.map((i) => i.refPrice)), { min: 0, integer: true });
  return {
    bots: boolFromEnv("PIT_BOTS", true),
    botsMaxHumans: numberFromEnv("PIT_BOTS_MAX_HUMANS", 10, { min: 1, integer: true }),
    snapshotEvery: numberFromEnv("PIT_SNAPSHOT_EVERY", 1000, { min: 1, integer: true }),
    snapshotMinMs: numberFromEnv("PIT_SNAPSHOT_MIN_MS", 1000, { min: 0, integer: true }),
    startCash,
    allocateCash: numberFromEnv("PIT_ALLOCATE_CASH", Math.ceil(startCash / INSTRUMENTS.length), { min: 0, integer: true }),
    startLots: numberFromEnv("PIT_START_LOTS", 1000, { min: 0, integer: true }),
    projectMs: numberFromEnv("PIT_PROJECT_MS", 1000, { min: 0, max: 60_000, integer: true }),
    patchMs: numberFromEnv("PIT_PATCH_MS", 50, { min: 10, integer: true }),
  };
}

/** The house's money for a bot (bots are not DB accounts: their cash is minted into the room). */
export function botBalance(s: PitSettings, i: Required<Instrument>): { cash: number; qty: number } {
  return { cash: 100_000 * i.refPrice, qty: Math.max(100_000, s.startLots * 100) };
}

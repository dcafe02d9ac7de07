/** Pit settings read from the environment (documented in docs/protocol.md and README). */
import { INSTRUMENTS, type Instrument } from "../../../shared/pit/index.js";

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${JSON.stringify(raw)})`);
  return n;
}

export interface PitSettings {
  bots: boolean; // PIT_BOTS (default on; "0" disables)
  botsMaxHumans: number; // PIT_BOTS_MAX_HUMANS: bots pause while this many traders are connected (default 10)
  snapshotEvery: number; // PIT_SNAPSHOT_EVERY accepted commands (default 1000)
  snapshotMinMs: number; // PIT_SNAPSHOT_MIN_MS: and at least this long after the previous snapshot (default 1000)
  startCash: number; // PIT_START_CASH: a new trader's cash, shared by all instruments (default 1000 × the highest refPrice)
  allocateCash: number; // PIT_ALLOCATE_CASH: cash a room takes from the trader's unallocated cash on join (default startCash / #instruments)
  startLots: number; // PIT_START_LOTS: starting lots of each room's asset (default 1000)
  patchMs: number; // PIT_PATCH_MS: state (book, tape, candles, balances) is patched at most this often (default 50)
}

/** Read at room creation (tests set process.env before rooms are created). */
export function pitSettings(): PitSettings {
  const startCash = intEnv("PIT_START_CASH", 1000 * Math.max(...INSTRUMENTS.map((i) => i.refPrice)), 0);
  return {
    bots: process.env.PIT_BOTS !== "0" && process.env.PIT_BOTS !== "false",
    botsMaxHumans: intEnv("PIT_BOTS_MAX_HUMANS", 10, 1),
    snapshotEvery: intEnv("PIT_SNAPSHOT_EVERY", 1000, 1),
    snapshotMinMs: intEnv("PIT_SNAPSHOT_MIN_MS", 1000, 0),
    startCash,
    allocateCash: intEnv("PIT_ALLOCATE_CASH", Math.ceil(startCash / INSTRUMENTS.length), 0),
    startLots: intEnv("PIT_START_LOTS", 1000, 0),
    patchMs: intEnv("PIT_PATCH_MS", 50, 10),
  };
}

/** The house's money for a bot (bots are not DB accounts: their cash is minted into the room). */
export function botBalance(s: PitSettings, i: Required<Instrument>): { cash: number; qty: number } {
  return { cash: 100_000 * i.refPrice, qty: Math.max(100_000, s.startLots * 100) };
}

/**
 * Local clocks between patches. The server's clock is the truth: each patch carries both sides'
 * remaining time as of `clockSyncedAt` (server epoch ms) and which side runs. To tick down locally
 * we need the server's "now", i.e. the offset between this machine's clock and the server's.
 *
 * Every patch that carries a new `clockSyncedAt` is a sample: arrival time − clockSyncedAt =
 * offset + delivery delay. The delay is never negative, so the smallest recent sample is the best
 * estimate (it includes the smallest delay seen, which a player cannot tell from the skew anyway).
 *
 * The state received on join is a worse sample: for a spectator it may be a snapshot taken long
 * before (the room syncs only on changes). Until a patch arrives it is used unless the HTTP `Date`
 * header (1 s resolution) shows it is clearly stale.
 */
const WINDOW = 12;
const STALE_MARGIN_MS = 1500;

export class ServerClock {
  private samples: number[] = [];
  private joinSample: number | null = null;
  private dateHint: number | null = null;
  private lastSyncedAt = -1;

  /** Records the snapshot time of a state received at `localNow`. `fromPatch`: false for the join state. */
  observe(clockSyncedAt: number, localNow: number, fromPatch: boolean): void {
    if (clockSyncedAt <= 0 || clockSyncedAt === this.lastSyncedAt) return;
    this.lastSyncedAt = clockSyncedAt;
    const sample = localNow - clockSyncedAt;
    if (!fromPatch) {
      this.joinSample = sample;
      return;
    }
    this.samples.push(sample);
    if (this.samples.length > WINDOW) this.samples.shift();
  }

  /** An HTTP `Date` header (whole seconds) received at `localNow`. */
  observeDateHeader(serverDateMs: number, localNow: number): void {
    if (!Number.isFinite(serverDateMs)) return;
    this.dateHint = localNow - (serverDateMs + 500); // the header truncates to the second
  }

  /** local − server, ms. */
  offset(): number {
    if (this.samples.length > 0) return Math.min(...this.samples);
    if (this.joinSample !== null) {
      if (this.dateHint !== null && this.joinSample - this.dateHint > STALE_MARGIN_MS) return this.dateHint;
      return this.joinSample;
    }
    return this.dateHint ?? 0;
  }

  serverNow(localNow: number): number {
    return localNow - this.offset();
  }
}

export interface ClockFields {
  status: string;
  whiteMs: number;
  blackMs: number;
  clockRunning: string;
  clockSyncedAt: number;
}

/** A side's remaining time at `serverNow`: only the running clock moves, and never below 0. */
export function remainingMs(state: ClockFields, color: "white" | "black", serverNow: number): number {
  const base = color === "white" ? state.whiteMs : state.blackMs;
  if (state.status !== "playing" || state.clockRunning !== color) return base;
  return Math.max(0, base - Math.max(0, serverNow - state.clockSyncedAt));
}

/** "4:59", "12:00", "1:02:03"; tenths under 10 s ("0:09.4") as lichess shows them. */
export function formatClock(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < 10_000) {
    const tenths = Math.floor(clamped / 100);
    return `0:0${Math.floor(tenths / 10)}.${tenths % 10}`;
  }
  const total = Math.floor(clamped / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = s < 10 ? `0${s}` : String(s);
  return h > 0 ? `${h}:${m < 10 ? `0${m}` : m}:${ss}` : `${m}:${ss}`;
}

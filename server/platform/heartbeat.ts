/**
 * WebSocket keep-alive spread over time.
 *
 * Colyseus's WebSocketTransport pings every client from one timer callback. At 2,000 clients that
 * is 2,000 socket writes in one event-loop turn (≈ 20–50 µs each on this machine's loopback), and
 * the pongs come back as a second burst: the chess benchmark's server stalled 40–110 ms at 7.2,
 * 17.2 and 27.2 s of its window, the ping period, and every move that arrived meanwhile waited.
 * Here the same sweep is cut into slices: every `tickMs` the next slice of the clients is visited,
 * sized so that a sweep ends within `intervalMs`. Each client is still pinged once per interval
 * and terminated after `maxMissed` pings in a row went unanswered — the transport's own rule,
 * with its own counter (`pingCount`, which the transport resets on every pong).
 */
import type { WebSocket, WebSocketServer } from "ws";

/**
 * Walks a live Set in slices, one whole pass at most once per `intervalMs`. Pure (the caller
 * passes the time): members added during a pass may be visited in it, removed ones are not.
 */
export class SlicedSweep<T> {
  private pass: Iterator<T> | undefined;
  private passStartedAt = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly tickMs: number,
  ) {
    if (!(intervalMs > 0 && tickMs > 0 && tickMs <= intervalMs)) throw new Error(`sweep: tick ${tickMs} ms must be in (0, interval ${intervalMs} ms]`);
  }

  /** Visits the next slice; returns how many members it visited. */
  tick(now: number, items: Set<T>, visit: (item: T) => void): number {
    if (!this.pass) {
      if (now - this.passStartedAt < this.intervalMs || items.size === 0) return 0;
      this.passStartedAt = now;
      this.pass = items.values();
    }
    // ticks per interval, less one so that rounding and timer lateness still end the pass in time
    const slices = Math.max(1, Math.floor(this.intervalMs / this.tickMs) - 1);
    const quota = Math.ceil(items.size / slices);
    let n = 0;
    while (n < quota) {
      const next = this.pass.next();
      if (next.done) {
        this.pass = undefined;
        break;
      }
      visit(next.value);
      n++;
    }
    return n;
  }
}

type TransportSocket = WebSocket & { pingCount?: number };

export interface HeartbeatOptions {
  intervalMs: number;
  /** Unanswered pings in a row after which a client is terminated. */
  maxMissed: number;
  /** How often a slice is pinged (default 100 ms). */
  tickMs?: number;
  now?: () => number;
}

const OPEN = 1;
const noop = () => {};

/** Pings `wss`'s clients in slices; returns a stop function. The transport's own sweep must be off (pingInterval: 0). */
export function startHeartbeat(wss: WebSocketServer, opts: HeartbeatOptions): () => void {
  const now = opts.now ?? (() => performance.now());
  const tickMs = Math.min(opts.tickMs ?? 100, opts.intervalMs);
  const sweep = new SlicedSweep<TransportSocket>(opts.intervalMs, tickMs);
  const visit = (ws: TransportSocket) => {
    if (ws.readyState !== OPEN) return;
    const missed = ws.pingCount ?? 0;
    if (missed >= opts.maxMissed) {
      ws.terminate();
      return;
    }
    ws.pingCount = missed + 1;
    ws.ping(undefined, undefined, noop);
  };
  const timer = setInterval(() => sweep.tick(now(), wss.clients as Set<TransportSocket>, visit), tickMs);
  timer.unref();
  return () => clearInterval(timer);
}

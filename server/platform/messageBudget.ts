/**
 * How many messages a client may send: a token bucket of `perSecond` tokens refilled at
 * `perSecond` a second (a burst of up to one second's worth, then the steady rate).
 *
 * Colyseus's own `maxMessagesPerSecond` counts messages per fixed one-second window of the room
 * clock *as they are processed*. When the server's event loop stalls, a client's evenly spaced
 * messages are processed in a bunch, and a client that never sent more than 180 a second was cut
 * off under a limit of 200 (the pit benchmark: every trader dropped with 4002 when state patches
 * made 100–230 ms stalls). A bucket judges the same stream by its average: a stall leaves tokens
 * to spend. Pure: the caller passes the time.
 */
export class MessageBudget {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    if (!(perSecond > 0)) throw new Error(`message budget: ${perSecond} per second`);
    this.tokens = perSecond;
    this.at = now;
  }

  /** Spends one message; false when the client is over its budget. */
  take(now: number): boolean {
    if (now > this.at) {
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.at) / 1000) * this.perSecond);
      this.at = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * When does a conversation start? Analytics counts one when two people exchange a chat line (or,
 * separately, start a call) while they had not done so on that channel for `gapMs` (default 5 minutes). Pure: `now` is passed in.
 */
export class ConversationTracker {
  private readonly last = new Map<string, number>(); // "channel:a:b" (a < b) → last exchange, ms

  constructor(private readonly gapMs = 5 * 60_000) {}

  /** Records an exchange between a and b; true when it starts a new conversation. */
  touch(channel: string, a: number, b: number, now: number): boolean {
    const key = a < b ? `${channel}:${a}:${b}` : `${channel}:${b}:${a}`;
    const prev = this.last.get(key);
    this.last.set(key, now);
    if (this.last.size > 50_000) this.prune(now);
    return prev === undefined || now - prev > this.gapMs;
  }

  private prune(now: number): void {
    for (const [k, t] of this.last) if (now - t > this.gapMs) this.last.delete(k);
  }
}

/**
 * A room starts sending the moment it is joined (the plaza's `welcome` and `snapshot`, a game's
 * first patch-side messages), but the browser registers its handlers later: the lobby joins, then
 * starts the room's scene, whose `create()` registers them. Messages in between used to reach the
 * SDK with no handler — it drops them and warns "onMessage() not registered" on every join.
 *
 * `EarlyMessages` holds what arrives with no handler of its own (the SDK hands such messages to a
 * `"*"` handler) until `release()`, which stops holding and delivers the held messages in order
 * through the room's normal dispatch — now to the handlers the scene registered. A message with
 * no handler after that is warned about, as the SDK itself does (its `"*"` handler stays registered:
 * the SDK's emitter keeps an empty list for an event whose last handler was removed, and would then
 * drop unhandled messages silently). At most `limit` messages are held (the oldest are kept; the
 * rest counted in `dropped`), so a room nobody releases cannot grow without bound.
 */
import type { Room } from "@colyseus/sdk";

/** The SDK's own dispatch (JS-private in its typings; pinned in package-lock.json, covered by tests/client/net.test.ts). */
interface Dispatching {
  dispatchMessage(type: string | number, payload: unknown): void;
}

export class EarlyMessages {
  private held: Array<[string | number, unknown]> = [];
  private holding = true;
  dropped = 0;

  constructor(private readonly room: Room, private readonly limit = 1000) {
    room.onMessage("*", (type: string | number, payload: unknown) => {
      if (!this.holding) console.warn(`@colyseus/sdk: onMessage() not registered for type '${type}'.`);
      else if (this.held.length < this.limit) this.held.push([type, payload]);
      else this.dropped++;
    });
  }

  get size(): number {
    return this.held.length;
  }

  /** Stops holding and delivers what was held, in arrival order. Idempotent. */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    const held = this.held;
    this.held = [];
    const room = this.room as unknown as Dispatching;
    for (const [type, payload] of held) room.dispatchMessage(type, payload);
  }
}

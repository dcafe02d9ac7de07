/**
 * Coalesces the frames a room sends to each client during one synchronous stretch into one socket
 * write per client. A batch's execution reports are many small `execution` messages (often several
 * to the same trader); each is its own WebSocket frame — unchanged on the wire — but without this
 * each frame was its own `writev` system call. Node's `socket.cork()` buffers writes until the
 * matching `uncork()`; ws's own cork/uncork around a frame nests inside ours.
 *
 * Transport-agnostic in effect: a client whose transport does not expose a Node socket (not the ws
 * transport) is simply not corked and sends as before.
 */
import type { Client } from "@colyseus/core";

interface Corkable {
  cork(): void;
  uncork(): void;
}

function socketOf(c: Client): Corkable | undefined {
  const s = (c as unknown as { ref?: { _socket?: Partial<Corkable> } }).ref?._socket;
  return s && typeof s.cork === "function" && typeof s.uncork === "function" ? (s as Corkable) : undefined;
}

export class Corked {
  private readonly sockets = new Set<Corkable>();

  /** Corks `c`'s socket (once per flush) before something is sent to it. */
  add(c: Client): void {
    const s = socketOf(c);
    if (s === undefined || this.sockets.has(s)) return;
    s.cork();
    this.sockets.add(s);
  }

  /** Writes everything buffered since `add`, one write per socket. */
  flush(): void {
    for (const s of this.sockets) s.uncork();
    this.sockets.clear();
  }
}

/**
 * Frames sent to a client in one synchronous stretch leave as one socket write.
 *
 * `ws` writes every frame on its own (its sender corks and uncorks the TCP socket around each
 * frame's header and payload), so a room that sends a client its patch plus a message or two
 * makes that many `writev` system calls. On loopback here a socket write costs tens of µs of
 * CPU (the kernel also runs the receiving side of TCP), more than encoding a small frame. Corking
 * each client's socket around the batch — Node counts nested corks, so the sender's own
 * cork/uncork pairs stay inside ours — hands the kernel all of a client's frames in one `writev`.
 * Nothing else changes: same frames, same order, sent before `corked` returns.
 *
 * Clients on a transport without a Node TCP socket (tests' mocks, other transports) are skipped.
 */
import { Socket } from "node:net";

interface ClientLike {
  ref?: unknown;
}

/** The client's TCP socket when it is a `ws` WebSocket on a Node socket (its `_socket`). */
function socketOf(client: ClientLike): Socket | undefined {
  const ws = client.ref as { _socket?: unknown } | undefined;
  const socket = ws?._socket;
  return socket instanceof Socket && !socket.destroyed ? socket : undefined;
}

/**
 * Sockets corked as clients are added (each once), all written by `flush()`: for a batch whose
 * recipients are known only as it is sent (a pit batch's execution reports).
 */
export class Corked {
  private readonly sockets = new Set<Socket>();

  /** Corks `client`'s socket (once per flush) before something is sent to it. */
  add(client: ClientLike): void {
    const socket = socketOf(client);
    if (socket === undefined || this.sockets.has(socket)) return;
    socket.cork();
    this.sockets.add(socket);
  }

  /** Writes everything buffered since the sockets were added: one write per socket. */
  flush(): void {
    for (const socket of this.sockets) socket.uncork();
    this.sockets.clear();
  }
}

/** Runs `send` with every client's socket corked, then uncorks them (one write each). */
export function corked<T>(clients: Iterable<ClientLike>, send: () => T): T {
  const batch = new Corked();
  for (const client of clients) batch.add(client);
  try {
    return send();
  } finally {
    batch.flush();
  }
}

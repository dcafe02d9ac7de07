/**
 * The store room: a live window on a database-owned shop.
 *
 * Owns: nothing that matters. It keeps, per connected client, which product that client is looking
 * at (to count viewers), and the last viewer counts it sent (to send only changes). Stock, prices,
 * carts and orders live in the database or the client; every command goes through the HTTP API.
 * Survives a restart: everything — a killed room's clients rejoin (any process), get a fresh
 * snapshot, and re-announce what they are looking at; its stale viewer field expires (viewers.ts).
 *
 * Pushes: `catalog` when asked (`snapshot`, as a message or a request: stock and price of every
 * product, viewer counts — asked, not pushed on join, so it never races the client's handlers), `stock` whenever
 * any writer changes stock or price (the process's CatalogGuard notices, whoever wrote), `viewers`
 * when the counts change.
 */
import type { Client, Delayed } from "@colyseus/core";
import type { CatalogSnapshotMessage, StockMessage, ViewMessage, ViewersMessage } from "../../../shared/store/spec.js";
import { StatecraftRoom } from "../StatecraftRoom.js";
import { storeService } from "./service.js";
import { ViewerBoard, VIEWERS_TOPIC, diffCounts } from "./viewers.js";

const REFRESH_MS = 1000;

export class StoreRoom extends StatecraftRoom {
  private readonly looking = new Map<string, string>(); // sessionId → product id
  private readonly viewSeq = new Map<string, number>(); // sessionId → views asked (the last one wins)
  private sent: Record<string, number> = {}; // viewer counts last sent
  private board!: ViewerBoard;
  private offChange?: () => void;
  private refresh?: Delayed;
  private recounting?: Promise<void>;
  private recountAgain = false;
  private readonly onNotify = () => this.recount();

  override async onCreate(): Promise<void> {
    this.board = new ViewerBoard(this.presence, this.roomId, () => this.platform.now());
    this.bindCommands({
      view: (client, m: ViewMessage) => this.view(client, m.productId),
      snapshot: async (client, _m, { isRequest }) => {
        const snapshot = await this.snapshot();
        if (isRequest) return snapshot;
        client.send("catalog", snapshot);
        return undefined;
      },
    });
    this.offChange = storeService(this.platform).guard.onChange(({ changes }) => {
      if (changes.length) this.broadcast("stock", { changes } satisfies StockMessage);
    });
    await this.presence.subscribe(VIEWERS_TOPIC, this.onNotify);
    this.refresh = this.clock.setInterval(() => {
      void this.publishCounts(false);
    }, REFRESH_MS);
  }

  private async snapshot(): Promise<CatalogSnapshotMessage> {
    const products = await storeService(this.platform).products.stockAll();
    return { products, viewers: await this.board.count() };
  }

  override onLeave(client: Client): void {
    this.viewSeq.delete(client.sessionId);
    if (this.looking.delete(client.sessionId)) void this.publishCounts(true);
  }

  override async onDispose(): Promise<void> {
    this.offChange?.();
    this.refresh?.clear();
    await this.presence.unsubscribe(VIEWERS_TOPIC, this.onNotify);
    await this.board.remove();
  }

  /** Only products of the catalog are counted (and shown to everyone): anything else is refused. */
  private async view(client: Client, productId: string | null): Promise<{ code: string; message: string } | undefined> {
    const asked = (this.viewSeq.get(client.sessionId) ?? 0) + 1;
    this.viewSeq.set(client.sessionId, asked);
    if (productId !== null && (await storeService(this.platform).cache.product(productId)) === undefined) {
      return { code: "NOT_FOUND", message: `no product ${productId}` };
    }
    // a newer view from the same client was decided while this one looked the product up: it wins
    if (this.viewSeq.get(client.sessionId) !== asked || !this.clients.getById(client.sessionId)) return undefined;
    const before = this.looking.get(client.sessionId) ?? null;
    if (before === productId) return undefined;
    if (productId === null) this.looking.delete(client.sessionId);
    else this.looking.set(client.sessionId, productId);
    void this.publishCounts(true);
    return undefined;
  }

  private localCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const id of this.looking.values()) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  /** Writes this room's field; on a change, tells every room to recount now. */
  private async publishCounts(changed: boolean): Promise<void> {
    try {
      await this.board.publish(this.localCounts());
      if (changed) this.board.notify();
      else await this.recount(); // the periodic refresh also notices dead rooms
    } catch (e) {
      this.log.warn("store viewer count failed", { error: e });
    }
  }

  /** Recounts (one at a time; a request during a recount runs once more after it). */
  private recount(): Promise<void> {
    if (this.recounting) {
      this.recountAgain = true;
      return this.recounting;
    }
    this.recounting = (async () => {
      do {
        this.recountAgain = false;
        const counts = await this.board.count();
        const diff = diffCounts(this.sent, counts);
        this.sent = counts;
        if (Object.keys(diff).length) this.broadcast("viewers", { counts: diff } satisfies ViewersMessage);
      } while (this.recountAgain);
    })()
      .catch((e) => this.log.warn("store viewer recount failed", { error: e }))
      .finally(() => (this.recounting = undefined));
    return this.recounting;
  }
}

/**
 * A room kind = a spec (shared, pure) + an adapter (a Colyseus Room class) + what it needs from the
 * platform: migrations, HTTP routes, and start/stop hooks. The server registers every kind in the
 * list it is given (server/rooms/index.ts for the built-ins; mods append to the same list).
 */
import type { Router } from "express";
import type { Room } from "@colyseus/core";
import type { RoomSpec } from "../../shared/core/spec.js";
import type { MigrationSet } from "../platform/db/migrate.js";
import type { Platform } from "../platform/context.js";

export interface RoomKind {
  spec: RoomSpec;
  room: new (...args: any[]) => Room<any>;
  /** Colyseus matchmaking filters: join options that must match (e.g. ["timeControl"]). */
  filterBy?: string[];
  /**
   * Filter values derived from the parsed join options, for options Colyseus will not filter on
   * (it ignores `private`, `locked`, … as filter keys): e.g. chess filters on `challenge`, taken
   * from `private`. The room must keep the same key in its metadata.
   */
  matchOptions?(options: any): Record<string, unknown>;
  /** Tables this kind owns. */
  migrations?: MigrationSet;
  /** HTTP routes, mounted at /api/<spec.name>. */
  routes?(router: Router, platform: Platform): void;
  /** After migrations, before listening (e.g. rebuild unfinished games). */
  start?(platform: Platform): Promise<void>;
  /** After the server listens (matchmaking is up): e.g. rebuild unfinished games in rooms. */
  ready?(platform: Platform): Promise<void>;
  /** On shutdown, after rooms are disposed and before the database closes. */
  stop?(platform: Platform): Promise<void>;
}

/** The pit room kind: spec + adapter + tables + routes + the settlement outbox worker. */
import type { RoomKind } from "../kind.js";
import { pitSpec } from "../../../shared/pit/spec.js";
import { PitRoom } from "./PitRoom.js";
import { pitMigrations } from "./migrations.js";
import { pitRoutes } from "./routes.js";
import { startOutbox, stopOutbox } from "./outbox.js";
import { pitSettings } from "./config.js";

export const pitKind: RoomKind = {
  spec: pitSpec,
  room: PitRoom,
  filterBy: ["symbol"],
  // matchmaking (joinOrCreate, join, create) without a symbol must not land in whichever pit is open:
  // it filters on "" (no room has it) and onCreate refuses it. joinById does not filter: a link or the
  // lobby's Join button may leave the symbol out.
  matchOptions: (o: { symbol?: string }) => (o.symbol === undefined ? { symbol: "" } : {}),
  migrations: pitMigrations,
  routes: pitRoutes,
  start: async (platform) => {
    pitSettings(); // a bad PIT_* value stops the server now (ConfigError), not the first pit room
    startOutbox(platform);
  },
  stop: async () => stopOutbox(),
};

/** The pit room kind: spec + adapter + tables + routes + the settlement outbox worker. */
import type { RoomKind } from "../kind.js";
import { pitSpec } from "../../../shared/pit/spec.js";
import { PitRoom } from "./PitRoom.js";
import { pitMigrations } from "./migrations.js";
import { pitRoutes } from "./routes.js";
import { startOutbox, stopOutbox } from "./outbox.js";

export const pitKind: RoomKind = {
  spec: pitSpec,
  room: PitRoom,
  filterBy: ["symbol"],
  migrations: pitMigrations,
  routes: pitRoutes,
  start: async (platform) => startOutbox(platform),
  stop: async () => stopOutbox(),
};

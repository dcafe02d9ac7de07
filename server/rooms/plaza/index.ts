/** The plaza room kind: spec + relay adapter + analytics table + stats route + the analytics writer. */
import type { RoomKind } from "../kind.js";
import { plazaSpec } from "../../../shared/plaza/spec.js";
import { PlazaRoom } from "./PlazaRoom.js";
import { plazaMigrations } from "./migrations.js";
import { plazaRoutes } from "./routes.js";
import { startAnalytics, stopAnalytics } from "./analytics.js";
import { plazaSettings } from "./config.js";

export const plazaKind: RoomKind = {
  spec: plazaSpec,
  room: PlazaRoom,
  filterBy: ["mode"],
  migrations: plazaMigrations,
  routes: plazaRoutes,
  start: async (platform) => startAnalytics(platform, plazaSettings().analyticsFlushMs),
  stop: async () => stopAnalytics(),
};

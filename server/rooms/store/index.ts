/** The store room kind: spec + (stateless) room + tables + HTTP API + the per-process store. */
import type { RoomKind } from "../kind.js";
import { storeSpec } from "../../../shared/store/spec.js";
import { StoreRoom } from "./StoreRoom.js";
import { storeMigrations } from "./migrations.js";
import { storeRoutes } from "./routes.js";
import { startStore, storeService } from "./service.js";

export const storeKind: RoomKind = {
  spec: storeSpec,
  room: StoreRoom,
  migrations: storeMigrations,
  routes: storeRoutes,
  start: async (platform) => {
    await startStore(platform);
  },
  stop: async (platform) => storeService(platform).stop(),
};

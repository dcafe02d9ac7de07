/** The shooter room kind: spec + adapter + match tables + stats routes. */
import type { RoomKind } from "../kind.js";
import { shooterSpec } from "../../../shared/shooter/spec.js";
import { ShooterRoom } from "./ShooterRoom.js";
import { shooterMigrations } from "./migrations.js";
import { shooterRoutes } from "./routes.js";

export const shooterKind: RoomKind = {
  spec: shooterSpec,
  room: ShooterRoom,
  filterBy: ["mode"],
  migrations: shooterMigrations,
  routes: shooterRoutes,
};

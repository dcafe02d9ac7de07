/** The shooter room kind: spec + adapter + match tables + stats routes. */
import type { RoomKind } from "../kind.js";
import { shooterSpec } from "../../../shared/shooter/spec.js";
import { ShooterRoom } from "./ShooterRoom.js";
import { shooterMigrations } from "./migrations.js";
import { shooterRoutes } from "./routes.js";
import { shooterSettings } from "./config.js";

export const shooterKind: RoomKind = {
  spec: shooterSpec,
  room: ShooterRoom,
  // A fixed map is a filter too: `{map: "courtyard"}` must not land in a warehouse match. Without
  // the option a player wants the rotation: it filters on "" (what rotating rooms record).
  filterBy: ["mode", "map"],
  matchOptions: (o: { map?: string }) => (o.map === undefined ? { map: "" } : {}),
  migrations: shooterMigrations,
  routes: shooterRoutes,
  start: async () => void shooterSettings(), // a bad SHOOTER_* value stops the server at startup (ConfigError)
};

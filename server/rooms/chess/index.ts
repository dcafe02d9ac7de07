/** The chess room kind: spec + adapter + tables + routes + recovery. */
import type { RoomKind } from "../kind.js";
import { chessSpec } from "../../../shared/chess/spec.js";
import { ChessRoom } from "./ChessRoom.js";
import { chessMigrations } from "./migrations.js";
import { chessRoutes } from "./routes.js";
import { startHeartbeat, startRecovery, stopHeartbeat } from "./recovery.js";

export const chessKind: RoomKind = {
  spec: chessSpec,
  room: ChessRoom,
  filterBy: ["timeControl"],
  migrations: chessMigrations,
  routes: chessRoutes,
  start: startHeartbeat,
  ready: startRecovery,
  stop: async () => stopHeartbeat(),
};

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
  filterBy: ["timeControl", "challenge"],
  // Colyseus does not filter on `private`: without this a {private: true} joinOrCreate sat down in a public seek
  matchOptions: (o: { private: boolean }) => ({ challenge: o.private }),
  migrations: chessMigrations,
  routes: chessRoutes,
  start: startHeartbeat,
  ready: startRecovery,
  stop: async () => stopHeartbeat(),
};

/**
 * A plain copy of the chess room's state (docs/protocol.md, `chess` → State), taken after every
 * patch. The scene renders from this copy only, so nothing downstream depends on the schema
 * decoder's classes, and a snapshot can be compared, logged and handed to the debug hook.
 */
import type { ChessState } from "../../../shared/chess/schema.js";
import type { Color } from "../../../shared/chess/color.js";

export interface PlayerSnapshot {
  key: string; // sessionId, or "user:<userId>" while the player is not back after a restart
  name: string;
  userId: string;
  color: Color;
  connected: boolean;
  rating: number;
  ratingDiff: number;
  provisional: boolean;
  reconnectDeadline: number; // server epoch ms; 0 while connected
}

export interface ChessSnapshot {
  gameId: string;
  timeControl: string;
  fen: string;
  moves: string[];
  lastMove: string;
  status: "waiting" | "playing" | "ended";
  result: "1-0" | "0-1" | "1/2-1/2" | "";
  termination: string;
  players: PlayerSnapshot[];
  whiteMs: number;
  blackMs: number;
  clockRunning: Color | "";
  clockSyncedAt: number;
  drawOfferBy: Color | "";
  rematchOfferBy: Color | "";
  nextGameId: string;
  spectators: number;
  claimable: boolean;
}

export function takeSnapshot(state: ChessState): ChessSnapshot {
  const players: PlayerSnapshot[] = [];
  state.players.forEach((p, key) => {
    if (p.color !== "white" && p.color !== "black") return;
    players.push({
      key,
      name: p.name,
      userId: p.userId,
      color: p.color,
      connected: p.connected,
      rating: p.rating,
      ratingDiff: p.ratingDiff,
      provisional: p.provisional,
      reconnectDeadline: p.reconnectDeadline,
    });
  });
  return {
    gameId: state.gameId,
    timeControl: state.timeControl,
    fen: state.fen,
    moves: Array.from(state.moves),
    lastMove: state.lastMove,
    status: state.status === "playing" || state.status === "ended" ? state.status : "waiting",
    result: state.result === "1-0" || state.result === "0-1" || state.result === "1/2-1/2" ? state.result : "",
    termination: state.termination,
    players,
    whiteMs: state.whiteMs,
    blackMs: state.blackMs,
    clockRunning: asColor(state.clockRunning),
    clockSyncedAt: state.clockSyncedAt,
    drawOfferBy: asColor(state.drawOfferBy),
    rematchOfferBy: asColor(state.rematchOfferBy),
    nextGameId: state.nextGameId,
    spectators: state.spectators,
    claimable: state.claimable,
  };
}

function asColor(value: string): Color | "" {
  return value === "white" || value === "black" ? value : "";
}

/** The seated player of `color`, if any. */
export function playerOf(snapshot: ChessSnapshot, color: Color): PlayerSnapshot | undefined {
  return snapshot.players.find((p) => p.color === color);
}

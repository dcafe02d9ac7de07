/**
 * `window.__statecraftChess`: the chess scene's view for browser tests and the console (the
 * shell's `window.__statecraft` says which scene and room; this says what is on the board).
 *
 *   active        true while the chess scene runs
 *   gameId        the room/game id
 *   fen, moves    the live position (as the server has it) and the SAN list
 *   myColor       "white" | "black" | null (watching, or not seated yet)
 *   role          "player" | "spectator"
 *   status, result, termination, turn, spectators, timeControl
 *   orientation   the side at the bottom of the board
 *   connection    "live" | "dropped" (SDK reconnecting) | "rejoining" (after a server restart)
 *   pending       SAN of a move sent and not yet confirmed, or null
 *   premove       "e2e4" while a premove is queued (opponent to move), else null
 *   promoting     "b7a8" while the promotion picker is open (choices from the target square
 *                 toward the centre: q, n, r, b), else null
 *   clocks        {whiteMs, blackMs} as the page shows them now (ticked down locally)
 *   squareCenter("e2") → {x, y}  page (CSS pixel) coordinates of a square's centre, for clicks
 *   pieceCenter("e2") → {x, y} | null  page coordinates of the centre of the piece image drawn there
 *   snapshot()    all of the above as a plain object
 */
import type { GameView } from "./gameView.js";
import type { ChessSnapshot } from "./snapshot.js";

export interface ChessDebugView {
  active: boolean;
  gameId: string;
  fen: string;
  moves: string[];
  myColor: "white" | "black" | null;
  role: "player" | "spectator";
  status: string;
  result: string;
  termination: string;
  turn: "white" | "black";
  spectators: number;
  timeControl: string;
  orientation: "white" | "black";
  connection: "live" | "dropped" | "rejoining";
  pending: string | null;
  premove: string | null;
  promoting: string | null;
  clocks: { whiteMs: number; blackMs: number };
}

/** The view for a live scene: its snapshot, the derived game view and what only the scene knows. */
export function debugViewOf(
  s: ChessSnapshot,
  v: GameView,
  extra: Pick<ChessDebugView, "orientation" | "connection" | "pending" | "premove" | "promoting" | "clocks"> & { spectate: boolean },
): ChessDebugView {
  return {
    active: true,
    gameId: s.gameId,
    fen: s.fen,
    moves: s.moves,
    myColor: v.myColor,
    role: extra.spectate ? "spectator" : "player",
    status: s.status,
    result: s.result,
    termination: s.termination,
    turn: v.turn,
    spectators: s.spectators,
    timeControl: s.timeControl,
    orientation: extra.orientation,
    connection: extra.connection,
    pending: extra.pending,
    premove: extra.premove,
    promoting: extra.promoting,
    clocks: extra.clocks,
  };
}

export interface ChessDebugSource {
  view(): ChessDebugView | null;
  squareCenter(square: string): { x: number; y: number } | null;
  pieceCenter(square: string): { x: number; y: number } | null;
}

const INACTIVE: ChessDebugView = {
  active: false, gameId: "", fen: "", moves: [], myColor: null, role: "player", status: "", result: "", termination: "",
  turn: "white", spectators: 0, timeControl: "", orientation: "white", connection: "live", pending: null, premove: null, promoting: null,
  clocks: { whiteMs: 0, blackMs: 0 },
};

/** Installs the hook reading from `source`; returns a function that makes it report "inactive". */
export function installChessDebug(target: Window, source: ChessDebugSource): () => void {
  let current: ChessDebugSource | null = source;
  const read = (): ChessDebugView => structuredClone(current?.view() ?? INACTIVE);
  const hook = {} as Record<string, unknown>;
  for (const key of Object.keys(INACTIVE) as (keyof ChessDebugView)[]) {
    Object.defineProperty(hook, key, { enumerable: true, get: () => read()[key] });
  }
  Object.defineProperty(hook, "snapshot", { value: read });
  Object.defineProperty(hook, "squareCenter", { value: (square: string) => current?.squareCenter(square) ?? null });
  Object.defineProperty(hook, "pieceCenter", { value: (square: string) => current?.pieceCenter(square) ?? null });
  Object.defineProperty(target, "__statecraftChess", { value: Object.freeze(hook), configurable: true });
  return () => {
    current = null;
  };
}

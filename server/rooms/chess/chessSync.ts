/**
 * From the pure game (shared/chess) to what the room shows and stores: the schema state patch and
 * the finished-game record (PGN, ratings). No I/O here.
 */
import { ChessPlayer, type ChessState } from "../../../shared/chess/schema.js";
import {
  claimableDraw, gameToPgn, isProvisional, rateGame, remaining, type ChessGame, type Color, type Rating,
} from "../../../shared/chess/index.js";
import type { GameEnd } from "./gameRepository.js";

export interface Seat {
  userId: string;
  name: string;
  color: Color;
  sessionId: string; // "" until the player (re)joins
  connected: boolean;
  reconnectDeadline: number; // epoch ms; 0 while connected
  rating: Rating & { games: number };
  ratingDiff?: number;
}

/** Writes the game into the schema state; only changed fields produce patches. */
export function syncState(state: ChessState, game: ChessGame, seats: Map<string, Seat>, now: number): void {
  if (state.moves.length > game.moves.length) state.moves.splice(0, state.moves.length);
  for (let i = state.moves.length; i < game.moves.length; i++) state.moves.push(game.moves[i]!);
  state.fen = game.fen;
  state.lastMove = game.uci[game.uci.length - 1] ?? "";
  state.status = game.status;
  state.result = game.result;
  state.termination = game.termination;
  state.drawOfferBy = game.drawOfferBy;
  state.claimable = game.status === "playing" && claimableDraw(game) !== null;
  state.whiteMs = Math.max(0, remaining(game.clock, "white", now));
  state.blackMs = Math.max(0, remaining(game.clock, "black", now));
  state.clockRunning = game.clock.running ?? "";
  state.clockSyncedAt = now;

  const keep = new Set<string>();
  for (const seat of seats.values()) {
    const key = seat.sessionId || `user:${seat.userId}`; // not yet back after a restart
    keep.add(key);
    let p = state.players.get(key);
    if (!p) {
      p = new ChessPlayer();
      state.players.set(key, p);
    }
    p.name = seat.name;
    p.userId = seat.userId;
    p.color = seat.color;
    p.connected = seat.connected;
    p.rating = Math.round(seat.rating.rating);
    p.provisional = isProvisional(seat.rating);
    p.ratingDiff = seat.ratingDiff ?? 0;
    p.reconnectDeadline = seat.connected ? 0 : seat.reconnectDeadline;
  }
  for (const key of [...state.players.keys()]) if (!keep.has(key)) state.players.delete(key);
}

/** The record of a finished game: PGN and, for rated results, both new ratings. */
export function finishedGameRecord(game: ChessGame, white: Seat, black: Seat, now: number): GameEnd {
  const end: GameEnd = {
    result: game.result,
    termination: game.termination,
    endedAt: now,
    pgn: "",
  };
  if (game.result !== "") {
    const rated = rateGame(white.rating, black.rating, game.result);
    end.ratings = {
      white: rated.white,
      black: rated.black,
      whiteDiff: Math.round(rated.white.rating) - Math.round(white.rating.rating),
      blackDiff: Math.round(rated.black.rating) - Math.round(black.rating.rating),
      category: game.timeControl.category,
    };
  }
  end.pgn = gameToPgn(game, {
    event: `Statecraft ${game.timeControl.category} game`,
    site: "Statecraft",
    date: now,
    white: white.name,
    black: black.name,
    whiteElo: Math.round(white.rating.rating),
    blackElo: Math.round(black.rating.rating),
  });
  return end;
}

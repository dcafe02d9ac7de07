/** Two SDK clients seated in one chess room, named by colour. */
import { Client, type Room } from "@colyseus/sdk";
import { sdkClient, waitFor } from "./testServer.js";

export interface Pair {
  white: Room<any, any>;
  black: Room<any, any>;
  gameId: string;
  /** Each colour's guest token (to rejoin as the same user). */
  tokens: { white: string; black: string };
  leave(): Promise<void>;
}

/** Seats two new guests in a new game: a private challenge unless `opts.private` is false. */
export async function seatPair(baseUrl: string, timeControl = "5+3", opts: { private?: boolean } = {}): Promise<Pair> {
  const a = await sdkClient(baseUrl, "Ann");
  const b = await sdkClient(baseUrl, "Ben");
  const ra = await a.client.create("chess", { timeControl, private: opts.private ?? true });
  const rb = await b.client.joinById(ra.roomId);
  for (const r of [ra, rb]) r.reconnection.minUptime = 0;
  await waitFor(() => ra.state.status === "playing" && rb.state.status === "playing" && ra.state.players.size === 2, 5000, "game start");
  const colorOf = (r: Room<any, any>) => r.state.players.get(r.sessionId)?.color;
  const white = colorOf(ra) === "white" ? ra : rb;
  const black = white === ra ? rb : ra;
  return {
    white,
    black,
    gameId: ra.state.gameId,
    tokens: white === ra ? { white: a.guest.token, black: b.guest.token } : { white: b.guest.token, black: a.guest.token },
    leave: async () => {
      // a room whose socket a test cut never answers leave(): do not wait for it
      const bounded = (r: Room<any, any>) => Promise.race([r.leave().catch(() => {}), new Promise((res) => setTimeout(res, 500))]);
      await Promise.all([bounded(ra), bounded(rb)]);
    },
  };
}

/** Sends a move and waits until both sides see it. */
export async function play(pair: Pair, mover: "white" | "black", san: string): Promise<void> {
  const room = pair[mover];
  const before = room.state.moves.length;
  room.send("move", { san, ply: before });
  await waitFor(() => pair.white.state.moves.length > before && pair.black.state.moves.length > before, 5000, `move ${san}`);
}

/**
 * Ends the pair's game by White's resignation, both ask for a rematch, and both players join the
 * new game with their own tokens. Returns the new game's id and each player's new room (named by
 * last game's colour: the rematch swaps them).
 */
export async function resignAndRematch(baseUrl: string, pair: Pair): Promise<{ next: string; lastWhite: Room<any, any>; lastBlack: Room<any, any> }> {
  pair.white.send("resign");
  await waitFor(() => pair.black.state.status === "ended", 5000, "ended");
  pair.white.send("rematch");
  await waitFor(() => pair.black.state.rematchOfferBy === "white", 5000, "offer seen");
  pair.black.send("rematch");
  await waitFor(() => pair.white.state.nextGameId !== "", 5000, "rematch created");
  const next = pair.white.state.nextGameId as string;
  const join = async (token: string) => {
    const c = new Client(baseUrl);
    c.auth.token = token;
    return c.joinById(next);
  };
  const lastWhite = await join(pair.tokens.white);
  const lastBlack = await join(pair.tokens.black);
  return { next, lastWhite, lastBlack };
}

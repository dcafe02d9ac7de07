/** Two SDK clients seated in one chess room, named by colour. */
import type { Room } from "@colyseus/sdk";
import { sdkClient, waitFor } from "./testServer.js";

export interface Pair {
  white: Room<any, any>;
  black: Room<any, any>;
  gameId: string;
  /** Each colour's guest token (to rejoin as the same user). */
  tokens: { white: string; black: string };
  leave(): Promise<void>;
}

export async function seatPair(baseUrl: string, timeControl = "5+3"): Promise<Pair> {
  const a = await sdkClient(baseUrl, "Ann");
  const b = await sdkClient(baseUrl, "Ben");
  const ra = await a.client.create("chess", { timeControl, private: true });
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

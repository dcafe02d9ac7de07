/**
 * The chess room's synchronized state (Colyseus schema). Field names are a public contract
 * (docs/protocol.md). The server's clock is the truth: clients tick `whiteMs`/`blackMs` down
 * locally for the side in `clockRunning` between patches, from `clockSyncedAt`'s snapshot.
 */
import { ArraySchema, MapSchema, Schema, type } from "@colyseus/schema";

export class ChessPlayer extends Schema {
  @type("string") name = "";
  @type("string") userId = "";
  @type("string") color = ""; // "white" | "black"
  @type("boolean") connected = true;
  @type("number") rating = 1500; // rating in this time control's category before the game
  @type("number") ratingDiff = 0; // rating change at game end (0 while playing)
  @type("boolean") provisional = true; // rating deviation still high (shown with "?")
  @type("number") reconnectDeadline = 0; // epoch ms by which a disconnected player must return; 0 = connected
}

export class ChessState extends Schema {
  @type("string") gameId = "";
  @type("string") timeControl = "";
  @type("string") fen = "";
  @type(["string"]) moves = new ArraySchema<string>(); // SAN of every ply
  @type("string") lastMove = ""; // UCI of the last ply ("e2e4"), for highlighting
  @type("string") status = "waiting"; // waiting | playing | ended
  @type("string") result = ""; // 1-0 | 0-1 | 1/2-1/2 | ""
  @type("string") termination = "";
  @type({ map: ChessPlayer }) players = new MapSchema<ChessPlayer>(); // by sessionId
  @type("number") whiteMs = 0; // remaining at clockSyncedAt
  @type("number") blackMs = 0;
  @type("string") clockRunning = ""; // "white" | "black" | "" (no clock runs before both have moved)
  @type("number") clockSyncedAt = 0; // server epoch ms of the whiteMs/blackMs snapshot
  @type("string") drawOfferBy = ""; // "white" | "black" | ""
  @type("string") rematchOfferBy = ""; // "white" | "black" | ""
  @type("string") nextGameId = ""; // set when a rematch starts: join it with joinById
  @type("number") spectators = 0;
  @type("boolean") claimable = false; // threefold / fifty-move: the side to move may claimDraw
}

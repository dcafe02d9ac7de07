/** Which sound a chess snapshot change calls for, and the mute switch (client/scenes/chess/sounds.ts). */
import assert from "node:assert/strict";
import { ChessSounds, soundFor } from "../../client/scenes/chess/sounds.js";
import { noticeFor } from "../../client/scenes/chess/notices.js";
import type { ChessSnapshot } from "../../client/scenes/chess/snapshot.js";

const snap = (over: Partial<ChessSnapshot>): ChessSnapshot => ({
  gameId: "g1", timeControl: "5+3", fen: "", moves: [], lastMove: "", status: "playing", result: "", termination: "", players: [],
  whiteMs: 0, blackMs: 0, clockRunning: "", clockSyncedAt: 0, drawOfferBy: "", rematchOfferBy: "", nextGameId: "", spectators: 0, claimable: false,
  ...over,
});

describe("chess client: sounds", () => {
  const rows: Array<[string, ChessSnapshot | null, ChessSnapshot, string | null]> = [
    ["joining a game in progress: start", null, snap({ moves: ["e4"] }), "start"],
    ["joining a waiting room: nothing", null, snap({ status: "waiting" }), null],
    ["the opponent sits down: start", snap({ status: "waiting" }), snap({}), "start"],
    ["a quiet move", snap({ moves: ["e4"] }), snap({ moves: ["e4", "e5"] }), "move"],
    ["a capture", snap({ moves: ["e4", "d5"] }), snap({ moves: ["e4", "d5", "exd5"] }), "capture"],
    ["a mate ends the game: the end chime, not a move", snap({ moves: ["f3", "e5", "g4"] }), snap({ moves: ["f3", "e5", "g4", "Qh4#"], status: "ended", result: "0-1", termination: "checkmate" }), "end"],
    ["an aborted game ends silently", snap({}), snap({ status: "ended", termination: "aborted" }), null],
    ["a clock patch changes nothing audible", snap({ moves: ["e4"] }), snap({ moves: ["e4"], whiteMs: 5 }), null],
    ["the rematch (a new game id) starts", snap({ status: "ended", result: "1-0" }), snap({ gameId: "g2" }), "start"],
  ];
  for (const [name, before, now, expected] of rows) {
    it(name, () => assert.equal(soundFor(before, now), expected));
  }

  it("the mute switch is remembered, and a muted sound still counts as asked for", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const sounds = new ChessSounds(storage);
    assert.equal(sounds.enabled, true, "on by default");
    assert.equal(sounds.toggle(), false);
    assert.equal(new ChessSounds(storage).enabled, false, "remembered");
    sounds.play("move"); // muted: no audio context is needed
    assert.equal(sounds.played, 1);
  });
});

describe("chess client: notices", () => {
  const rows: Array<[string, ChessSnapshot | null, ChessSnapshot, "white" | "black" | null, string | null]> = [
    ["my offer declined", snap({ moves: ["e4"], drawOfferBy: "white" }), snap({ moves: ["e4"] }), "white", "Your opponent declined the draw."],
    ["my offer declined by a move: the move says it", snap({ moves: ["e4"], drawOfferBy: "white" }), snap({ moves: ["e4", "e5"] }), "white", null],
    ["my offer accepted: the result says it", snap({ moves: ["e4"], drawOfferBy: "white" }), snap({ moves: ["e4"], status: "ended", result: "1/2-1/2" }), "white", null],
    ["the opponent's offer gone (I declined it)", snap({ drawOfferBy: "black" }), snap({}), "white", null],
    ["a spectator is not told", snap({ drawOfferBy: "white" }), snap({}), null, null],
    ["another game", snap({ drawOfferBy: "white" }), snap({ gameId: "g2" }), "white", null],
    ["my rematch offer declined", snap({ status: "ended", rematchOfferBy: "white" }), snap({ status: "ended" }), "white", "Your opponent declined the rematch."],
    ["the opponent withdrew theirs", snap({ status: "ended", rematchOfferBy: "black" }), snap({ status: "ended" }), "white", "Your opponent withdrew the rematch offer."],
    ["both asked: the rematch starts, no notice", snap({ status: "ended", rematchOfferBy: "white" }), snap({ status: "ended", nextGameId: "g2" }), "white", null],
  ];
  for (const [name, before, now, me, expected] of rows) {
    it(name, () => assert.equal(noticeFor(before, now, me), expected));
  }
  it("an offer I withdrew or declined myself is not news", () => {
    assert.equal(noticeFor(snap({ status: "ended", rematchOfferBy: "white" }), snap({ status: "ended" }), "white", true), null);
    assert.equal(noticeFor(snap({ status: "ended", rematchOfferBy: "black" }), snap({ status: "ended" }), "white", true), null);
  });
});

import assert from "node:assert/strict";
import {
  acceptDraw,
  claimDraw,
  claimableDraw,
  declineDraw,
  move,
  offerDraw,
} from "../../../shared/chess/index.js";
import { checkInvariants, newGame, play, rejection, unwrap } from "./helpers.js";

const SHUFFLE = ["Nf3", "Nf6", "Ng1", "Ng8"];

describe("chess draws: offers", () => {
  it("offer then accept ends the game by agreement", () => {
    const game = newGame();
    play(game, ["e4", "e5"]);
    assert.deepEqual(unwrap(offerDraw(game, "white", 0)).events, [{ type: "drawOffered", by: "white" }]);
    assert.equal(game.drawOfferBy, "white");
    assert.equal(rejection(acceptDraw(game, "white", 0)), "NO_DRAW_OFFER", "one cannot accept one's own offer");
    const out = unwrap(acceptDraw(game, "black", 0));
    assert.deepEqual(out.events, [{ type: "ended", result: "1/2-1/2", termination: "agreement", winner: null }]);
    checkInvariants(game);
  });

  it("offer then decline clears the offer", () => {
    const game = newGame();
    unwrap(offerDraw(game, "black", 0));
    assert.equal(rejection(declineDraw(game, "black", 0)), "NO_DRAW_OFFER");
    assert.deepEqual(unwrap(declineDraw(game, "white", 0)).events, [{ type: "drawDeclined", by: "white" }]);
    assert.equal(game.drawOfferBy, "");
    assert.equal(rejection(acceptDraw(game, "white", 0)), "NO_DRAW_OFFER", "a declined offer cannot be accepted");
  });

  it("the receiver moving declines the offer; the offerer moving does not", () => {
    const game = newGame();
    unwrap(offerDraw(game, "white", 0));
    play(game, ["e4"]);
    assert.equal(game.drawOfferBy, "white", "the offer stands through the offerer's own move");
    const out = play(game, ["e5"]);
    assert.deepEqual(out.events.slice(1), [{ type: "drawDeclined", by: "black" }]);
    assert.equal(game.drawOfferBy, "");
  });

  it("a declined offer cannot be renewed before a move is played (no pestering)", () => {
    const game = newGame();
    play(game, ["e4", "e5"]);
    unwrap(offerDraw(game, "white", 0));
    unwrap(declineDraw(game, "black", 0));
    assert.equal(rejection(offerDraw(game, "white", 0)), "DRAW_DECLINED");
    assert.equal(game.drawOfferBy, "", "nothing changed");
    unwrap(offerDraw(game, "black", 0)); // the decliner may still offer
    unwrap(declineDraw(game, "white", 0));
    play(game, ["Nf3"]);
    assert.deepEqual(unwrap(offerDraw(game, "white", 0)).events, [{ type: "drawOffered", by: "white" }], "after a move, again");
  });

  it("offering twice is a no-op; offering against a standing offer accepts it", () => {
    const game = newGame();
    unwrap(offerDraw(game, "white", 0));
    assert.deepEqual(unwrap(offerDraw(game, "white", 0)).events, []);
    const out = unwrap(offerDraw(game, "black", 0));
    assert.equal(out.events[0]?.type, "ended");
    assert.equal(game.termination, "agreement");
    assert.equal(rejection(offerDraw(game, "black", 0)), "GAME_OVER");
  });
});

describe("chess draws: claims", () => {
  it("threefold repetition (knight shuffle) is claimable by the side to move only", () => {
    const game = newGame();
    play(game, SHUFFLE); // start position twice
    assert.equal(rejection(claimDraw(game, "white", 0)), "DRAW_NOT_CLAIMABLE");
    play(game, SHUFFLE); // three times, White to move
    assert.equal(claimableDraw(game), "threefold");
    assert.equal(rejection(claimDraw(game, "black", 0)), "NOT_YOUR_TURN");
    const out = unwrap(claimDraw(game, "white", 0));
    assert.deepEqual(out.events, [{ type: "ended", result: "1/2-1/2", termination: "threefold", winner: null }]);
    checkInvariants(game);
  });

  it("the position after 1.Nf3 seen three times: Black, to move, claims", () => {
    const game = newGame();
    play(game, ["Nf3", ...SHUFFLE.slice(1), "Nf3", "Nf6", "Ng1", "Ng8", "Nf3"]);
    // the position after 1.Nf3 has now occurred three times, Black to move: Black may claim
    assert.equal(claimableDraw(game), "threefold");
    assert.equal(rejection(claimDraw(game, "white", 0)), "NOT_YOUR_TURN");
    unwrap(claimDraw(game, "black", 0));
  });

  it("regression: an en-passant square whose capture is illegal (pinned pawn) does not make a new position", () => {
    // White's e5 pawn is pinned by the e8 rook, so after ...d5 exd6 e.p. is illegal and the position
    // equals the same placement reached later without a double step (FIDE 9.2.3).
    const game = newGame({ fen: "4r2n/3p4/8/4P3/8/8/8/N3K2k b - - 0 1" });
    play(game, ["d5", "Nb3", "Ng6", "Na1", "Nh8", "Nb3", "Ng6", "Na1", "Nh8"]);
    assert.equal(game.chess.isThreefoldRepetition(), false, "chess.js's own hash counts only two");
    assert.equal(claimableDraw(game), "threefold");
    unwrap(claimDraw(game, "white", 0));
  });

  it("a legal en-passant capture does make a different position", () => {
    // the same, but nothing pins the e5 pawn: the first occurrence differs (exd6 was possible)
    const game = newGame({ fen: "7n/3p4/8/4P3/8/8/8/N3K2k b - - 0 1" });
    play(game, ["d5", "Nb3", "Ng6", "Na1", "Nh8", "Nb3", "Ng6", "Na1", "Nh8"]);
    assert.equal(claimableDraw(game), null);
    assert.equal(rejection(claimDraw(game, "white", 0)), "DRAW_NOT_CLAIMABLE");
  });

  const fiftyRows: Array<[string, string, string | null]> = [
    ["98 plies then a quiet move: 99, not yet", "6k1/5ppp/8/8/8/8/8/R5K1 w - - 98 80", null],
    ["99 plies then a quiet move: 100, claimable", "6k1/5ppp/8/8/8/8/8/R5K1 w - - 99 80", "fifty-move"],
  ];
  for (const [name, fen, expected] of fiftyRows) {
    it(`fifty-move rule: ${name}`, () => {
      const game = newGame({ fen });
      play(game, ["Ra2"]);
      assert.equal(claimableDraw(game), expected);
      const result = claimDraw(game, "black", 0);
      if (expected === null) assert.equal(rejection(result), "DRAW_NOT_CLAIMABLE");
      else assert.equal(unwrap(result).events[0]?.type, "ended");
    });
  }

  it("a pawn move resets the fifty-move count", () => {
    const game = newGame({ fen: "6k1/5ppp/8/8/8/8/8/R5K1 w - - 99 80" });
    play(game, ["Ra2", "h6"]);
    assert.equal(game.halfmoveClock, 0);
    unwrap(move(game, "white", { san: "Ra3" }, 0));
    assert.equal(rejection(claimDraw(game, "black", 0)), "DRAW_NOT_CLAIMABLE");
  });
});

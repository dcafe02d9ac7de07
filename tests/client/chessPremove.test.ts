/** Premoves in the chess client (pure parts: the gesture rules and the game model). */
import assert from "node:assert/strict";
import { Chess } from "chess.js";
import { MoveInput } from "../../client/scenes/chess/moveInput.js";
import { GameModel } from "../../client/scenes/chess/gameModel.js";
import { Position } from "../../client/scenes/chess/position.js";
import type { ChessSnapshot } from "../../client/scenes/chess/snapshot.js";

const after = (...sans: string[]): string => {
  const c = new Chess();
  for (const san of sans) c.move(san);
  return c.fen();
};

function snapshot(sans: string[], over: Partial<ChessSnapshot> = {}): ChessSnapshot {
  const player = (userId: string, color: "white" | "black") => ({
    key: userId, name: userId, userId, color, connected: true, rating: 1500, ratingDiff: 0, provisional: true, reconnectDeadline: 0,
  });
  return {
    gameId: "g", timeControl: "5+3", fen: after(...sans), moves: sans, lastMove: "", status: "playing", result: "", termination: "",
    players: [player("w", "white"), player("b", "black")], whiteMs: 300_000, blackMs: 300_000, clockRunning: "", clockSyncedAt: 0,
    drawOfferBy: "", rematchOfferBy: "", nextGameId: "", spectators: 0, claimable: false, ...over,
  };
}

describe("chess client: premoves", () => {
  describe("gestures (MoveInput)", () => {
    it("while the opponent is to move, selecting a piece offers its moves as if it were our turn", () => {
      const input = new MoveInput();
      input.setPosition(new Position(after("e4")), false, "white"); // black to move; we are white
      assert.equal(input.premoving, true);
      assert.equal(input.press("g1").action.kind, "select");
      assert.deepEqual(input.destinations().map((m) => m.to).sort(), ["e2", "f3", "h3"]);
      const { action } = input.press("f3");
      assert.deepEqual(action, { kind: "premove", intent: { from: "g1", to: "f3" } });
    });

    it("cannot select the opponent's pieces, and does nothing for a spectator", () => {
      const input = new MoveInput();
      input.setPosition(new Position(after("e4")), false, "white");
      assert.equal(input.press("g8").action.kind, "none");
      input.setPosition(new Position(after("e4")), false, null);
      assert.equal(input.press("g1").action.kind, "none");
    });

    it("a premove to the last rank promotes to a queen without asking", () => {
      const input = new MoveInput();
      input.setPosition(new Position("4k3/1P6/8/8/8/8/8/4K3 b - - 0 1"), false, "white");
      input.press("b7");
      assert.deepEqual(input.press("b8").action, { kind: "premove", intent: { from: "b7", to: "b8", promotion: "q" } });
    });

    it("on our turn the same gestures make real moves again", () => {
      const input = new MoveInput();
      input.setPosition(new Position(after("e4", "e5")), true, "white");
      assert.equal(input.premoving, false);
      input.press("g1");
      assert.deepEqual(input.press("f3").action, { kind: "move", intent: { from: "g1", to: "f3" } });
    });
  });

  describe("lifecycle (GameModel)", () => {
    it("is queued while the opponent is to move and played once the turn comes", () => {
      const m = new GameModel({ userId: "w", spectating: false });
      m.update(snapshot(["e4"]), 0);
      assert.equal(m.premoveColor(), "white");
      m.setPremove({ from: "g1", to: "f3" });
      assert.deepEqual(m.premove, ["g1", "f3"]);
      assert.equal(m.takePremove(), null, "not yet: black to move");
      m.update(snapshot(["e4", "e5"]), 10);
      assert.deepEqual(m.takePremove(), { from: "g1", to: "f3" });
      assert.equal(m.premove, null, "taken once");
      assert.deepEqual(m.propose({ from: "g1", to: "f3" }, 11), { from: "g1", to: "f3", ply: 2 });
    });

    it("is not offered on our own turn, to spectators, or after the game", () => {
      const me = new GameModel({ userId: "w", spectating: false });
      me.update(snapshot(["e4", "e5"]), 0);
      assert.equal(me.premoveColor(), null, "our turn: a real move");
      const watcher = new GameModel({ userId: "x", spectating: true });
      watcher.update(snapshot(["e4"]), 0);
      assert.equal(watcher.premoveColor(), null);
      me.update(snapshot(["e4"]), 1);
      me.setPremove({ from: "d2", to: "d4" });
      me.update(snapshot(["e4"], { status: "ended", result: "0-1", termination: "resignation" }), 2);
      assert.equal(me.premove, null, "dropped when the game ends");
    });

    it("can be queued right after our own move, before the server confirms it", () => {
      const m = new GameModel({ userId: "w", spectating: false });
      m.update(snapshot(["e4", "e5"]), 0);
      assert.ok(m.propose({ from: "g1", to: "f3" }, 1));
      assert.equal(m.premoveColor(), "white");
    });

    it("a premove the opponent's reply made illegal is proposed and refused locally (nothing sent)", () => {
      const m = new GameModel({ userId: "w", spectating: false });
      m.update(snapshot(["e4", "d5"]), 0);
      assert.ok(m.propose({ from: "e4", to: "d5" }, 1)); // exd5
      m.update(snapshot(["e4", "d5", "exd5"]), 2);
      m.setPremove({ from: "d5", to: "d6" }); // push on
      m.update(snapshot(["e4", "d5", "exd5", "Qxd5"]), 3); // the pawn is gone
      const intent = m.takePremove();
      assert.deepEqual(intent, { from: "d5", to: "d6" });
      assert.equal(m.propose(intent!, 4), null, "illegal now: the scene sends nothing");
    });
  });
});

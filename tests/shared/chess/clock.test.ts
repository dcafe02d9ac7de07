import assert from "node:assert/strict";
import {
  createClock,
  flagged,
  move,
  msUntilFlag,
  pressClock,
  remaining,
  resume,
  resumeClock,
  startClock,
  stopClock,
  type Clock,
} from "../../../shared/chess/index.js";
import { checkInvariants, newGame, play, tc, unwrap } from "./helpers.js";

const THREE_TWO = { initialMs: 180_000, incrementMs: 2_000 };

describe("chess clock (pure)", () => {
  it("starts stopped with the initial time for both sides", () => {
    const clock = createClock(THREE_TWO);
    assert.deepEqual(clock, { whiteMs: 180_000, blackMs: 180_000, incrementMs: 2_000, running: null, lastSwitchAt: null });
    assert.equal(remaining(clock, "white", 1e9), 180_000, "a stopped clock does not drain");
    assert.equal(flagged(clock, 1e9), null);
    assert.equal(msUntilFlag(clock, 1e9), null);
  });

  it("drains only the running side, and never below zero", () => {
    const clock = startClock(createClock(THREE_TWO), "white", 1_000);
    assert.equal(remaining(clock, "white", 6_000), 175_000);
    assert.equal(remaining(clock, "black", 6_000), 180_000);
    assert.equal(remaining(clock, "white", 500), 180_000, "a now before the switch costs nothing");
    assert.equal(remaining(clock, "white", 1_000_000), 0);
  });

  it("a press charges the mover, adds the increment and starts the opponent", () => {
    let clock: Clock = startClock(createClock(THREE_TWO), "white", 0);
    const pressed = pressClock(clock, 10_000);
    assert.equal(pressed.flagged, null);
    clock = pressed.clock;
    assert.deepEqual(clock, { whiteMs: 172_000, blackMs: 180_000, incrementMs: 2_000, running: "black", lastSwitchAt: 10_000 });
    clock = pressClock(clock, 13_000).clock;
    assert.equal(clock.blackMs, 179_000);
    assert.equal(clock.running, "white");
  });

  it("a press after the flag fell does not count", () => {
    const clock = startClock(createClock({ initialMs: 5_000, incrementMs: 2_000 }), "white", 0);
    const pressed = pressClock(clock, 5_000);
    assert.equal(pressed.flagged, "white", "exactly zero is a flag");
    assert.equal(pressed.clock.whiteMs, 0);
    assert.equal(pressed.clock.running, null);
  });

  it("pressing a stopped clock is a no-op", () => {
    const clock = createClock(THREE_TWO);
    assert.deepEqual(pressClock(clock, 5_000), { clock, flagged: null });
  });

  it("flags only the running side, and msUntilFlag counts down to it", () => {
    const clock = startClock(createClock({ initialMs: 60_000, incrementMs: 0 }), "black", 100);
    assert.equal(msUntilFlag(clock, 100), 60_000);
    assert.equal(msUntilFlag(clock, 30_100), 30_000);
    assert.equal(flagged(clock, 60_099), null);
    assert.equal(flagged(clock, 60_100), "black");
    assert.equal(msUntilFlag(clock, 90_000), 0);
  });

  it("stopClock charges the running side and stops", () => {
    const clock = stopClock(startClock(createClock(THREE_TWO), "black", 0), 4_000);
    assert.deepEqual(clock, { whiteMs: 180_000, blackMs: 176_000, incrementMs: 2_000, running: null, lastSwitchAt: null });
  });

  describe("restart allowance (resumeClock)", () => {
    const running = startClock(createClock(THREE_TWO), "white", 10_000); // white's turn began at 10 s
    const rows: Array<{ name: string; now: number; chargedUntil?: number; whiteMs: number }> = [
      { name: "without a heartbeat the running side pays nothing since its turn began", now: 500_000, whiteMs: 180_000 },
      { name: "with a heartbeat it pays up to the last sign of life only", now: 500_000, chargedUntil: 40_000, whiteMs: 150_000 },
      { name: "a heartbeat before the turn began charges nothing", now: 500_000, chargedUntil: 5_000, whiteMs: 180_000 },
      { name: "a heartbeat after now is capped at now", now: 20_000, chargedUntil: 90_000, whiteMs: 170_000 },
    ];
    for (const row of rows) {
      it(row.name, () => {
        const resumed = resumeClock(running, row.now, row.chargedUntil);
        assert.equal(resumed.whiteMs, row.whiteMs);
        assert.equal(resumed.running, "white");
        assert.equal(resumed.lastSwitchAt, row.now);
        assert.equal(remaining(resumed, "white", row.now + 1_000), row.whiteMs - 1_000, "drains again from now");
        assert.equal(resumed.blackMs, 180_000, "the waiting side is untouched");
      });
    }
    it("leaves a stopped clock alone", () => {
      const stopped = createClock(THREE_TWO);
      assert.equal(resumeClock(stopped, 99), stopped);
    });
  });
});

describe("chess clock in a game", () => {
  it("no clock runs before both sides have moved; then White's runs", () => {
    const game = newGame();
    play(game, ["e4"], 50_000);
    assert.equal(game.clock.running, null, "White's first move does not start anything");
    assert.deepEqual([game.clock.whiteMs, game.clock.blackMs], [180_000, 180_000]);
    play(game, ["e5"], 90_000); // Black thought 40 s: free
    assert.equal(game.clock.running, "white");
    assert.equal(game.clock.lastSwitchAt, 90_000);
    assert.deepEqual([game.clock.whiteMs, game.clock.blackMs], [180_000, 180_000], "first moves earn no increment either");
    assert.deepEqual(game.moveClocks, [180_000, 180_000]);
  });

  it("adds the increment on every press once running", () => {
    const game = newGame();
    play(game, ["e4", "e5"], 0);
    const out = play(game, ["Nf3"], 10_000); // white spent 10 s, gains 2 s
    assert.equal(game.clock.whiteMs, 172_000);
    assert.equal(game.clock.running, "black");
    const moved = out.events[0];
    assert.ok(moved && moved.type === "moved");
    assert.equal(moved.whiteMs, 172_000);
    assert.equal(moved.blackMs, 180_000);
    play(game, ["Nc6"], 15_000); // black spent 5 s
    assert.equal(game.clock.blackMs, 177_000);
    assert.deepEqual(game.moveClocks, [180_000, 180_000, 172_000, 177_000]);
  });

  it("a move after the mover's flag fell ends the game on time instead", () => {
    const game = newGame({ timeControl: tc("1+0") });
    play(game, ["e4", "e5"], 0);
    const out = unwrap(move(game, "white", { san: "Nf3" }, 60_000));
    assert.deepEqual(out.events, [{ type: "ended", result: "0-1", termination: "timeout", winner: "black" }]);
    assert.equal(game.moves.length, 2, "the move was not played");
    assert.equal(game.clock.whiteMs, 0);
    checkInvariants(game);
  });

  it("resume() after a replay gives the running side back the downtime", () => {
    const game = newGame();
    play(game, ["e4", "e5", "Nf3"], 0, 10_000); // black's clock starts at 20 s
    resume(game, 1_000_000);
    assert.equal(game.clock.running, "black");
    assert.equal(game.clock.lastSwitchAt, 1_000_000);
    assert.equal(game.clock.blackMs, 180_000);
    checkInvariants(game);
  });
});

import assert from "node:assert/strict";
import {
  expectedScore,
  INITIAL_RATING,
  isProvisional,
  LICHESS_GLICKO,
  PAPER_GLICKO,
  rateGame,
  updateRating,
  type Rating,
} from "../../../shared/chess/index.js";

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

describe("Glicko-2", () => {
  it("reproduces the worked example of Glickman's paper (tau 0.5)", () => {
    const player: Rating = { rating: 1500, rd: 200, volatility: 0.06 };
    const next = updateRating(
      player,
      [
        { opponent: { rating: 1400, rd: 30, volatility: 0.06 }, score: 1 },
        { opponent: { rating: 1550, rd: 100, volatility: 0.06 }, score: 0 },
        { opponent: { rating: 1700, rd: 300, volatility: 0.06 }, score: 0 },
      ],
      PAPER_GLICKO,
    );
    near(next.rating, 1464.06, 0.01, "rating");
    near(next.rd, 151.52, 0.01, "RD");
    near(next.volatility, 0.05999, 0.00001, "volatility");
  });

  it("a period without games only widens the deviation", () => {
    const next = updateRating({ rating: 1500, rd: 200, volatility: 0.06 }, [], PAPER_GLICKO);
    assert.equal(next.rating, 1500);
    near(next.rd, 200.27, 0.01, "RD");
    assert.equal(next.volatility, 0.06);
    assert.equal(updateRating(INITIAL_RATING, []).rd, 500, "lichess caps RD at 500");
  });

  it("lichess bounds: RD never below 45, volatility at most 0.1", () => {
    const settled = updateRating({ rating: 2000, rd: 30, volatility: 0.06 }, [{ opponent: { rating: 2000, rd: 45, volatility: 0.06 }, score: 0.5 }]);
    assert.equal(settled.rd, LICHESS_GLICKO.minRd);
    let wild: Rating = { rating: 1500, rd: 300, volatility: 0.1 };
    for (let i = 0; i < 10; i++) wild = updateRating(wild, [{ opponent: { rating: 2500, rd: 50, volatility: 0.06 }, score: 1 }]);
    assert.ok(wild.volatility <= 0.1);
  });

  it("rates a game from both players' ratings before it", () => {
    const a: Rating = { rating: 1500, rd: 100, volatility: 0.06 };
    const won = rateGame(a, a, "1-0");
    near(won.white.rating - 1500, 1500 - won.black.rating, 1e-9, "zero-sum between equals");
    assert.ok(won.white.rating > 1500);
    const drawn = rateGame(a, a, "1/2-1/2");
    near(drawn.white.rating, 1500, 1e-9, "a draw between equals moves nothing");
    assert.ok(drawn.white.rd < 100, "but it teaches something");
    assert.deepEqual(rateGame(a, INITIAL_RATING, ""), { white: a, black: INITIAL_RATING }, "aborted: unchanged");
    const even = rateGame({ rating: 1500, rd: 60, volatility: 0.06 }, { rating: 1500, rd: 60, volatility: 0.06 }, "1-0");
    const upset = rateGame({ rating: 1200, rd: 60, volatility: 0.06 }, { rating: 1800, rd: 60, volatility: 0.06 }, "1-0");
    assert.ok(upset.white.rating - 1200 > even.white.rating - 1500, "an upset pays more");
  });

  it("expected score and provisional ratings", () => {
    near(expectedScore(INITIAL_RATING, INITIAL_RATING), 0.5, 1e-12, "equal");
    assert.ok(expectedScore({ rating: 1900, rd: 50, volatility: 0.06 }, { rating: 1500, rd: 50, volatility: 0.06 }) > 0.9);
    assert.equal(isProvisional(INITIAL_RATING), true);
    assert.equal(isProvisional({ rating: 1500, rd: 80, volatility: 0.06 }), false);
  });
});

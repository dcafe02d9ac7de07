/** The lobby's chess standings lines (client/scenes/lobby/chessRecord.ts), from the API's shapes. */
import assert from "node:assert/strict";
import { mostPlayedCategory, ratingLines, recentGameLines, type GameSummary } from "../../client/scenes/lobby/chessRecord.js";

const game = (over: Partial<GameSummary> & { gameId: string }): GameSummary => ({
  timeControl: "5+3", category: "blitz", status: "ended", result: "1-0", termination: "checkmate",
  white: { userId: "me", name: "Ann", rating: 1500, ratingDiff: 12 },
  black: { userId: "bob", name: "Bob", rating: 1500, ratingDiff: -12 },
  endedAt: 1,
  ...over,
});

describe("chess client: lobby standings", () => {
  it("says each game from the player's side of the board, with the rating change", () => {
    const lines = recentGameLines("me", [
      game({ gameId: "a" }),
      game({ gameId: "b", result: "1-0", termination: "resignation", white: { userId: "bob", name: "Bob", rating: 1500, ratingDiff: 9 }, black: { userId: "me", name: "Ann", rating: 1500, ratingDiff: -9 } }),
      game({ gameId: "c", result: "1/2-1/2", termination: "agreement", white: { userId: "me", name: "Ann", rating: 1500, ratingDiff: 0 } }),
      game({ gameId: "d", result: "", termination: "aborted", white: { userId: "me", name: "Ann", rating: 1500, ratingDiff: null } }),
      game({ gameId: "e", status: "playing", result: "", termination: "", timeControl: "3+2" }),
    ]);
    assert.deepEqual(
      lines.map((l) => [l.gameId, l.outcome, l.text, l.detail, l.ratingDiff]),
      [
        ["a", "won", "Won as white vs Bob", "5+3 · by checkmate", "+12"],
        ["b", "lost", "Lost as black vs Bob", "5+3 · by resignation", "−9"],
        ["c", "drawn", "Drawn as white vs Bob", "5+3 · by agreement", "±0"],
        ["d", "aborted", "Aborted as white vs Bob", "5+3", ""],
        ["e", "playing", "Playing as white vs Bob", "3+2", ""],
      ],
    );
  });

  it("a time loss reads 'by time'; games of other players and past the limit are left out", () => {
    const lines = recentGameLines("me", [
      game({ gameId: "x", white: { userId: "zed", name: "Zed", rating: 1500, ratingDiff: 1 } }), // not mine
      game({ gameId: "t", result: "0-1", termination: "timeout" }),
      game({ gameId: "u" }),
      game({ gameId: "v" }),
    ], 2);
    assert.deepEqual(lines.map((l) => [l.gameId, l.text, l.detail]), [["t", "Lost as white vs Bob", "5+3 · by time"], ["u", "Won as white vs Bob", "5+3 · by checkmate"]]);
  });

  it("rating lines: played categories only, in speed order, provisional with a ?", () => {
    const lines = ratingLines({
      rapid: { rating: 1612.4, rd: 80, provisional: false, games: 30, wins: 20, losses: 9, draws: 1 },
      blitz: { rating: 1523, rd: 200, provisional: true, games: 1, wins: 1, losses: 0, draws: 0 },
      bullet: { rating: 1500, rd: 350, provisional: true, games: 0, wins: 0, losses: 0, draws: 0 },
    });
    assert.deepEqual(lines, [
      { category: "blitz", rating: "1523?", record: "1 game: 1 won" },
      { category: "rapid", rating: "1612", record: "30 games: 20 won, 9 lost, 1 drawn" },
    ]);
  });

  it("the leaderboard opens on the category played most (the faster on a tie), none for a newcomer", () => {
    const r = (games: number) => ({ rating: 1500, rd: 100, provisional: false, games, wins: 0, losses: 0, draws: 0 });
    assert.equal(mostPlayedCategory({ blitz: r(3), rapid: r(5) }), "rapid");
    assert.equal(mostPlayedCategory({ bullet: r(4), blitz: r(4) }), "bullet");
    assert.equal(mostPlayedCategory({ blitz: r(0) }), null);
    assert.equal(mostPlayedCategory({}), null);
  });
});

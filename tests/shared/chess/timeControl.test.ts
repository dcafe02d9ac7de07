import assert from "node:assert/strict";
import { categoryOf, parseTimeControl, pgnTimeControl, TIME_CONTROLS } from "../../../shared/chess/index.js";
import { rejection, unwrap } from "./helpers.js";

describe("chess time controls", () => {
  const offered = [
    { text: "1+0", initialMs: 60_000, incrementMs: 0, category: "bullet", pgn: "60+0" },
    { text: "3+2", initialMs: 180_000, incrementMs: 2_000, category: "blitz", pgn: "180+2" },
    { text: "5+3", initialMs: 300_000, incrementMs: 3_000, category: "blitz", pgn: "300+3" },
    { text: "10+0", initialMs: 600_000, incrementMs: 0, category: "rapid", pgn: "600+0" },
    { text: "15+10", initialMs: 900_000, incrementMs: 10_000, category: "rapid", pgn: "900+10" },
  ];
  for (const row of offered) {
    it(`parses ${row.text} as ${row.category}`, () => {
      const tc = unwrap(parseTimeControl(row.text));
      assert.deepEqual(tc, { initialMs: row.initialMs, incrementMs: row.incrementMs, label: row.text, category: row.category });
      assert.equal(pgnTimeControl(tc), row.pgn);
    });
  }

  it("offers exactly the listed controls", () => {
    assert.deepEqual([...TIME_CONTROLS], offered.map((r) => r.text));
  });

  const refused: unknown[] = ["2+1", "3+0", "3 + 2", "3+", "+2", "three+two", "", "-3+2", "3+2+1", "1000+0", 3, null, undefined, { m: 3 }];
  for (const text of refused) {
    it(`refuses ${JSON.stringify(text)} with INVALID_OPTIONS listing the offered ones`, () => {
      const result = parseTimeControl(text);
      assert.equal(rejection(result), "INVALID_OPTIONS");
      assert.ok(!result.ok && result.error.message.includes("1+0, 3+2, 5+3, 10+0, 15+10"));
    });
  }

  it("categorises by lichess's estimated duration (initial + 40 × increment)", () => {
    const rows: Array<[number, number, string]> = [
      [15_000, 0, "ultraBullet"],
      [120_000, 1_000, "bullet"], // 160 s
      [180_000, 0, "blitz"], // 180 s: the bullet bound is exclusive
      [420_000, 0, "blitz"],
      [480_000, 0, "rapid"],
      [1_200_000, 7_000, "rapid"], // 1200 + 280 = 1480 s
      [1_500_000, 0, "classical"],
    ];
    for (const [initialMs, incrementMs, category] of rows) assert.equal(categoryOf(initialMs, incrementMs), category, `${initialMs}+${incrementMs}`);
  });
});

/** server/platform/env.ts: the room kinds' numeric settings and switches from the environment. */
import assert from "node:assert/strict";
import { ConfigError } from "../../server/config.js";
import { boolFromEnv, numberFromEnv } from "../../server/platform/env.js";

describe("settings from the environment", () => {
  const NAME = "STATECRAFT_TEST_SETTING";
  afterEach(() => delete process.env[NAME]);

  it("unset or empty gives the default; a number in range is taken", () => {
    assert.equal(numberFromEnv(NAME, 7, { min: 1 }), 7);
    process.env[NAME] = "";
    assert.equal(numberFromEnv(NAME, 7, { min: 1 }), 7);
    process.env[NAME] = "2.5";
    assert.equal(numberFromEnv(NAME, 7, { min: 1, max: 3 }), 2.5);
  });

  it("anything else is refused with a message naming the variable", () => {
    for (const [raw, range, message] of [
      ["abc", { min: 1 }, /STATECRAFT_TEST_SETTING must be a number ≥ 1 \(got "abc"\)/],
      ["0", { min: 1 }, /≥ 1/],
      ["9", { min: 1, max: 3 }, /in 1\.\.3/],
      ["2.5", { min: 1, integer: true }, /must be an integer ≥ 1/],
      ["1e400", { min: 1 }, /must be a number/],
    ] as const) {
      process.env[NAME] = raw;
      assert.throws(() => numberFromEnv(NAME, 7, range), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    }
  });

  it("switches: 1/true/yes/on and 0/false/no/off in any case, unset or empty gives the default, anything else is refused", () => {
    assert.equal(boolFromEnv(NAME, true), true);
    process.env[NAME] = " ";
    assert.equal(boolFromEnv(NAME, false), false);
    for (const on of ["1", "true", "YES", "On"]) {
      process.env[NAME] = on;
      assert.equal(boolFromEnv(NAME, false), true, on);
    }
    for (const off of ["0", "False", "no", "OFF"]) {
      process.env[NAME] = off;
      assert.equal(boolFromEnv(NAME, true), false, off);
    }
    for (const bad of ["2", "maybe", "enabled"]) {
      process.env[NAME] = bad;
      assert.throws(() => boolFromEnv(NAME, true), (e: unknown) => e instanceof ConfigError && /STATECRAFT_TEST_SETTING must be one of 1, true, yes, on, 0, false, no, off/.test(e.message));
    }
  });
});

import assert from "node:assert/strict";
import { InputQueue, sanitizeInput, ShooterInputMessage } from "../../../shared/shooter/index.js";
import { input } from "./helpers.js";

describe("shooter inputs: refused when malformed, clamped when out of range, bounded per tick", () => {
  const good = { seq: 1, mx: 0, my: 0, aim: 0, fire: false };
  const malformed: [string, unknown][] = [
    ["NaN axis", { ...good, mx: NaN }],
    ["infinite aim", { ...good, aim: Infinity }],
    ["string seq", { ...good, seq: "1" }],
    ["fractional seq", { ...good, seq: 1.5 }],
    ["missing fire", { seq: 1, mx: 0, my: 0, aim: 0 }],
    ["a position (clients never send one)", { ...good, x: 10, y: 10 }],
    ["not an object", 42],
  ];
  for (const [name, payload] of malformed) {
    it(`refuses ${name}`, () => assert.equal(ShooterInputMessage.safeParse(payload).success, false));
  }

  it("clamps a stick longer than 1 and wraps the aim", () => {
    const s = sanitizeInput({ ...good, mx: 50, my: 50, aim: 7 * Math.PI });
    assert.ok(Math.abs(Math.hypot(s.mx, s.my) - 1) < 1e-12);
    assert.ok(Math.abs(Math.abs(s.aim) - Math.PI) < 1e-9);
  });

  it("grants at most ticks + creditCap inputs however fast they arrive", () => {
    const q = new InputQueue({ capacity: 16, creditCap: 4, perTick: 4 });
    let seq = 0, simulated = 0;
    for (let tick = 0; tick < 100; tick++) {
      for (let k = 0; k < 5; k++) q.push(input(++seq));
      simulated += q.take().length;
    }
    assert.ok(simulated <= 100 + 4, `simulated ${simulated}`);
    assert.ok(q.dropped > 0);
  });

  it("drops replayed or reordered seqs", () => {
    const q = new InputQueue();
    assert.equal(q.push(input(5)), true);
    assert.equal(q.push(input(5)), false);
    assert.equal(q.push(input(3)), false);
  });
});

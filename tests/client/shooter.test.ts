/** The shooter client's pure parts: prediction + reconciliation replays the server's rule; interpolation. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Predictor } from "../../client/scenes/shooter/prediction.js";
import { Interpolator } from "../../client/scenes/shooter/interpolation.js";
import { stepMove } from "../../shared/shooter/index.js";
import { OPEN, textMap } from "../shared/shooter/helpers.js";

const map = textMap(OPEN);
const DT = 1 / 64;

describe("client: shooter prediction and reconciliation", () => {
  it("after any ack, the prediction equals the server's position replayed with the unacknowledged inputs (property)", () => {
    const axis = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(axis, axis), { minLength: 1, maxLength: 80 }), fc.nat(), (moves, ackPick) => {
        const start = { x: 64, y: 64 };
        const client = new Predictor(map, start, DT);
        let server = { ...start };
        const inputs = moves.map(([mx, my], i) => ({ seq: i + 1, mx, my }));
        for (const i of inputs) client.apply(i, true);
        const predictedBefore = { ...client.predicted };
        const ack = ackPick % (inputs.length + 1);
        for (const i of inputs.slice(0, ack)) server = stepMove(server, i, map, DT); // what the server simulated
        const after = client.reconcile(server, ack, true);
        assert.deepEqual(after, predictedBefore, "no correction when the server ran the same inputs");
        assert.equal(client.lastCorrection, 0);
        assert.equal(client.unacknowledged, inputs.length - ack);
      }),
    );
  });

  it("a server correction moves the prediction (e.g. an input the server dropped)", () => {
    const c = new Predictor(map, { x: 64, y: 64 }, DT);
    for (let s = 1; s <= 10; s++) c.apply({ seq: s, mx: 1, my: 0 }, true);
    c.reconcile({ x: 64, y: 64 }, 10, true); // the server says: you did not move
    assert.deepEqual(c.predicted, { x: 64, y: 64 });
    assert.ok(c.lastCorrection > 30);
  });
});

describe("client: shooter interpolation", () => {
  it("draws remote players between the two snapshots around now − 100 ms", () => {
    const i = new Interpolator();
    i.push("b", { at: 1000, tick: 10, x: 0, y: 0, aim: 0, alive: true });
    i.push("b", { at: 1031, tick: 12, x: 7, y: 0, aim: 0, alive: true });
    const s = i.sample("b", 1115.5)!; // render time 1015.5: halfway
    assert.ok(Math.abs(s.x - 3.5) < 1e-9 && Math.abs(s.tick - 11) < 1e-9);
    assert.equal(i.sample("b", 2000)!.x, 7, "holds the newest when the buffer runs dry");
  });

  it("does not slide across the map on a respawn", () => {
    const i = new Interpolator();
    i.push("b", { at: 0, tick: 1, x: 0, y: 0, aim: 0, alive: false });
    i.push("b", { at: 30, tick: 3, x: 900, y: 0, aim: 0, alive: true });
    assert.ok([0, 900].includes(i.sample("b", 115)!.x));
  });
});

/** The shooter client's pure parts: prediction + reconciliation replays the server's rule; interpolation. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Predictor } from "../../client/scenes/shooter/prediction.js";
import { Interpolator } from "../../client/scenes/shooter/interpolation.js";
import { TwinSticks } from "../../client/scenes/shooter/touchSticks.js";
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

describe("client: shooter touch sticks", () => {
  const W = 800;
  it("left half moves: the drag from where the thumb landed, capped at length 1, nothing in the dead zone", () => {
    const s = new TwinSticks(50, 0.2);
    s.down({ id: 1, x: 100, y: 300 }, W);
    assert.deepEqual(s.movement(), { mx: 0, my: 0 });
    s.moved({ id: 1, x: 105, y: 300 }); // 0.1 of the radius: resting thumb
    assert.deepEqual(s.movement(), { mx: 0, my: 0 });
    s.moved({ id: 1, x: 125, y: 300 });
    assert.deepEqual(s.movement(), { mx: 0.5, my: 0 });
    s.moved({ id: 1, x: 400, y: 700 }); // far: full speed in that direction
    const m = s.movement();
    assert.ok(Math.abs(Math.hypot(m.mx, m.my) - 1) < 1e-9 && Math.abs(m.mx / m.my - 300 / 400) < 1e-9);
    assert.equal(s.consumeFire(), false, "moving is not firing");
    s.up(1);
    assert.deepEqual(s.movement(), { mx: 0, my: 0 });
    assert.equal(s.active, false);
  });

  it("right half aims at the finger and fires while held; a quick tap still fires once", () => {
    const s = new TwinSticks();
    s.down({ id: 7, x: 600, y: 200 }, W);
    assert.deepEqual(s.aimAt(), { x: 600, y: 200 });
    s.moved({ id: 7, x: 650, y: 250 });
    assert.deepEqual(s.aimAt(), { x: 650, y: 250 });
    assert.equal(s.consumeFire(), true);
    assert.equal(s.consumeFire(), true, "held: fires on");
    s.up(7);
    assert.equal(s.aimAt(), null);
    assert.equal(s.consumeFire(), false);
    s.down({ id: 8, x: 700, y: 100 }, W);
    s.up(8); // lifted before any input was built
    assert.equal(s.consumeFire(), true, "the tap is a shot");
    assert.equal(s.consumeFire(), false, "once");
  });

  it("both thumbs at once; a second finger on a half already in use is ignored until the first lifts", () => {
    const s = new TwinSticks(50, 0);
    s.down({ id: 1, x: 100, y: 300 }, W);
    s.down({ id: 2, x: 600, y: 300 }, W);
    s.down({ id: 3, x: 150, y: 300 }, W); // another left finger
    s.moved({ id: 3, x: 300, y: 300 });
    assert.deepEqual(s.movement(), { mx: 0, my: 0 }, "the third finger does not steer");
    s.moved({ id: 1, x: 100, y: 250 });
    assert.deepEqual(s.movement(), { mx: 0, my: -1 });
    assert.deepEqual(s.aimAt(), { x: 600, y: 300 });
    assert.deepEqual(s.stick(), { x0: 100, y0: 300, x: 100, y: 250, radius: 50 });
  });
});

/** The metrics registry's series keys (server/platform/metrics.ts). */
import assert from "node:assert/strict";
import { Metrics } from "../../server/platform/metrics.js";

describe("metrics: counter series", () => {
  it("one series per label set, whatever order the labels are given in", () => {
    const m = new Metrics();
    const c = m.counter("statecraft_test_total", "test");
    c.inc({ kind: "chess", type: "move" });
    c.inc({ type: "move", kind: "chess" }, 2);
    c.inc({ kind: "chess", type: "resign" });
    c.inc();
    assert.equal(m.value("statecraft_test_total", { type: "move", kind: "chess" }), 3);
    assert.equal(m.value("statecraft_test_total", { kind: "chess", type: "resign" }), 1);
    assert.equal(m.value("statecraft_test_total"), 1);
    const text = m.render();
    assert.equal(text.match(/statecraft_test_total\{/g)?.length, 2, "two labelled series, not three");
  });

  it("a bound series counts into the same series as inc with its labels, and shows from the start", () => {
    const m = new Metrics();
    const c = m.counter("statecraft_test_total", "test");
    const labels = { type: "input", kind: "shooter" };
    const bound = c.series(labels);
    labels.kind = "changed after binding"; // the series keeps the labels it was bound with
    assert.match(m.render(), /statecraft_test_total\{type="input",kind="shooter"\} 0/);
    bound.inc();
    bound.inc(4);
    c.inc({ kind: "shooter", type: "input" });
    assert.equal(m.value("statecraft_test_total", { kind: "shooter", type: "input" }), 6);
  });
});

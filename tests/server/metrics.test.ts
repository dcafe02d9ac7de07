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
});

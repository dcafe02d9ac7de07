/** server/platform/http.ts HttpError: an expected refusal, cheap to make (no stack trace captured). */
import assert from "node:assert/strict";
import { HttpError } from "../../server/platform/http.js";

describe("HttpError", () => {
  it("carries status, code, message, details and headers", () => {
    const e = new HttpError(429, "RATE_LIMITED", "slow down", { retryAfter: 1 }, { "Retry-After": "1" });
    assert.ok(e instanceof Error && e instanceof HttpError);
    assert.deepEqual([e.status, e.code, e.message, e.details, e.headers], [429, "RATE_LIMITED", "slow down", { retryAfter: 1 }, { "Retry-After": "1" }]);
    assert.deepEqual(new HttpError(404, "NOT_FOUND", "no").headers, {});
  });

  it("captures no stack frames, and leaves other errors' stack traces as they were", () => {
    const before = Error.stackTraceLimit;
    const e = new HttpError(400, "VALIDATION_FAILED", "bad");
    assert.doesNotMatch(e.stack ?? "", /\n\s+at /);
    assert.equal(Error.stackTraceLimit, before);
    assert.match(new Error("other").stack ?? "", /\n\s+at /);
  });
});

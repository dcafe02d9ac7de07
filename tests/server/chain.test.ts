/** chain(): several middlewares in one router layer (server/platform/http.ts). */
import assert from "node:assert/strict";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { chain } from "../../server/platform/http.js";

const run = (h: RequestHandler) =>
  new Promise<{ calls: string[]; err: unknown }>((resolve) => {
    const calls: string[] = [];
    const req = { calls } as unknown as Request;
    h(req, {} as Response, ((err?: unknown) => resolve({ calls, err })) as NextFunction);
  });
const mark = (name: string): RequestHandler => (req, _res, next) => {
  (req as unknown as { calls: string[] }).calls.push(name);
  next();
};

describe("chain(): middlewares in one layer", () => {
  it("runs them in order, through asynchronous next calls, then calls next once", async () => {
    const later: RequestHandler = (req, _res, next) => void setTimeout(() => ((req as unknown as { calls: string[] }).calls.push("later"), next()), 5);
    const { calls, err } = await run(chain(mark("a"), later, mark("b")));
    assert.deepEqual(calls, ["a", "later", "b"]);
    assert.equal(err, undefined);
  });

  it("stops at an error passed to next, or thrown, and hands it on", async () => {
    const boom = new Error("boom");
    const passes: RequestHandler = (_req, _res, next) => next(boom);
    const throws: RequestHandler = () => {
      throw boom;
    };
    for (const bad of [passes, throws]) {
      const { calls, err } = await run(chain(mark("a"), bad, mark("never")));
      assert.deepEqual(calls, ["a"]);
      assert.equal(err, boom);
    }
  });

  it("does not call next when a middleware answers (never calls next)", async () => {
    let nexts = 0;
    const answers: RequestHandler = () => {};
    chain(mark("a"), answers, mark("never"))({ calls: [] } as unknown as Request, {} as Response, () => nexts++);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(nexts, 0);
  });
});

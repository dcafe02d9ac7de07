/**
 * The browser's Connection holds what a room sends before the scene registers its handlers
 * (client/net/earlyMessages.ts), against the real server and SDK: the plaza sends `welcome` and
 * `snapshot` at the join, before any handler can exist.
 */
import assert from "node:assert/strict";
import { Connection } from "../../client/net/connection.js";
import type { StartedApp } from "../../server/app.js";
import { signIn, testServer, waitFor } from "../helpers/testServer.js";

describe("client: messages sent before the handlers exist", function () {
  this.timeout(20_000);
  let app: StartedApp;
  const warnings: string[] = [];
  const warn = console.warn;

  before(async () => {
    app = await testServer();
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(" "));
    };
  });
  after(() => {
    console.warn = warn;
  });

  async function joinPlaza(name: string) {
    const connection = new Connection(app.url, { enabled: false, maxRetries: 0, minDelay: 0, maxDelay: 0 });
    connection.setToken((await signIn(app.url, name)).token);
    const joined = await connection.create("plaza", {}); // a room of its own: its snapshot is empty
    assert.ok(joined.ok, "joined");
    return { connection, room: joined.value };
  }

  it("delivers them, in order, to the handlers registered before release — and warns about nothing", async () => {
    warnings.length = 0;
    const { connection, room } = await joinPlaza("Early");
    await new Promise((r) => setTimeout(r, 300)); // the scene is still loading; welcome and snapshot arrive now
    const got: string[] = [];
    room.onMessage("welcome", (w: { name: string }) => got.push(`welcome:${w.name}`));
    room.onMessage("snapshot", (cards: unknown[]) => got.push(`snapshot:${cards.length}`));
    assert.deepEqual(got, [], "nothing is delivered before release");
    connection.release(room);
    assert.deepEqual(got, ["welcome:Early", "snapshot:0"]);
    connection.release(room); // idempotent
    assert.equal(got.length, 2);
    assert.deepEqual(warnings.filter((w) => w.includes("not registered")), []);
    await room.leave(true);
  });

  it("after release, a type nobody handles gets the SDK's warning again (nothing is swallowed)", async () => {
    warnings.length = 0;
    const { connection, room } = await joinPlaza("Late");
    await new Promise((r) => setTimeout(r, 300));
    connection.release(room); // no handlers registered: the held welcome and snapshot are unhandled
    await waitFor(() => warnings.filter((w) => w.includes("not registered")).length >= 2, 2000);
    assert.ok(warnings.some((w) => w.includes("'welcome'")));
    assert.ok(warnings.some((w) => w.includes("'snapshot'")));
    await room.leave(true);
  });
});

/**
 * The page's Connection against a real server (Node, the same SDK as the browser): a scene's own
 * error handling comes before the toast listeners, and what it takes goes no further.
 */
import assert from "node:assert/strict";
import type { StartedApp } from "../../server/app.js";
import { Connection, type RoomErrorEvent } from "../../client/net/connection.js";
import { signIn, testServer, waitFor } from "../helpers/testServer.js";

describe("client: Connection errors", function () {
  this.timeout(10_000);
  let app: StartedApp;
  before(async () => {
    app = await testServer();
  });

  it("a room's handleErrors handler sees every error first; those it takes are not passed to onRoomError", async () => {
    const connection = new Connection(app.url, { enabled: false, maxRetries: 0, minDelay: 0, maxDelay: 0 });
    connection.setToken((await signIn(app.url, "Toasty")).token);
    const joined = await connection.create("echo");
    assert.ok(joined.ok);
    const room = joined.value;
    const toasted: RoomErrorEvent[] = [];
    connection.onRoomError((e) => toasted.push(e));
    const seen: string[] = [];
    connection.handleErrors(room, (e) => (seen.push(e.code), e.code === "UNKNOWN_MESSAGE"));
    room.send("teleport", {}); // UNKNOWN_MESSAGE: taken by the handler
    room.send("say", { text: 5 }); // VALIDATION_FAILED: not taken, toasted
    await waitFor(() => seen.length === 2, 5000, "both errors reach the handler");
    await waitFor(() => toasted.length === 1, 5000, "one toast");
    assert.deepEqual(seen, ["UNKNOWN_MESSAGE", "VALIDATION_FAILED"]);
    assert.equal(toasted[0]!.error.code, "VALIDATION_FAILED");
    await room.leave();
  });
});

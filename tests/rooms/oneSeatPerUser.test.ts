/**
 * One seat per user in the rooms where a user is a body in the world (shooter, plaza): a second
 * connection with the same token (a second tab, another device) takes the seat over — the older
 * connection is closed with 4000 — instead of adding a second player or avatar. Real SDK clients.
 */
import assert from "node:assert/strict";
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "@colyseus/sdk";
import type { StartedApp } from "../../server/app.js";
import { sdkClient, testServer, waitFor } from "../helpers/testServer.js";

describe("one seat per user (shooter, plaza)", function () {
  this.timeout(20_000);
  let app: StartedApp;
  let rooms: Room<any>[] = [];
  before(async () => {
    app = await testServer();
  });
  afterEach(async () => {
    for (const r of rooms) await r.leave().catch(() => undefined);
    rooms = [];
    await new Promise((r) => setTimeout(r, 150)); // the room disposes before the next test
  });

  /** Joins `kind` twice with one user's token; returns both rooms and the first one's close code. */
  async function twice(kind: string, options: Record<string, unknown>) {
    const other = await sdkClient(app.url, "Other");
    const bystander = await other.client.joinOrCreate<any>(kind, options);
    const { client, guest } = await sdkClient(app.url, "Twin");
    const first = await client.joinOrCreate<any>(kind, options);
    first.reconnection.enabled = false;
    const closed = new Promise<[number, string | undefined]>((resolve) => first.onLeave((code: number, reason?: string) => resolve([code, reason])));
    const again = new Client(app.url);
    again.auth.token = guest.token;
    const second = await again.joinOrCreate<any>(kind, options);
    rooms.push(bystander, second);
    assert.equal(second.roomId, first.roomId, "the same room");
    assert.deepEqual(await closed, [4000, "this seat was taken over by a newer connection"], "the documented code and reason");
    return { live: matchMaker.getLocalRoomById(second.roomId) as any, userId: guest.user.id, second };
  }

  it("shooter: the second connection plays, the first is closed; one scoreboard row", async () => {
    const { live, userId, second } = await twice("shooter", {});
    await waitFor(() => [...live.members.values()].filter((m: { userId: string }) => m.userId === userId).length === 1, 3000, "one member for the user");
    await waitFor(() => second.state.scores?.size === 2, 3000, "two scoreboard rows (the bystander and the twin)");
  });

  it("plaza: the second connection has the avatar, the first is closed; one avatar", async () => {
    const { live, userId } = await twice("plaza", {});
    await waitFor(() => [...live.people.values()].filter((p: { userId: string }) => p.userId === userId).length === 1, 3000, "one avatar for the user");
    assert.equal(live.people.size, 2);
  });
});

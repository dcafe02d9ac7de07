/** The browser client's pure parts: the lobby feed reducer, join-error normalization, session parsing. */
import assert from "node:assert/strict";
import { applyLobbyMessage, type OpenRoom } from "../../client/net/lobbyFeed.js";
import { normalizeJoinError } from "../../client/net/errors.js";
import { parseSession } from "../../client/net/session.js";
import { parseRoomLink, roomLinkHash, roomLinkUrl } from "../../client/net/roomLink.js";
import { parseRoomKinds } from "../../client/scenes/lobby/roomKinds.js";

describe("client: lobby feed", () => {
  const a = { roomId: "A", name: "chess", clients: 1, maxClients: 202, metadata: { timeControl: "3+2" } };
  it("starts from the 'rooms' list, applies '+' (add and update) and '-'", () => {
    let rooms: Map<string, OpenRoom> = applyLobbyMessage(new Map(), { type: "rooms", payload: [a, { roomId: 7 }] });
    assert.deepEqual([...rooms.keys()], ["A"], "malformed entries are ignored");
    rooms = applyLobbyMessage(rooms, { type: "+", payload: ["B", { name: "chess", clients: 1, maxClients: 202 }] });
    rooms = applyLobbyMessage(rooms, { type: "+", payload: ["A", { ...a, clients: 2 }] });
    assert.equal(rooms.get("A")?.clients, 2);
    assert.equal(rooms.size, 2);
    const before = rooms;
    rooms = applyLobbyMessage(rooms, { type: "-", payload: "A" });
    assert.deepEqual([...rooms.keys()], ["B"]);
    assert.equal(before.size, 2, "pure: the previous map is unchanged");
  });
});

describe("client: join errors", () => {
  const rows: Array<[string, unknown, string]> = [
    ["the server's CODE: message form", Object.assign(new Error("INVALID_OPTIONS: timeControl: bad"), { code: 526 }), "INVALID_OPTIONS"],
    ["auth failure", Object.assign(new Error("INVALID_TOKEN: bad signature"), { code: 525 }), "INVALID_TOKEN"],
    ["a locked or missing room", Object.assign(new Error('room "x" not found'), { code: 522 }), "ROOM_UNAVAILABLE"],
    ["a rejection value", { code: "GAME_FULL", message: "both seats are taken" }, "GAME_FULL"],
  ];
  for (const [label, error, code] of rows) {
    it(`maps ${label} to ${code}`, () => {
      const r = normalizeJoinError(error);
      assert.equal(r.code, code);
      assert.equal(typeof r.message, "string");
      assert.ok(r.message.length > 0);
    });
  }
});

describe("client: stored session and room kinds", () => {
  it("accepts only a well-formed stored session", () => {
    assert.deepEqual(parseSession({ token: "t", user: { id: "u", name: "Ann" } }), { token: "t", user: { id: "u", name: "Ann" } });
    assert.equal(parseSession({ token: "", user: { id: "u", name: "Ann" } }), null);
    assert.equal(parseSession({ token: "t", user: { name: "Ann" } }), null);
    assert.equal(parseSession("t"), null);
  });

  it("parses /api/rooms defensively", () => {
    const kinds = parseRoomKinds([
      { name: "chess", title: "Chess", maxClients: 202, seats: 2, messages: ["move"], placement: [{ slice: "moves", where: "database", onKill: "kept" }], badge: "room" },
      { title: "no name" },
    ]);
    assert.equal(JSON.stringify(kinds).includes("no name"), false);
    assert.match(JSON.stringify(kinds), /"seats":2/);
  });
});

describe("client: room links", () => {
  it("round-trips join and watch links, and ignores anything else", () => {
    assert.deepEqual(parseRoomLink(roomLinkHash({ roomId: "aB3_x-9Qz", watch: false })), { roomId: "aB3_x-9Qz", watch: false });
    assert.deepEqual(parseRoomLink("#/watch/g1"), { roomId: "g1", watch: true });
    assert.deepEqual(parseRoomLink("#/join/g1/"), { roomId: "g1", watch: false });
    assert.equal(roomLinkUrl("http://192.168.1.20:2567", { roomId: "g1", watch: false }), "http://192.168.1.20:2567/#/join/g1");
    for (const bad of ["", "#", "#/join/", "#/play/g1", "#/join/a b", "#/join/%E0%A4%A", "#/join/<script>", `#/join/${"x".repeat(65)}`]) {
      assert.equal(parseRoomLink(bad), null, bad);
    }
    // a mangled page part still names the room (its first page)
    for (const page of ["#/join/g1/a b", "#/join/g1/<x>", "#/join/g1//x", "#/join/g1/a/b/c/d/e", `#/join/g1/product/${"p".repeat(65)}`]) {
      assert.deepEqual(parseRoomLink(page), { roomId: "g1", watch: false }, page);
    }
  });

  it("carries a page inside the room after its id (the store's product, cart)", () => {
    assert.deepEqual(parseRoomLink("#/join/s1/product/p-001"), { roomId: "s1", watch: false, view: "product/p-001" });
    assert.deepEqual(parseRoomLink("#/join/s1/cart/"), { roomId: "s1", watch: false, view: "cart" });
    assert.equal(roomLinkHash({ roomId: "s1", watch: false, view: "orders" }), "#/join/s1/orders");
    assert.deepEqual(parseRoomLink(roomLinkHash({ roomId: "s1", watch: false, view: "product/x_1" })), { roomId: "s1", watch: false, view: "product/x_1" });
  });
});

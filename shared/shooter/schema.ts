/**
 * The shooter room's synchronized state. Field names are a public contract (docs/protocol.md).
 * Sizes are chosen for bandwidth: positions are integers in 1/8 px (uint16), aim in milliradians
 * (int16). `players` and `selves` are `@view()` maps: each client's StateView holds the players
 * in its view (interest management) and only its own `selves` entry (ack, ammo).
 */
import { MapSchema, Schema, type, view } from "@colyseus/schema";

export class ShooterPlayer extends Schema {
  @type("string") id = ""; // sessionId
  @type("uint16") x8 = 0; // x · 8 (px)
  @type("uint16") y8 = 0;
  @type("int16") aim = 0; // milliradians
  @type("uint8") hp = 100;
  @type("boolean") alive = false;
  @type("boolean") shielded = false; // spawn protection
  @type("string") weapon = "";
}

/** Scoreboard row: public, for every player in the room (in view or not). */
export class ShooterScore extends Schema {
  @type("string") name = "";
  @type("uint16") kills = 0;
  @type("uint16") deaths = 0;
}

/** The owner's private row. */
export class ShooterSelf extends Schema {
  @type("uint32") ack = 0; // last input seq simulated (authoritative mode)
  @type("uint8") ammo = 0;
  @type("boolean") reloading = false;
}

export class ShooterState extends Schema {
  @type("string") mode = "authoritative";
  @type("string") map = "";
  @type("uint8") tickHz = 64;
  @type("uint8") patchHz = 32;
  @type("uint32") tick = 0; // simulation tick of this patch
  @type("uint16") round = 1;
  @type("string") phase = "playing"; // playing | ended
  @type("uint32") roundEndTick = 0; // playing: time limit; ended: next round starts
  @type("string") winner = ""; // sessionId of the last round's winner
  @type("uint16") scoreLimit = 0;
  @view() @type({ map: ShooterPlayer }) players = new MapSchema<ShooterPlayer>(); // by sessionId; in view only
  @type({ map: ShooterScore }) scores = new MapSchema<ShooterScore>(); // by sessionId
  @view() @type({ map: ShooterSelf }) selves = new MapSchema<ShooterSelf>(); // by sessionId; owner only
}

/**
 * A tiny room kind of the tests' own (never shipped): proves the room model end to end — spec
 * registration, onAuth, join-option validation, payload validation, the rejection reply shape,
 * requests, and reconnection after a dropped socket.
 */
import { z } from "zod";
import { Schema, MapSchema, type } from "@colyseus/schema";
import type { Client } from "@colyseus/core";
import type { RoomSpec } from "../../shared/core/spec.js";
import { reject } from "../../shared/core/errors.js";
import { StatecraftRoom, type AuthData } from "../../server/rooms/StatecraftRoom.js";
import type { RoomKind } from "../../server/rooms/kind.js";

export class EchoMember extends Schema {
  @type("string") name = "";
  @type("string") color = "";
  @type("boolean") connected = true;
}

export class EchoState extends Schema {
  @type("number") total = 0;
  @type("string") lastText = "";
  @type({ map: EchoMember }) members = new MapSchema<EchoMember>();
}

export const echoSpec: RoomSpec = {
  name: "echo",
  title: "Echo (test)",
  maxClients: 4,
  joinOptions: z.object({ color: z.enum(["red", "blue"]).default("red") }).strict(),
  messages: {
    say: z.object({ text: z.string().min(1).max(100) }).strict(),
    add: z.object({ n: z.number().int().min(-1000).max(1000) }).strict(),
    boom: z.undefined().or(z.object({}).strict()),
  },
  placement: [{ slice: "total and members", where: "room", onKill: "lost: tests only" }],
};

type EchoOptions = { color: "red" | "blue" };

export class EchoRoom extends StatecraftRoom<{ state: EchoState }> {
  override onCreate(): void {
    this.setState(new EchoState());
    this.bindCommands({
      say: (_client, { text }: { text: string }) => {
        this.state.lastText = text;
      },
      add: (_client, { n }: { n: number }) => {
        if (this.state.total + n > 1000) return reject("TOTAL_TOO_LARGE", "the total may not exceed 1000");
        this.state.total += n;
        return { total: this.state.total };
      },
      boom: () => {
        throw new Error("boom (deliberate)");
      },
    });
  }

  override onJoin(client: Client<{ auth: AuthData<EchoOptions> }>): void {
    const m = new EchoMember();
    m.name = client.auth!.name;
    m.color = client.auth!.options.color;
    this.state.members.set(client.sessionId, m);
  }

  override async onDrop(client: Client): Promise<void> {
    const member = this.state.members.get(client.sessionId);
    if (member) member.connected = false;
    this.allowReconnection(client, 10);
  }

  override onReconnect(client: Client): void {
    const member = this.state.members.get(client.sessionId);
    if (member) member.connected = true;
  }

  override onLeave(client: Client): void {
    this.state.members.delete(client.sessionId);
  }
}

export const echoKind: RoomKind = { spec: echoSpec, room: EchoRoom };

/** A complete mod: `MODS=examples/mods/counter.ts npm start` (see docs/modding.md). */
import { z } from "zod";
import { Schema, type } from "@colyseus/schema";
import { StatecraftRoom } from "../../server/rooms/StatecraftRoom.js";
import { reject } from "../../shared/core/errors.js";
import type { RoomKind } from "../../server/rooms/kind.js";

class CounterState extends Schema { @type("number") value = 0; }

class CounterRoom extends StatecraftRoom<{ state: CounterState }> {
  override onCreate() {
    this.setState(new CounterState());
    this.bindCommands({
      add: (_client, { n }: { n: number }) =>
        this.state.value + n > 100 ? reject("TOO_BIG", "the counter stops at 100") : void (this.state.value += n),
    });
  }
}

export default {
  spec: {
    name: "counter", title: "Counter", maxClients: 8,
    messages: { add: z.object({ n: z.number().int().min(1).max(10) }).strict() },
    placement: [{ slice: "the value", where: "room", onKill: "lost" }],
  },
  room: CounterRoom,
} satisfies RoomKind;

/** Relay mode: not built yet (see the report); joining it is refused by the driver. */
import { reject } from "../../../shared/core/errors.js";
import type { ShooterMap } from "../../../shared/shooter/index.js";
import type { ModeDriver, ShooterClient, ShooterRoom } from "./ShooterRoom.js";

export class RelayMode implements ModeDriver {
  constructor(private readonly room: ShooterRoom, readonly map: ShooterMap) {}
  join(client: ShooterClient): void {
    client.leave(4000, "relay mode is not available yet");
  }
  leave(): void {}
  input(): unknown { return reject("WRONG_MODE", "relay mode"); }
  report(): unknown { return reject("WRONG_MODE", "relay mode"); }
  shoot(): unknown { return reject("WRONG_MODE", "relay mode"); }
  weapon(): unknown { return undefined; }
  dispose(): void { void this.room; }
}

/** The tests' EchoRoom as a mod module (MODS=tests/helpers/echoMod.ts), for multi-process tests. */
import { echoKind } from "./EchoRoom.js";

export default echoKind;

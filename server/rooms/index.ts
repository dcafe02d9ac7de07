/**
 * The built-in room kinds. A kind appears here only when it is built: the lobby lists exactly
 * these (plus mods), never placeholders.
 */
import type { RoomKind } from "./kind.js";
import { chessKind } from "./chess/index.js";
import { storeKind } from "./store/index.js";
import { pitKind } from "./pit/index.js";
import { shooterKind } from "./shooter/index.js";
import { plazaKind } from "./plaza/index.js";

export const builtinKinds: RoomKind[] = [chessKind, storeKind, pitKind, shooterKind, plazaKind];

/** The plaza's pure rules (issue #5): map, spatial grid, area of interest, proximity, movement checks. */
export { loadPlazaMap, isWalkable, privateAreaAt, type PlazaMap, type PlazaArea } from "./map.js";
export { SpatialGrid } from "./grid.js";
export { InterestRelay, type AvatarCard, type Delivery, type RelayOptions } from "./relay.js";
export { STATUSES, bubbleOf, canTalk, mayCall, takesCalls, takesChat, visibleToOthers, type PlazaStatus, type Presence } from "./proximity.js";
export { checkMove, newWalker, pathIsClear, type MoveRules, type Walker } from "./movement.js";
export { fullBucket, take, type Bucket, type RateRule } from "./rateLimit.js";
export { PLAZA_BUBBLE_CAP, PlazaCodes, MAX_SIGNAL_BYTES, type PlazaJoinOptions, type PlazaMoveMessage, type PlazaSignalMessage } from "./spec.js";
export { ConversationTracker } from "./conversations.js";
export { MOVED_ENTRY_BYTES, MAX_WIRE_COORD, SECTION_HEADER_BYTES, UpdateKind, decodeUpdate, encodeMovedSection, encodeUpdate, fitsMovedEntry, readUpdate, type DecodedUpdate, type UpdateHandlers, type WireCard } from "./wire.js";

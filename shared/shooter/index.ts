/** The shooter's pure rules, shared by the server room and the browser client. */
export * from "./map.js";
export * from "./weapons.js";
export * from "./assets.js";
export * from "./movement.js";
export * from "./hitscan.js";
export * from "./rewind.js";
export * from "./input.js";
export * from "./inputQueue.js";
export * from "./world.js";
export * from "./rules.js";
export * from "./events.js";
export * from "./sim.js";
export * from "./interest.js";

/** The store's pure parts: catalog shape, cart, search input, money, protocol, room spec. */
export * from "./money.js";
export * from "./catalog.js";
export * from "./cart.js";
export * from "./search.js";
export * from "./protocol.js";

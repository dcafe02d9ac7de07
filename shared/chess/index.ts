/**
 * The chess room's pure rules: time controls, clocks, the game state machine over chess.js, draws,
 * ratings, PGN and pairing. No I/O, no clock reads, no randomness of its own.
 */
export * from "./color.js";
export * from "./timeControl.js";
export * from "./clock.js";
export { hasMatingMaterial } from "./material.js";
export * from "./state.js";
export * from "./game.js";
export * from "./draws.js";
export * from "./glicko2.js";
export * from "./pgn.js";
export * from "./pairing.js";

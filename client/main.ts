/**
 * Entry point of the browser client (client/index.html loads it). Room kinds plug their scenes in
 * through client/scenes/index.ts; everything else is wired in app.ts.
 */
import { startClient } from "./app.js";

startClient();

/**
 * Mocha root hooks (loaded by .mocharc.json for every test process):
 * - Node 20 has no global WebSocket; the SDK's reconnection path needs one (STACK.md);
 * - quiet logs: tests print only warnings and errors.
 */
import { WebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "warn";

export const mochaHooks = {};

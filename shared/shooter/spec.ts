/**
 * The shooter room kind (issue #4): join options, messages and the placements of its two modes.
 * - `authoritative` (default): clients send inputs only; the server simulates at a fixed tick.
 * - `relay`: each client simulates its own player and reports position and shots; the server
 *   relays them to those in view, keeps no simulation, and checks what it can without one.
 * Message and field names are a public contract (docs/protocol.md, "shooter").
 */
import { z } from "zod";
import type { PlacementSlice, RoomSpec } from "../core/spec.js";
import { MAP_IDS, WEAPON_IDS } from "./assets.js";
import { isShooterInputMessage, ShooterInputMessage } from "./input.js";

export const SHOOTER_MODES = ["authoritative", "relay"] as const;
export type ShooterMode = (typeof SHOOTER_MODES)[number];

export const ShooterJoinOptions = z
  .object({
    mode: z.enum(SHOOTER_MODES).default("authoritative"),
    map: z.enum(MAP_IDS).optional(),
    weapon: z.enum(WEAPON_IDS).optional(),
  })
  .strict();
export type ShooterJoinOptions = z.infer<typeof ShooterJoinOptions>;

const finite = z.number().refine(Number.isFinite, "must be a finite number");

export const ShooterWeaponMessage = z.object({ id: z.enum(WEAPON_IDS) }).strict();
/** Relay mode: the client's own simulated position. */
export const ShooterReportMessage = z.object({ seq: z.number().int().min(1).max(2 ** 31), x: finite, y: finite, aim: finite }).strict();
/** Relay mode: a shot the client resolved itself, and whom it claims to have hit. */
export const ShooterShootMessage = z
  .object({ seq: z.number().int().min(1).max(2 ** 31), aim: finite, target: z.string().min(1).max(64).optional(), pellets: z.number().int().min(1).max(16).optional() })
  .strict();
export type ShooterReportMessage = z.infer<typeof ShooterReportMessage>;
export type ShooterShootMessage = z.infer<typeof ShooterShootMessage>;

export const SHOOTER_PLACEMENTS: Record<ShooterMode, PlacementSlice[]> = {
  authoritative: [
    {
      slice: "authoritative mode: positions, health, ammo, scores of the match in progress",
      where: "room",
      onKill: "the match in progress is lost (by design): clients rejoin a fresh match",
    },
  ],
  relay: [
    {
      slice: "relay mode: each player's position, aim and hits",
      where: "client",
      onKill: "nothing that matters: clients keep their own state and re-announce it to the new room",
    },
  ],
};

const DATABASE_SLICE: PlacementSlice = {
  slice: "match results and per-player stats (kills, deaths, shots, hits)",
  where: "database",
  written: "at match end, in one transaction",
  repository: "server/rooms/shooter/matchRepository.ts",
  onKill: "kept: finished matches; the match in progress is not written",
};

export const shooterSpec: RoomSpec = {
  name: "shooter",
  title: "Arena shooter",
  summary: "Top-down free-for-all at a fixed 64 Hz tick: inputs only, lag-compensated hitscan, or the relay mode where clients simulate themselves.",
  maxClients: 16,
  // 64 inputs per second plus slack; the input queue (not this limit) bounds what is simulated
  maxMessagesPerSecond: 400,
  reconnectSeconds: 20, // a dropped player stays in the match (and can be shot) while the SDK reconnects
  joinOptions: ShooterJoinOptions,
  messages: { input: ShooterInputMessage, weapon: ShooterWeaponMessage, report: ShooterReportMessage, shoot: ShooterShootMessage },
  fastChecks: { input: isShooterInputMessage },
  placement: [...SHOOTER_PLACEMENTS.authoritative, ...SHOOTER_PLACEMENTS.relay, DATABASE_SLICE],
};

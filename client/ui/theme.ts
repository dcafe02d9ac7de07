/**
 * The placement palette: one colour and one phrase per place a room's state can live. The lobby's
 * badges, the backdrop and any room scene that wants to say "this lives in X" use these.
 */
import type { Placement } from "../../shared/core/spec.js";

export interface PlacementStyle {
  /** "state: room memory" — the badge text. */
  label: string;
  /** One sentence for tooltips. */
  meaning: string;
  /** CSS colour. */
  css: string;
  /** The same colour for Phaser. */
  hex: number;
}

export const PLACEMENT_STYLE: Record<Placement, PlacementStyle> = {
  room: {
    label: "room memory",
    meaning: "The live state is held in the room's memory on the server.",
    css: "#56b6f7",
    hex: 0x56b6f7,
  },
  client: {
    label: "the clients",
    meaning: "Each client owns its part of the state; the server only routes.",
    css: "#b18cff",
    hex: 0xb18cff,
  },
  cache: {
    label: "cache",
    meaning: "The live state is read through a cache in front of the database.",
    css: "#f2b84b",
    hex: 0xf2b84b,
  },
  database: {
    label: "database",
    meaning: "The database is the authority; the server keeps nothing of its own.",
    css: "#4fd49a",
    hex: 0x4fd49a,
  },
};

/** A placement we don't know (a newer server) still gets a neutral style instead of a crash. */
export function placementStyle(where: string): PlacementStyle {
  return (PLACEMENT_STYLE as Record<string, PlacementStyle | undefined>)[where] ?? {
    label: where,
    meaning: `State lives in: ${where}.`,
    css: "#9aa4b2",
    hex: 0x9aa4b2,
  };
}

export const COLORS = {
  background: 0x0b0f17,
  text: "#e6eaf2",
  muted: "#8b95a7",
} as const;

export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';

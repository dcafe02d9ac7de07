/**
 * Side names as the protocol spells them. chess.js uses "w"/"b"; these helpers are the only place
 * the two spellings meet.
 */
export type Color = "white" | "black";

export const COLORS: readonly Color[] = ["white", "black"];

export function opposite(color: Color): Color {
  return color === "white" ? "black" : "white";
}

export function fromChessJs(turn: "w" | "b"): Color {
  return turn === "w" ? "white" : "black";
}

export function isColor(value: unknown): value is Color {
  return value === "white" || value === "black";
}

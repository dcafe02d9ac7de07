/**
 * The chess pieces, drawn by this project: simple vector silhouettes on a 100×100 grid, made to stay
 * readable at small sizes (a broad outline, few inner lines, no gradients). Each piece is a set of
 * filled shapes (merged into one silhouette by drawing a thick outline under all of them) plus a
 * few detail strokes and dots in a contrast colour.
 *
 * `pieceSvg(color, type)` returns a standalone SVG document; the board rasterizes it at the exact
 * square size (pieceTextures.ts), so pieces stay sharp at any board size.
 */
export type PieceColor = "w" | "b";
export type PieceType = "p" | "n" | "b" | "r" | "q" | "k";

export const PIECE_TYPES: readonly PieceType[] = ["p", "n", "b", "r", "q", "k"];

interface PieceArt {
  shapes: string[]; // path data, filled with the piece colour
  details: string[]; // path data, stroked in the contrast colour
  dots: [cx: number, cy: number, r: number][]; // filled in the contrast colour
}

/** A rounded base slab from x0 to x1, y0 to y1. */
function slab(x0: number, x1: number, y0: number, y1: number, r = 3): string {
  return `M${x0 + r} ${y0}H${x1 - r}Q${x1} ${y0} ${x1} ${y0 + r}V${y1 - r}Q${x1} ${y1} ${x1 - r} ${y1}H${x0 + r}Q${x0} ${y1} ${x0} ${y1 - r}V${y0 + r}Q${x0} ${y0} ${x0 + r} ${y0}Z`;
}

function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}A${r} ${r} 0 1 1 ${cx + r} ${cy}A${r} ${r} 0 1 1 ${cx - r} ${cy}Z`;
}

const ART: Record<PieceType, PieceArt> = {
  p: {
    shapes: [
      circle(50, 30, 13),
      "M37 44H63Q67 48 63 52H37Q33 48 37 44Z",
      "M40 52C40 63 35 71 27 77H73C65 71 60 63 60 52Z",
      slab(20, 80, 77, 87),
    ],
    details: ["M38 52H62", "M24 77H76"],
    dots: [],
  },
  r: {
    shapes: [
      slab(18, 82, 78, 88),
      "M26 70H74V78H26Z",
      "M34 70L37 39H63L66 70Z",
      "M28 31H72V39H28Z",
      "M28 31V14H38V21H45.5V14H54.5V21H62V14H72V31Z",
    ],
    details: ["M31 31H69", "M32 39H68", "M29 70H71", "M22 78H78"],
    dots: [],
  },
  b: {
    shapes: [
      slab(20, 80, 79, 88),
      "M39 64C40 71 35 76 28 79H72C65 76 60 71 61 64Z",
      "M36 56H64Q68 60 64 64H36Q32 60 36 56Z",
      "M50 17C63 27 70 42 64 56H36C30 42 37 27 50 17Z",
      circle(50, 13, 5),
    ],
    details: ["M50 31V47", "M42 39H58", "M37 56H63", "M37 64H63", "M24 79H76"],
    dots: [],
  },
  n: {
    shapes: [
      slab(22, 82, 79, 88),
      "M33 79C35 72 41 68 45 60L44 57C38 61 33 63 27 64C21 64 17 60 19 54C23 43 31 31 42 23L45 12L53 19L60 11L63 24C75 34 79 52 76 79Z",
    ],
    details: ["M64 27C71 37 73 52 71 72", "M26 79H78"],
    dots: [[39, 36, 3.4], [24, 57, 2]],
  },
  q: {
    shapes: [
      slab(18, 82, 79, 88),
      "M27 79L17 33L32 57L34 25L44 55L50 20L56 55L66 25L68 57L83 33L73 79Z",
      circle(17, 31, 5),
      circle(34, 23, 5),
      circle(50, 18, 5),
      circle(66, 23, 5),
      circle(83, 31, 5),
    ],
    details: ["M26 70H74", "M22 79H78"],
    dots: [],
  },
  k: {
    shapes: [
      slab(18, 82, 79, 88),
      "M28 79C12 63 17 42 33 43C42 44 47 51 50 59C53 51 58 44 67 43C83 42 88 63 72 79Z",
      "M50 60C44 51 42 43 50 34C58 43 56 51 50 60Z",
      "M46.5 8H53.5V16H60V23H53.5V34H46.5V23H40V16H46.5Z",
    ],
    details: ["M27 71H73", "M50 60V71", "M22 79H78"],
    dots: [],
  },
};

export interface PiecePalette {
  fill: string;
  outline: string;
  detail: string;
}

export const PALETTES: Record<PieceColor, PiecePalette> = {
  w: { fill: "#f8f6f1", outline: "#1c1c1f", detail: "#1c1c1f" },
  b: { fill: "#2f3037", outline: "#0d0d10", detail: "#d9dbe0" },
};

/** A standalone SVG document for one piece, `size` pixels square. */
export function pieceSvg(color: PieceColor, type: PieceType, size: number): string {
  const art = ART[type];
  const p = PALETTES[color];
  const paths = (fill: string, extra = ""): string => art.shapes.map((d) => `<path d="${d}" fill="${fill}"${extra}/>`).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="${size}" height="${size}">` +
    `<g stroke="${p.outline}" stroke-width="7" stroke-linejoin="round">${paths(p.outline)}</g>` +
    `<g>${paths(p.fill)}</g>` +
    `<g fill="none" stroke="${p.detail}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">` +
    art.details.map((d) => `<path d="${d}"/>`).join("") +
    `</g>` +
    art.dots.map(([cx, cy, r]) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${p.detail}"/>`).join("") +
    `</svg>`
  );
}

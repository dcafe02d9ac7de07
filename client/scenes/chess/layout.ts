/**
 * Where the board and the panel go for a given window size: side by side when there is room
 * (board left, panel right, centred together), otherwise the board on top and the panel below.
 * The board side is a multiple of 8 so squares land on whole pixels.
 */
export interface ChessLayout {
  board: { x: number; y: number; size: number };
  panel: { left: number; top: number; width: number; height: number };
  compact: boolean;
}

const MARGIN = 16;
const GAP = 18;

export function computeLayout(width: number, height: number): ChessLayout {
  const panelWidth = Math.round(Math.min(380, Math.max(290, width * 0.28)));
  const sideBySide = width - panelWidth - GAP - 2 * MARGIN >= 360 && width >= height * 0.95;
  if (sideBySide) {
    const size = floor8(Math.min(height - 2 * MARGIN, width - panelWidth - GAP - 2 * MARGIN, 1040));
    const groupWidth = size + GAP + panelWidth;
    const x = Math.round((width - groupWidth) / 2);
    const y = Math.round((height - size) / 2);
    return { board: { x, y, size }, panel: { left: x + size + GAP, top: y, width: panelWidth, height: size }, compact: false };
  }
  const size = floor8(Math.min(width - 2 * MARGIN, height * 0.62));
  const x = Math.round((width - size) / 2);
  const y = MARGIN;
  const top = y + size + GAP;
  return { board: { x, y, size }, panel: { left: x, top, width: size, height: Math.max(160, height - top - MARGIN) }, compact: true };
}

function floor8(n: number): number {
  return Math.max(64, Math.floor(n / 8) * 8);
}

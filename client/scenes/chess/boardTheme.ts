/** Board colours (a cool grey-blue board that sits well in the dark UI) and highlight styles. */
export const BOARD = {
  light: 0xe3e8ec,
  dark: 0x8fa6b5,
  coordOnLight: "#6f8797",
  coordOnDark: "#eef2f5",
  lastMove: { color: 0x9bc700, alpha: 0.42 },
  selected: { color: 0x14551e, alpha: 0.5 },
  hint: { color: 0x14551e, alpha: 0.5 },
  hover: { color: 0x14551e, alpha: 0.3 },
  premove: { color: 0x4a2f7a, alpha: 0.45 }, // a queued premove (and premove targets): violet, unlike a real move
  check: 0xe10000,
  error: 0xff5c5c,
  shadow: { color: 0x000000, alpha: 0.35 },
} as const;

/**
 * The piece images as Phaser textures, rasterized from pieceArt.ts at the board's current square
 * size (so they are sharp at every size, with no scaling blur). One canvas texture per piece;
 * resizing re-draws into the same textures, so images using them need no new key.
 */
import type Phaser from "phaser";
import { PIECE_TYPES, pieceSvg, type PieceColor, type PieceType } from "./pieceArt.js";

const COLORS: readonly PieceColor[] = ["w", "b"];

export function pieceTextureKey(color: PieceColor, type: PieceType): string {
  return `chess-piece-${color}${type}`;
}

export class PieceTextures {
  private size = 0;
  private wanted = 0;

  constructor(private readonly textures: Phaser.Textures.TextureManager) {}

  /** The size (px) the textures currently have; 0 before the first `render`. */
  get currentSize(): number {
    return this.size;
  }

  /**
   * Rasterizes every piece at `size` px. Resolves true when the textures changed. Concurrent calls
   * are fine: only the latest size is kept.
   */
  async render(size: number): Promise<boolean> {
    const px = Math.max(8, Math.round(size));
    if (px === this.size || px === this.wanted) return false;
    this.wanted = px;
    const images = await Promise.all(
      COLORS.flatMap((color) => PIECE_TYPES.map((type) => loadSvg(pieceSvg(color, type, px)).then((img) => ({ color, type, img })))),
    );
    if (this.wanted !== px) return false; // a newer size was asked for meanwhile
    for (const { color, type, img } of images) {
      const key = pieceTextureKey(color, type);
      const existing = this.textures.exists(key) ? (this.textures.get(key) as Phaser.Textures.CanvasTexture) : null;
      const texture = existing ?? this.textures.createCanvas(key, px, px);
      if (!texture) continue;
      texture.setSize(px, px);
      texture.context.clearRect(0, 0, px, px);
      texture.context.drawImage(img, 0, 0, px, px);
      texture.refresh();
    }
    this.size = px;
    return true;
  }
}

function loadSvg(svg: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("a chess piece image failed to load"));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

/**
 * Draws the map procedurally from its tile data (assets/plaza/plaza.json): one filled square per
 * tile in the tile's `color`, a little texture by type (tree crowns, water ripples, table tops),
 * private areas outlined and labelled. Drawn once and baked into a texture: a Graphics object of
 * 14,000 commands would be replayed every frame (slow under a software renderer).
 */
import Phaser from "phaser";
import type { PlazaMap } from "../../../shared/plaza/index.js";

const hex = (c: string) => Number.parseInt(c.slice(1), 16);

const TEXTURE = "plaza-world";

export function drawWorld(scene: Phaser.Scene, map: PlazaMap): void {
  if (!scene.textures.exists(TEXTURE)) bake(scene, map);
  scene.add.image(0, 0, TEXTURE).setOrigin(0, 0).setDepth(0);
  for (const a of map.areas) {
    scene.add
      .text(a.x + 8, a.y + 6, a.private ? `🔒 ${a.name}` : a.name, { fontFamily: "system-ui, sans-serif", fontSize: "14px", color: "#ffffff" })
      .setAlpha(0.85)
      .setDepth(1);
  }
}

function bake(scene: Phaser.Scene, map: PlazaMap): void {
  const T = map.tileSize;
  const g = scene.make.graphics({}, false);
  for (const layer of map.layers) {
    layer.data.forEach((gid, i) => {
      const tile = gid ? map.tiles.get(gid) : undefined;
      if (!tile) return;
      const x = (i % map.width) * T, y = Math.floor(i / map.width) * T;
      if (tile.type === "tree") {
        g.fillStyle(0x000000, 0.18).fillCircle(x + T / 2 + 3, y + T / 2 + 4, T * 0.45);
        g.fillStyle(hex(tile.color), 1).fillCircle(x + T / 2, y + T / 2, T * 0.45);
        g.fillStyle(0xffffff, 0.08).fillCircle(x + T / 2 - 5, y + T / 2 - 5, T * 0.18);
        return;
      }
      g.fillStyle(hex(tile.color), 1).fillRect(x, y, T, T);
      if (tile.type === "grass" && (i * 7919) % 11 === 0) g.fillStyle(0x000000, 0.06).fillRect(x + 6, y + 9, 3, 3);
      if (tile.type === "water") g.lineStyle(2, 0xffffff, 0.25).lineBetween(x + 6, y + T / 2, x + T - 6, y + T / 2);
      if (tile.type === "table") g.fillStyle(0xffffff, 0.12).fillRect(x + 3, y + 3, T - 6, T - 6);
      if (tile.type === "wall") g.fillStyle(0x000000, 0.25).fillRect(x, y + T - 6, T, 6);
    });
  }
  for (const a of map.areas) g.lineStyle(2, a.private ? 0xffd166 : 0xffffff, a.private ? 0.7 : 0.3).strokeRect(a.x, a.y, a.w, a.h);
  g.generateTexture(TEXTURE, map.width * T, map.height * T);
  g.destroy();
}

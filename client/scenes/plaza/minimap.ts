/** A minimap canvas (DOM): the map's tile colours at 2 px per tile, me in white, others as dots. */
import type { PlazaMap } from "../../../shared/plaza/index.js";
import { h } from "../../ui/dom.js";

const SCALE = 2;

export class Minimap {
  readonly canvas: HTMLCanvasElement;
  private readonly base: HTMLCanvasElement;

  constructor(private readonly map: PlazaMap) {
    this.canvas = h("canvas", { class: "plaza-minimap", width: map.width * SCALE, height: map.height * SCALE });
    this.base = document.createElement("canvas");
    this.base.width = map.width * SCALE;
    this.base.height = map.height * SCALE;
    const ctx = this.base.getContext("2d")!;
    for (const layer of map.layers) {
      layer.data.forEach((gid, i) => {
        const tile = gid ? map.tiles.get(gid) : undefined;
        if (!tile) return;
        ctx.fillStyle = tile.color;
        ctx.fillRect((i % map.width) * SCALE, Math.floor(i / map.width) * SCALE, SCALE, SCALE);
      });
    }
    for (const a of map.areas.filter((x) => x.private)) {
      ctx.strokeStyle = "#ffd166";
      ctx.strokeRect((a.x / map.tileSize) * SCALE, (a.y / map.tileSize) * SCALE, (a.w / map.tileSize) * SCALE, (a.h / map.tileSize) * SCALE);
    }
  }

  draw(me: { x: number; y: number }, others: Iterable<{ x: number; y: number }>, view: { x: number; y: number; w: number; h: number }): void {
    const ctx = this.canvas.getContext("2d")!;
    const k = SCALE / this.map.tileSize;
    ctx.drawImage(this.base, 0, 0);
    ctx.strokeStyle = "rgba(255,255,255,0.6)";
    ctx.strokeRect(view.x * k, view.y * k, view.w * k, view.h * k);
    ctx.fillStyle = "#ffd166";
    for (const o of others) ctx.fillRect(o.x * k - 1.5, o.y * k - 1.5, 3, 3);
    ctx.fillStyle = "#ffffff";
    ctx.beginPath();
    ctx.arc(me.x * k, me.y * k, 3, 0, Math.PI * 2);
    ctx.fill();
  }
}

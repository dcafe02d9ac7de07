/**
 * First scene: nothing to load yet, so it only makes sure the page looks right before anything
 * else runs (background colour, the canvas labelled for assistive tech) and hands over to preload.
 */
import Phaser from "phaser";

export class BootScene extends Phaser.Scene {
  constructor() {
    super({ key: "boot" });
  }

  create(): void {
    this.game.canvas.setAttribute("aria-label", "Statecraft game view");
    this.scene.start("preload");
  }
}

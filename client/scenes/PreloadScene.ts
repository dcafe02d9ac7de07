/**
 * Loads what the platform scenes need and shows progress while it does. Everything is made here or
 * shipped with the client (no CDN, no web fonts: LAN parties may have no internet). Room kinds load
 * their own assets in their own scene's `preload()`.
 */
import Phaser from "phaser";
import { FONT_FAMILY } from "../ui/theme.js";

export class PreloadScene extends Phaser.Scene {
  constructor() {
    super({ key: "preload" });
  }

  preload(): void {
    const { width, height } = this.scale;
    const title = this.add
      .text(width / 2, height / 2 - 36, "Statecraft", { fontFamily: FONT_FAMILY, fontSize: "32px", color: "#e6eaf2", fontStyle: "bold" })
      .setOrigin(0.5);
    const barWidth = Math.min(320, width * 0.6);
    const frame = this.add.rectangle(width / 2, height / 2 + 10, barWidth, 6, 0x1f2937).setOrigin(0.5);
    const bar = this.add.rectangle(width / 2 - barWidth / 2, height / 2 + 10, 1, 6, 0x56b6f7).setOrigin(0, 0.5);
    this.load.on(Phaser.Loader.Events.PROGRESS, (p: number) => bar.setSize(Math.max(1, barWidth * p), 6));
    this.load.once(Phaser.Loader.Events.COMPLETE, () => {
      title.destroy();
      frame.destroy();
      bar.destroy();
    });
  }

  create(): void {
    this.scene.start("lobby");
  }
}

/**
 * DOM panels over the canvas for any scene (forms, HUD buttons, lists): mounted into the #ui layer
 * and removed automatically when the scene shuts down, so a scene can never leave one behind.
 */
import Phaser from "phaser";

export function mountOverlay(scene: Phaser.Scene, root: HTMLElement, element: HTMLElement): () => void {
  root.append(element);
  const remove = (): void => element.remove();
  scene.events.once(Phaser.Scenes.Events.SHUTDOWN, remove);
  scene.events.once(Phaser.Scenes.Events.DESTROY, remove);
  return remove;
}

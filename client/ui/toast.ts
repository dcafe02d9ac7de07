/**
 * Toasts (short messages that fade) and one persistent banner (a problem that lasts, such as
 * "the server is unreachable", with an optional action). Both are DOM, over the canvas.
 */
import { h } from "./dom.js";

export type ToastKind = "info" | "success" | "error";

export interface ToastOptions {
  kind?: ToastKind;
  /** A stable error code, shown small next to the text (e.g. NOT_YOUR_TURN). */
  code?: string;
  /** Milliseconds before it fades; errors stay a little longer. */
  durationMs?: number;
}

export interface BannerAction {
  label: string;
  run: () => void;
}

export class Toaster {
  private banner: HTMLElement | null = null;

  constructor(private readonly root: HTMLElement) {}

  show(message: string, options: ToastOptions = {}): HTMLElement {
    const kind = options.kind ?? "info";
    const toast = h(
      "div",
      { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : "status" },
      h("span", { class: "toast-text" }, message.charAt(0).toUpperCase() + message.slice(1)),
      options.code ? h("code", { class: "toast-code" }, options.code) : null,
    );
    this.root.append(toast);
    const duration = options.durationMs ?? (kind === "error" ? 6000 : 3500);
    const dismiss = (): void => {
      toast.classList.add("toast-leaving");
      setTimeout(() => toast.remove(), 250);
    };
    toast.addEventListener("click", dismiss);
    setTimeout(dismiss, duration);
    // keep the stack short
    while (this.root.children.length > 5) this.root.firstElementChild?.remove();
    return toast;
  }

  error(error: { code: string; message: string }): HTMLElement {
    return this.show(error.message, { kind: "error", code: error.code });
  }

  /** Shows (or replaces) the persistent banner at the top of the page. */
  showBanner(message: string, action?: BannerAction): void {
    this.hideBanner();
    this.banner = h(
      "div",
      { class: "banner", role: "alert" },
      h("span", null, message),
      action ? h("button", { class: "btn btn-small", type: "button", onclick: () => action.run() }, action.label) : null,
    );
    document.body.append(this.banner);
  }

  hideBanner(): void {
    this.banner?.remove();
    this.banner = null;
  }
}

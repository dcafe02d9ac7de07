/**
 * The display-name form (guest sign-in). The name is checked as the player types with the same rule
 * the server applies (shared/core/names.ts); the server's answer still decides.
 */
import { NAME_MAX, normalizeName } from "../../../shared/core/names.js";
import { h } from "../../ui/dom.js";

export interface SignInOptions {
  suggestedName: string;
  /** Shown under the field, e.g. the server's INVALID_NAME message. */
  error?: { code: string; message: string } | null;
  /** True when changing the name of a signed-in player: offers Cancel. */
  canCancel: boolean;
  onSubmit(name: string): void;
  onCancel(): void;
}

export class SignInPanel {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly errorLine: HTMLElement;
  private readonly submit: HTMLButtonElement;

  constructor(private readonly options: SignInOptions) {
    this.input = h("input", {
      id: "display-name",
      name: "name",
      type: "text",
      autocomplete: "nickname",
      maxlength: NAME_MAX * 2, // the rule counts characters after trimming; let the check explain
      placeholder: "e.g. Ada",
      value: options.suggestedName,
      spellcheck: "false",
      "aria-describedby": "name-hint name-error",
    });
    this.errorLine = h("p", { id: "name-error", class: "field-error", role: "alert" });
    this.submit = h("button", { class: "btn btn-primary", type: "submit" }, options.canCancel ? "Save name" : "Enter the lobby");
    this.input.addEventListener("input", () => this.showError(null));

    this.element = h(
      "form",
      { class: "card signin", novalidate: true, onsubmit: (e: Event) => this.handleSubmit(e) },
      h("h2", null, options.canCancel ? "Change your display name" : "Choose a display name"),
      h("p", { class: "muted" }, "You play as a guest. The name is shown to the other players; this browser remembers it."),
      h("label", { for: "display-name" }, "Display name"),
      this.input,
      h("p", { id: "name-hint", class: "hint" }, `1–${NAME_MAX} characters: letters, digits, spaces, _ - .`),
      this.errorLine,
      h(
        "div",
        { class: "form-actions" },
        options.canCancel ? h("button", { class: "btn", type: "button", onclick: () => options.onCancel() }, "Cancel") : null,
        this.submit,
      ),
    );
    if (options.error) this.showError(options.error);
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  setBusy(busy: boolean): void {
    this.submit.disabled = busy;
    this.input.disabled = busy;
    this.submit.textContent = busy ? "Signing in…" : this.options.canCancel ? "Save name" : "Enter the lobby";
  }

  showError(error: { code: string; message: string } | null): void {
    this.errorLine.textContent = error ? capitalize(error.message) : "";
    this.errorLine.dataset.code = error?.code ?? "";
    this.input.setAttribute("aria-invalid", error ? "true" : "false");
  }

  private handleSubmit(e: Event): void {
    e.preventDefault();
    const checked = normalizeName(this.input.value);
    if (!checked.ok) {
      this.showError(checked.error);
      this.input.focus();
      return;
    }
    this.options.onSubmit(checked.value);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

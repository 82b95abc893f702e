// Short messages at the bottom of the screen: mostly "the server refused your edit, it was undone".
import { signal } from "@preact/signals";
import { ApiError } from "../api/http.ts";

export interface Toast {
  id: number;
  text: string;
  tone: "error" | "info";
  /** A button beside the text (Trello's "Undo"); pressing it runs `run` and dismisses the toast. */
  action?: { label: string; run: () => void };
}

export const toasts = signal<Toast[]>([]);
let next = 1;

export function toast(
  text: string,
  tone: Toast["tone"] = "info",
  options: { action?: Toast["action"]; durationMs?: number } = {},
): number {
  const id = next++;
  toasts.value = [...toasts.value, { id, text, tone, ...(options.action ? { action: options.action } : {}) }];
  setTimeout(() => dismissToast(id), options.durationMs ?? (tone === "error" ? 8000 : 4000));
  return id;
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

/** An edit the server refused: say what happened and that the screen shows the server's state. */
export function toastRejected(what: string, error: unknown): void {
  const reason = error instanceof ApiError ? error.message : "unexpected error";
  toast(`Could not ${what}: ${reason}. Your change was undone.`, "error");
}

// The one shape of every edit: show the predicted result at once, send the write (through the
// outbox, which queues it while offline), and on refusal undo the prediction and tell the person
// which edit it was and why.
import type { Action } from "@tack/shared/models";
import { interceptWrite } from "../api/http.ts";
import type { BoardCache, Prediction } from "./board-cache.ts";
import { nudgeFeed, openCardId } from "./open-board.ts";
import { createdId, describeEdit, submitWrite } from "./outbox.ts";
import { toastRejected } from "./toasts.ts";

export interface EditOptions {
  /** The prediction stands in for an object being created under this temporary id. */
  creates?: string;
  /** A comment shown as pending while it travels (kept with the write if it is queued). */
  comment?: Action;
}

export async function optimistic<T>(
  cache: BoardCache,
  what: string,
  prediction: Prediction,
  send: () => Promise<T>,
  fromServer?: (result: T) => Prediction,
  options: EditOptions = {},
): Promise<T | null> {
  const token = cache.predict(prediction, { standIn: options.creates });
  try {
    const meta = { cache, what, prediction, ...options };
    const result = await interceptWrite((write) => submitWrite(write, meta), send);
    if (options.creates) adoptId(cache, options.creates, result);
    cache.settle(token, fromServer?.(result));
    nudgeFeed();
    return result;
  } catch (error) {
    cache.rollback(token);
    toastRejected(describeEdit(what, prediction), error);
    return null;
  }
}

/** The created object's real id replaces its stand-in's, in the view and an open dialog. */
function adoptId(cache: BoardCache, temporary: string, result: unknown): void {
  const real = createdId(result);
  if (!real) return;
  cache.remapId(temporary, real);
  if (openCardId.value === temporary) openCardId.value = real;
}

// The one shape of every edit: show the predicted result at once, send the write, and on refusal
// undo the prediction and tell the person why.
import type { BoardCache, Prediction } from "./board-cache.ts";
import { nudgeFeed } from "./open-board.ts";
import { toastRejected } from "./toasts.ts";

export async function optimistic<T>(
  cache: BoardCache,
  what: string,
  prediction: Prediction,
  send: () => Promise<T>,
  fromServer?: (result: T) => Prediction,
): Promise<T | null> {
  const token = cache.predict(prediction);
  try {
    const result = await send();
    cache.settle(token, fromServer?.(result));
    nudgeFeed();
    return result;
  } catch (error) {
    cache.rollback(token);
    toastRejected(what, error);
    return null;
  }
}

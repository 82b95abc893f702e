// Edits to the board itself, its labels and its members.
import type { Board, Label } from "@tack/shared/models";
import * as api from "../api/trello.ts";
import { connectionState } from "../live/connection-state.ts";
import type { BoardCache } from "./board-cache.ts";
import { refreshBoard } from "./open-board.ts";
import { optimistic } from "./optimistic.ts";
import { toastRejected } from "./toasts.ts";

export function renameBoard(cache: BoardCache, name: string) {
  const board = cache.board.value;
  return optimistic(cache, "rename the board", { board: { ...board, name } }, () =>
    api.updateBoard(cache.id, { name }),
  );
}

/** `image`: an uploaded background's picture, shown at once while the server sets it. */
export function setBoardPref(
  cache: BoardCache,
  pref: "permissionLevel" | "background",
  value: string,
  image?: string,
) {
  const board = cache.board.value;
  const prefs: Board["prefs"] = { ...board.prefs, [pref]: value, ...(image && { backgroundImage: image }) };
  return optimistic(
    cache,
    "change the board settings",
    { board: { ...board, prefs } },
    () => api.updateBoard(cache.id, { [`prefs/${pref}`]: value }),
    // An uploaded picture's board address is the server's to give (decision 0034).
    image
      ? (answer) => ({
          board: {
            ...cache.board.value,
            prefs: { ...cache.board.value.prefs, backgroundImage: answer.prefs.backgroundImage },
          },
        })
      : undefined,
  );
}

export async function createLabel(cache: BoardCache, name: string, color: Label["color"]) {
  return optimistic(
    cache,
    "add the label",
    {},
    () => api.createLabel(cache.id, name, color),
    (l) => ({ labels: [l] }),
  );
}

export function updateLabel(cache: BoardCache, label: Label, patch: Partial<Pick<Label, "name" | "color">>) {
  return optimistic(cache, "change the label", { labels: [{ ...label, ...patch }] }, () =>
    api.updateLabel(label.id, patch),
  );
}

/**
 * Writes that are not predicted (deletes, membership): send, then show the result: it arrives
 * pushed when the feed is live; otherwise the board is read afresh.
 */
export async function plainWrite(what: string, send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    if (connectionState.value !== "live") await refreshBoard();
    return true;
  } catch (error) {
    toastRejected(what, error);
    return false;
  }
}

// A list's rarer actions (Trello's list menu): copy the list (with its cards), move it with its
// cards to another board, and set its WIP limit (Trello's `softLimit`: the header then shows
// count/limit and warns past it). Loaded on demand (lazy.tsx); the result arrives as live changes.
import type { List } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { copyListTo, moveListTo, setSoftLimit } from "../api/transfer.ts";
import { myBoards } from "../api/trello.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { toast } from "../model/toasts.ts";
import { Dialog } from "./dialog.tsx";

export type ListAction = "copy" | "move" | "limit";

export interface ListActionsProps {
  cache: BoardCache;
  list: List;
  action: ListAction;
  onClose: () => void;
}

const TITLES = { copy: "Copy list", move: "Move list", limit: "Set WIP limit" } as const;

export default function ListActionsDialog({ cache, list, action, onClose }: ListActionsProps) {
  const [name, setName] = useState(list.name);
  const [boards, setBoards] = useState<Array<{ id: string; name: string }>>([]);
  const [idBoard, setIdBoard] = useState("");
  const [limit, setLimit] = useState(list.softLimit === null ? "" : String(list.softLimit));
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (action !== "move") return;
    void myBoards().then((all) => {
      const others = all
        .filter((b) => !b.closed && b.id !== cache.id)
        .map((b) => ({ id: b.id, name: b.name }));
      setBoards(others);
      setIdBoard(others[0]?.id ?? "");
    });
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      if (action === "copy") {
        await copyListTo(list.id, cache.id, name.trim() || list.name);
        toast(`Copied the list “${list.name}”.`, "info");
      } else if (action === "move") {
        if (!idBoard) throw new Error("Pick a board to move the list to.");
        await moveListTo(list.id, idBoard);
        toast(`Moved the list to ${boards.find((b) => b.id === idBoard)?.name ?? "the board"}.`, "info");
      } else {
        await setSoftLimit(list.id, limit.trim() === "" ? null : Number(limit));
      }
      onClose();
    } catch (e) {
      setError(
        e instanceof ApiError || e instanceof Error ? e.message : "Could not reach the server: try again.",
      );
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy="list-action-title" onClose={onClose} class="move-copy-dialog">
      <form class="move-copy" onSubmit={submit}>
        <h2 id="list-action-title">{TITLES[action]}</h2>
        {action === "copy" && (
          <label>
            Name
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        )}
        {action === "move" && (
          <label>
            Board
            <select value={idBoard} onChange={(e) => setIdBoard(e.currentTarget.value)}>
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {action === "limit" && (
          <label>
            Cards at most (empty: no limit)
            <input
              type="number"
              min={1}
              max={5000}
              value={limit}
              onInput={(e) => setLimit(e.currentTarget.value)}
            />
          </label>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {action === "copy" ? "Create list" : action === "move" ? "Move" : "Save"}
          </button>
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

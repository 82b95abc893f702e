// A list's rarer actions (Trello's list menu): copy the list (with its cards), move it with its
// cards to another board, set its WIP limit (Trello's `softLimit`: the header then shows
// count/limit and warns past it), sort its cards, move all its cards to another list, archive all
// its cards, and make a card from one of the board's template cards. Loaded on demand (lazy.tsx);
// the results arrive as live changes.
import type { List } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import {
  archiveAllCards,
  copyCardTo,
  copyListTo,
  moveAllCards,
  moveListTo,
  setSoftLimit,
} from "../api/transfer.ts";
import { myBoards } from "../api/trello.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { plainWrite } from "../model/board-edits.ts";
import { type ListSort, SORT_LABELS } from "../model/list-order.ts";
import { sortList } from "../model/list-sort.ts";
import { toast } from "../model/toasts.ts";
import { Dialog } from "./dialog.tsx";

export type ListAction = "copy" | "move" | "limit" | "sort" | "moveAll" | "archiveAll" | "template";

export interface ListActionsProps {
  cache: BoardCache;
  list: List;
  action: ListAction;
  onClose: () => void;
}

const TITLES: Record<ListAction, string> = {
  copy: "Copy list",
  move: "Move list",
  limit: "Set WIP limit",
  sort: "Sort list",
  moveAll: "Move all cards in this list",
  archiveAll: "Archive all cards in this list?",
  template: "Create from template",
};

const SUBMIT: Record<ListAction, string> = {
  copy: "Create list",
  move: "Move",
  limit: "Save",
  sort: "Sort",
  moveAll: "Move cards",
  archiveAll: "Archive all",
  template: "Create card",
};

/** Sends a write whose result arrives as live changes; false (after a toast) if it was refused. */
async function send(what: string, write: () => Promise<unknown>): Promise<void> {
  if (!(await plainWrite(what, write))) throw new Handled();
}
class Handled extends Error {}

export default function ListActionsDialog({ cache, list, action, onClose }: ListActionsProps) {
  const [name, setName] = useState(list.name);
  const [boards, setBoards] = useState<Array<{ id: string; name: string }>>([]);
  const [idBoard, setIdBoard] = useState("");
  const [limit, setLimit] = useState(list.softLimit === null ? "" : String(list.softLimit));
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [sortBy, setSortBy] = useState<ListSort>("newest");
  const otherLists = cache.openLists().filter((l) => l.id !== list.id);
  const [idList, setIdList] = useState(otherLists[0]?.id ?? "");
  const templates = cache
    .allCards()
    .filter((c) => c.isTemplate && !c.closed)
    .sort((a, b) => a.name.localeCompare(b.name));
  const [idTemplate, setIdTemplate] = useState(templates[0]?.id ?? "");
  const template = templates.find((t) => t.id === idTemplate);
  const [cardName, setCardName] = useState(templates[0]?.name ?? "");
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
      } else if (action === "limit") {
        await setSoftLimit(list.id, limit.trim() === "" ? null : Number(limit));
      } else if (action === "sort") {
        await sortList(cache, list.id, sortBy);
      } else if (action === "moveAll") {
        if (!idList) throw new Error("Add another list to move the cards to.");
        await send("move the cards", () => moveAllCards(list.id, cache.id, idList));
      } else if (action === "archiveAll") {
        await send("archive the cards", () => archiveAllCards(list.id));
      } else {
        if (!template) throw new Error("Pick a template card.");
        const title = cardName.trim() || template.name;
        await send("create the card", () => copyCardTo(template.id, list.id, title, "all", "bottom"));
      }
      onClose();
    } catch (e) {
      if (e instanceof Handled) {
        setBusy(false);
        return;
      }
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
        {action === "sort" && (
          <fieldset class="sort-choices">
            <legend>Sort the cards by</legend>
            {(Object.keys(SORT_LABELS) as ListSort[]).map((how) => (
              <label key={how} class="radio-row">
                <input
                  type="radio"
                  name="sort"
                  value={how}
                  checked={sortBy === how}
                  onChange={() => setSortBy(how)}
                />
                {SORT_LABELS[how]}
              </label>
            ))}
          </fieldset>
        )}
        {action === "moveAll" &&
          (otherLists.length === 0 ? (
            <p>This board has no other open list to move the cards to.</p>
          ) : (
            <label>
              To list
              <select value={idList} onChange={(e) => setIdList(e.currentTarget.value)}>
                {otherLists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        {action === "archiveAll" && (
          <p>
            The {cache.openCardsOf(list.id).length} open cards of “{list.name}” go to the archive. You can
            restore them from the board menu's Archive.
          </p>
        )}
        {action === "template" &&
          (templates.length === 0 ? (
            <p>This board has no template cards yet. Open a card and choose “Make template” to make one.</p>
          ) : (
            <>
              <fieldset class="template-choices">
                <legend>Template</legend>
                {templates.map((t) => (
                  <label key={t.id} class="radio-row">
                    <input
                      type="radio"
                      name="template"
                      value={t.id}
                      checked={idTemplate === t.id}
                      onChange={() => {
                        setIdTemplate(t.id);
                        setCardName(t.name);
                      }}
                    />
                    {t.name}
                  </label>
                ))}
              </fieldset>
              <label>
                Card title
                <input value={cardName} onInput={(e) => setCardName(e.currentTarget.value)} />
              </label>
            </>
          ))}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button
            type="submit"
            class={`button ${action === "archiveAll" ? "button-danger" : "button-primary"}`}
            disabled={
              busy ||
              (action === "moveAll" && otherLists.length === 0) ||
              (action === "template" && templates.length === 0)
            }
          >
            {SUBMIT[action]}
          </button>
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

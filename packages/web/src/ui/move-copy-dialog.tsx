// Move or copy a card to any board, list and position the person can write (Trello's "Move" and
// "Copy" card actions). Positions read as Trello shows them: 1 to n+1 of the chosen list. Loaded
// on demand (lazy.tsx). Not optimistic: the card's new place arrives as a live change on both
// boards, and a move to another board closes the card here.
import type { Card } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { cardsOfList, copyCardTo, moveCardTo, openLists } from "../api/transfer.ts";
import { myBoards } from "../api/trello.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { toast } from "../model/toasts.ts";
import { navigate } from "../router.ts";
import { returnPath } from "./board-views.tsx";
import { Dialog } from "./dialog.tsx";

const KEEPS = [
  ["checklists", "Checklists"],
  ["labels", "Labels"],
  ["members", "Members"],
  ["attachments", "Attachments"],
  ["comments", "Comments"],
  ["due", "Dates"],
] as const;

export interface MoveCopyProps {
  cache: BoardCache;
  card: Card;
  mode: "move" | "copy";
  onClose: () => void;
}

/** The position to send for the k-th place (1-based) among `others` sorted by pos. */
export function positionFor(
  others: ReadonlyArray<{ pos: number }>,
  place: number,
): number | "top" | "bottom" {
  if (place <= 1) return "top";
  if (place > others.length) return "bottom";
  return (others[place - 2]!.pos + others[place - 1]!.pos) / 2;
}

export default function MoveCopyDialog({ cache, card, mode, onClose }: MoveCopyProps) {
  const [boards, setBoards] = useState<Array<{ id: string; name: string }>>([
    { id: cache.id, name: cache.board.value.name },
  ]);
  const [idBoard, setIdBoard] = useState(cache.id);
  const [lists, setLists] = useState<Array<{ id: string; name: string }>>([]);
  const [idList, setIdList] = useState(card.idList);
  const [others, setOthers] = useState<Array<{ id: string; pos: number }>>([]);
  const [place, setPlace] = useState(1);
  const [name, setName] = useState(card.name);
  const [keep, setKeep] = useState<Set<string>>(new Set(KEEPS.map(([k]) => k)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  useEffect(() => {
    void myBoards().then((all) =>
      setBoards(all.filter((b) => !b.closed).map((b) => ({ id: b.id, name: b.name }))),
    );
  }, []);
  useEffect(() => {
    let live = true;
    void openLists(idBoard).then((found) => {
      if (!live) return;
      setLists(found.sort((a, b) => a.pos - b.pos));
      if (!found.some((l) => l.id === idList)) setIdList(found[0]?.id ?? "");
    });
    return () => {
      live = false;
    };
  }, [idBoard]);
  useEffect(() => {
    if (!idList) return setOthers([]);
    let live = true;
    void cardsOfList(idList).then((cards) => {
      if (!live) return;
      const rest = cards.filter((c) => mode === "copy" || c.id !== card.id).sort((a, b) => a.pos - b.pos);
      setOthers(rest);
      const current = cards.sort((a, b) => a.pos - b.pos).findIndex((c) => c.id === card.id);
      setPlace(mode === "move" && current >= 0 ? current + 1 : rest.length + 1);
    });
    return () => {
      live = false;
    };
  }, [idList]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!idList) return setError("Pick a list.");
    setBusy(true);
    setError("");
    try {
      const pos = positionFor(others, place);
      const target = boards.find((b) => b.id === idBoard)?.name ?? "";
      if (mode === "move") {
        await moveCardTo(card.id, idBoard, idList, pos);
        toast(idBoard === cache.id ? "Moved the card." : `Moved the card to ${target}.`, "info");
        if (idBoard !== cache.id) navigate(returnPath(cache.board.value));
      } else {
        await copyCardTo(card.id, idList, name.trim() || card.name, [...keep].join(",") || "none", pos);
        toast(`Copied the card${idBoard === cache.id ? "" : ` to ${target}`}.`, "info");
      }
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach the server: try again.");
      setBusy(false);
    }
  };

  const heading = mode === "move" ? "Move card" : "Copy card";
  return (
    <Dialog labelledBy="move-copy-title" onClose={onClose} class="move-copy-dialog">
      <form class="move-copy" onSubmit={submit}>
        <h2 id="move-copy-title">{heading}</h2>
        {mode === "copy" && (
          <>
            <label>
              Title
              <textarea value={name} onInput={(e) => setName(e.currentTarget.value)} rows={2} />
            </label>
            <fieldset>
              <legend>Keep…</legend>
              {KEEPS.map(([key, text]) => (
                <label key={key} class="checkbox-row">
                  <input
                    type="checkbox"
                    checked={keep.has(key)}
                    onChange={(e) => {
                      const next = new Set(keep);
                      if (e.currentTarget.checked) next.add(key);
                      else next.delete(key);
                      setKeep(next);
                    }}
                  />
                  {text}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <label>
          Board
          <select aria-label="Board" value={idBoard} onChange={(e) => setIdBoard(e.currentTarget.value)}>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
                {b.id === cache.id ? " (current)" : ""}
              </option>
            ))}
          </select>
        </label>
        <div class="move-copy-row">
          <label>
            List
            <select aria-label="List" value={idList} onChange={(e) => setIdList(e.currentTarget.value)}>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Position
            <select
              aria-label="Position"
              value={place}
              onChange={(e) => setPlace(Number(e.currentTarget.value))}
            >
              {Array.from({ length: others.length + 1 }, (_, i) => (
                <option key={i} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="submit" class="button button-primary" disabled={busy || !idList}>
            {mode === "move" ? "Move" : "Create card"}
          </button>
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

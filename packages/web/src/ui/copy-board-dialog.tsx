// "Copy board…" in the board menu: a new board from this one (its lists and labels, and its cards
// if asked), made by the server in one copy (`POST /1/boards` with idBoardSource); it opens.
import { slugify } from "@tack/shared/ids";
import { useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { copyBoardFrom } from "../api/transfer.ts";
import { navigate } from "../router.ts";
import { Dialog } from "./dialog.tsx";

export function CopyBoardDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [title, setTitle] = useState(`${name} (copy)`);
  const [keepCards, setKeepCards] = useState(true);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const board = await copyBoardFrom(id, title.trim() || name, keepCards);
      onClose();
      navigate(`/b/${board.shortLink || board.id}/${slugify(board.name)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach the server: try again.");
      setBusy(false);
    }
  }

  return (
    <Dialog labelledBy="copy-board-title" onClose={onClose} class="move-copy-dialog">
      <form class="move-copy" onSubmit={submit}>
        <h2 id="copy-board-title">Copy board</h2>
        <label>
          Title
          <input value={title} required maxLength={16384} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="checkbox-row">
          <input
            type="checkbox"
            checked={keepCards}
            onChange={(e) => setKeepCards(e.currentTarget.checked)}
          />
          Keep cards
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            Create copy
          </button>
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// Deleting a board, from the board menu or the closed boards list: the board's name must be typed
// first, since there is no undo. Everyone viewing the board hears of it (the deleteBoard change).
import { useState } from "preact/hooks";
import { deleteBoard } from "../api/board-lifecycle.ts";
import { plainWrite } from "../model/board-edits.ts";
import { toast } from "../model/toasts.ts";
import { navigate } from "../router.ts";
import { Dialog } from "./dialog.tsx";

/** Deleting cannot be undone: the board's name must be typed first. */
export function DeleteBoardDialog(props: {
  id: string;
  name: string;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  async function remove(event: Event) {
    event.preventDefault();
    setBusy(true);
    if (await plainWrite("delete the board", () => deleteBoard(props.id))) {
      toast(`"${props.name}" was deleted.`);
      props.onClose();
      if (props.onDeleted) props.onDeleted();
      else navigate("/");
    } else setBusy(false);
  }
  return (
    <Dialog labelledBy="delete-board-title" onClose={props.onClose} class="confirm-dialog">
      <form onSubmit={(e) => void remove(e)}>
        <h2 id="delete-board-title">Delete board?</h2>
        <p>
          All lists, cards, comments and attachments of <strong>{props.name}</strong> are deleted for
          everyone. There is no undo.
        </p>
        <label>
          Type the board's name to confirm
          <input value={typed} autoFocus onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <div class="form-actions">
          <button
            type="submit"
            class="button button-danger"
            disabled={busy || typed.trim() !== props.name.trim()}
          >
            Delete
          </button>
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

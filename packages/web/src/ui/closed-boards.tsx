// "Closed boards" at the foot of the boards page: boards I am on that were closed, with Reopen and
// (for their admins) Delete. Loaded when first opened, as Trello does.
import { slugify } from "@tack/shared/ids";
import { useState } from "preact/hooks";
import { type ClosedBoard, closedBoards, setBoardClosed } from "../api/board-lifecycle.ts";
import { ApiError } from "../api/http.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { DeleteBoardDialog } from "./delete-board-dialog.tsx";

const amAdminOf = (board: ClosedBoard) =>
  (board.memberships ?? []).some((m) => m.idMember === me.value?.id && m.memberType === "admin");

export function ClosedBoards({ onReopened }: { onReopened: () => void }) {
  const [boards, setBoards] = useState<ClosedBoard[] | null>(null);
  const [deleting, setDeleting] = useState<ClosedBoard | null>(null);

  async function load() {
    try {
      setBoards(await closedBoards());
    } catch (error) {
      toast(error instanceof ApiError ? error.message : "Could not load your closed boards.", "error");
    }
  }

  async function reopen(board: ClosedBoard) {
    try {
      await setBoardClosed(board.id, false);
      toast(`"${board.name}" is open again.`);
      await load();
      onReopened();
    } catch (error) {
      toast(`Could not reopen the board: ${error instanceof ApiError ? error.message : "error"}.`, "error");
    }
  }

  return (
    <section class="closed-boards" aria-labelledby="closed-title">
      <details
        onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && boards === null && void load()}
      >
        <summary>
          <h2 id="closed-title">Closed boards</h2>
        </summary>
        {boards?.length === 0 && <p class="muted">No closed boards.</p>}
        <ul class="closed-board-list">
          {boards?.map((b) => (
            <li key={b.id}>
              <a href={`/b/${b.shortLink || b.id}/${slugify(b.name)}`}>{b.name}</a>
              <span class="closed-board-actions">
                {amAdminOf(b) && (
                  <>
                    <button type="button" class="button" onClick={() => void reopen(b)}>
                      Reopen
                    </button>
                    <button type="button" class="button button-danger" onClick={() => setDeleting(b)}>
                      Delete
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {deleting && (
        <DeleteBoardDialog
          id={deleting.id}
          name={deleting.name}
          onClose={() => setDeleting(null)}
          onDeleted={() => void load()}
        />
      )}
    </section>
  );
}

// The board menu's "More" tab: export (Trello's JSON, and CSV), print, copy the board, make it a
// template board (admins; others then create boards from it), close, and delete (admins, after
// typing the board's name). Closing sends the admin home, where closed boards are listed
// and can be reopened; deleting tells everyone viewing (the deleteBoard change) and sends them home.

import { useState } from "preact/hooks";
import { exportCsvUrl, exportJsonUrl, setBoardClosed } from "../api/board-lifecycle.ts";
import { setBoardTemplate } from "../api/transfer.ts";
import { canOnBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { plainWrite } from "../model/board-edits.ts";
import { optimistic } from "../model/optimistic.ts";
import { toast } from "../model/toasts.ts";
import { navigate } from "../router.ts";
import { BoardPrintSheet } from "./board-print.tsx";
import { BodyLayer } from "./body-layer.tsx";
import { CopyBoardDialog } from "./copy-board-dialog.tsx";
import { DeleteBoardDialog } from "./delete-board-dialog.tsx";
import { Dialog } from "./dialog.tsx";

export function BoardLifecycle({ cache }: { cache: BoardCache }) {
  const board = cache.board.value;
  const amAdmin = canOnBoard(cache, "admin");
  const [printing, setPrinting] = useState(false);
  const [confirm, setConfirm] = useState<"close" | "delete" | "copy" | null>(null);
  const isTemplate = board.prefs.isTemplate;

  function toggleTemplate() {
    const prefs = { ...board.prefs, isTemplate: !isTemplate };
    void optimistic(cache, "change the template setting", { board: { ...board, prefs } }, () =>
      setBoardTemplate(cache.id, !isTemplate),
    );
  }

  function print() {
    setPrinting(true);
    // Print once the sheet is in the page; drop it when the print dialog closes.
    requestAnimationFrame(() => {
      window.addEventListener("afterprint", () => setPrinting(false), { once: true });
      window.print();
    });
  }

  async function close() {
    if (await plainWrite("close the board", () => setBoardClosed(cache.id, true))) {
      toast(`"${board.name}" is closed. Reopen it from Closed boards on your boards page.`);
      navigate("/");
    }
  }

  return (
    <section class="board-lifecycle" aria-label="More">
      <h3>Export</h3>
      <p class="menu-links">
        <a class="button" href={exportJsonUrl(cache.id)} download="">
          Export as JSON
        </a>
        <a class="button" href={exportCsvUrl(cache.id)} download="">
          Export as CSV
        </a>
      </p>
      <h3>Print</h3>
      <button type="button" class="button" onClick={print}>
        Print board
      </button>
      {printing && (
        <BodyLayer class="print-host">
          <BoardPrintSheet cache={cache} />
        </BodyLayer>
      )}
      <h3>Copy</h3>
      <p class="menu-links">
        <button type="button" class="button" onClick={() => setConfirm("copy")}>
          Copy board…
        </button>
        {amAdmin && (
          <button type="button" class="button" aria-pressed={isTemplate} onClick={toggleTemplate}>
            {isTemplate ? "Not a template" : "Make template"}
          </button>
        )}
      </p>
      {isTemplate && (
        <p class="menu-note">This is a template board: people who can read it create boards from it.</p>
      )}
      {amAdmin && (
        <>
          <h3>Close or delete</h3>
          <p class="menu-links">
            <button type="button" class="button" onClick={() => setConfirm("close")}>
              Close board
            </button>
            <button type="button" class="button button-danger" onClick={() => setConfirm("delete")}>
              Delete board
            </button>
          </p>
        </>
      )}
      {confirm === "close" && (
        <Dialog labelledBy="close-board-title" onClose={() => setConfirm(null)} class="confirm-dialog">
          <h2 id="close-board-title">Close board?</h2>
          <p>You can find and reopen closed boards at the bottom of your boards page.</p>
          <div class="form-actions">
            <button type="button" class="button button-primary" onClick={() => void close()}>
              Close
            </button>
            <button type="button" class="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
      {confirm === "copy" && (
        <CopyBoardDialog id={cache.id} name={board.name} onClose={() => setConfirm(null)} />
      )}
      {confirm === "delete" && (
        <DeleteBoardDialog id={cache.id} name={board.name} onClose={() => setConfirm(null)} />
      )}
    </section>
  );
}

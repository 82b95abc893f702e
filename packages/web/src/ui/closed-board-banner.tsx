// Across the top of a closed board: it is closed, and its admins may reopen it here.
import { setBoardClosed } from "../api/board-lifecycle.ts";
import { canOnBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { plainWrite } from "../model/board-edits.ts";

export function ClosedBoardBanner({ cache }: { cache: BoardCache }) {
  if (!cache.board.value.closed) return null;
  return (
    <div class="closed-board-banner" role="status">
      <span>This board is closed.</span>
      {canOnBoard(cache, "admin") && (
        <button
          type="button"
          class="button"
          onClick={() => void plainWrite("reopen the board", () => setBoardClosed(cache.id, false))}
        >
          Reopen board
        </button>
      )}
    </div>
  );
}

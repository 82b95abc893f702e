// Deleting a board: the deleteBoard action is recorded (so every viewer hears of it) and the board
// with everything on it is removed in the same transaction; the attachments' bytes go only after
// that commit, so no blob is ever deleted while a record still points at it.
import { discardAttachmentBlobs } from "../../attachments/discard.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export const deleteBoard = defineCommand({
  kind: "deleteBoard",
  async run(tx, _args: Record<never, never>, { ctx, boardId, rec }): Promise<void> {
    const attachments = await tx.all("attachment");
    await rec.record(
      "deleteBoard",
      { board: boardRef(tx.board()) },
      {},
      { deleted: [{ kind: "board", id: boardId }] },
    );
    await tx.removeBoard();
    rec.afterCommit(() => discardAttachmentBlobs(ctx, attachments));
  },
  replay: () => undefined,
});

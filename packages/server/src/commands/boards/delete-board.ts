// Deleting a board: the deleteBoard action is recorded (so every viewer hears of it) and the board
// with everything on it is removed in the same transaction; the attachments' bytes go only after
// that commit, so no blob is ever deleted while a record still points at it.
import { discardAttachmentBlobs } from "../../attachments/discard.ts";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";

export async function deleteBoard(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  mutationId: string | null,
): Promise<void> {
  await mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteBoard",
      async run(tx, rec) {
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
    },
    { mutationId },
  );
}

// Comments exist only as `commentCard` actions (as in Trello). Only the author edits a comment;
// the author or a board admin deletes one. A deleted comment leaves the activity feed, while the
// change log keeps its place in the sequence as a tombstone without its text (store.ts,
// `removeComment`); an edit leaves no earlier text behind either (`putCommentText`).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";

export async function editComment(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  cardId: string,
  actionId: string,
  text: string,
  mutationId: string | null,
): Promise<void> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "editComment",
      async run(tx, rec) {
        const comment = await tx.comment(actionId);
        if (!comment || (comment.data.card as { id?: string } | undefined)?.id !== cardId)
          throw notFound("comment");
        if (comment.idMemberCreator !== actor.memberId)
          throw new TackError(ErrorCode.forbidden, "Only the author can edit a comment");
        await tx.putCommentText(actionId, text);
        await rec.record(
          "updateComment",
          {
            board: boardRef(tx.board()),
            card: comment.data.card,
            // No `old` text (Trello sends one): an edited-away text must leave history, not travel in it.
            action: { id: actionId, text },
          },
          {},
          { cardId },
        );
      },
      replay: () => undefined,
    },
    { mutationId },
  );
}

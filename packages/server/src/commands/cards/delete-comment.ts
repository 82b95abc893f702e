// Comments exist only as `commentCard` actions (as in Trello). Only the author edits a comment;
// the author or a board admin deletes one. A deleted comment leaves the activity feed, while the
// change log keeps its place in the sequence as a tombstone without its text (store.ts,
// `removeComment`); an edit leaves no earlier text behind either (`putCommentText`).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";

export async function deleteComment(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  cardId: string,
  actionId: string,
  isAdmin: boolean,
  mutationId: string | null,
): Promise<void> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteComment",
      async run(tx, rec) {
        const comment = await tx.comment(actionId);
        if (!comment || (comment.data.card as { id?: string } | undefined)?.id !== cardId)
          throw notFound("comment");
        if (comment.idMemberCreator !== actor.memberId && !isAdmin) {
          throw new TackError(ErrorCode.forbidden, "Only the author or a board admin can delete a comment");
        }
        await tx.removeComment(actionId);
        const card = await tx.get("card", cardId);
        const models = card ? { cards: [{ ...card, commentCount: Math.max(0, card.commentCount - 1) }] } : {};
        if (models.cards) await tx.put("card", models.cards[0]!);
        await rec.record(
          "deleteComment",
          { board: boardRef(tx.board()), card: comment.data.card, action: { id: actionId } },
          models,
          {
            cardId,
            deleted: [{ kind: "comment", id: actionId }],
          },
        );
      },
      replay: () => undefined,
    },
    { mutationId },
  );
}

// Deleting a comment: its author or a board admin may. The comment leaves the activity feed; the
// change log keeps its place as a tombstone without its text (store.ts, `removeComment`).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export interface DeleteCommentArgs {
  readonly cardId: string;
  readonly actionId: string;
  /** The caller is an admin of the board (who may delete anyone's comment). */
  readonly byBoardAdmin: boolean;
}

export const deleteComment = defineCommand({
  kind: "deleteComment",
  async run(tx, { cardId, actionId, byBoardAdmin }: DeleteCommentArgs, { actor, rec }): Promise<void> {
    const comment = await tx.comment(actionId);
    if (!comment || (comment.data.card as { id?: string } | undefined)?.id !== cardId)
      throw notFound("comment");
    if (comment.idMemberCreator !== actor.memberId && !byBoardAdmin) {
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
      { cardId, deleted: [{ kind: "comment", id: actionId }] },
    );
  },
  replay: () => undefined,
});

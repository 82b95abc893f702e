// Editing a comment: only its author may. The `updateComment` action carries the new text and no
// old one (Trello sends one): an edited-away text must leave history, not travel in it.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { Action } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export interface EditCommentArgs {
  readonly cardId: string;
  readonly actionId: string;
  readonly text: string;
}

/** The edited comment; null on a replayed retry (the change carries the edit, not the comment). */
export const editComment = defineCommand({
  kind: "editComment",
  async run(tx, { cardId, actionId, text }: EditCommentArgs, { actor, rec }): Promise<Action | null> {
    const comment = await tx.comment(actionId);
    if (!comment || (comment.data.card as { id?: string } | undefined)?.id !== cardId)
      throw notFound("comment");
    if (comment.idMemberCreator !== actor.memberId)
      throw new TackError(ErrorCode.forbidden, "Only the author can edit a comment");
    await tx.putCommentText(actionId, text);
    await rec.record(
      "updateComment",
      { board: boardRef(tx.board()), card: comment.data.card, action: { id: actionId, text } },
      {},
      { cardId },
    );
    return { ...comment, data: { ...comment.data, text } };
  },
  replay: (): Action | null => null,
});

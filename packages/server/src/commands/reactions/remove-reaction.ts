// Taking back a reaction: only the person who reacted may (Trello's rule).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export interface RemoveReactionArgs {
  readonly actionId: string;
  readonly reactionId: string;
}

export const removeReaction = defineCommand({
  kind: "removeReaction",
  async run(tx, { actionId, reactionId }: RemoveReactionArgs, { actor, rec }): Promise<void> {
    const comment = await tx.comment(actionId);
    const reaction = comment && (await tx.reactionsOf(actionId)).find((r) => r.id === reactionId);
    if (!comment || !reaction) throw notFound("reaction");
    if (reaction.idMember !== actor.memberId)
      throw new TackError(ErrorCode.forbidden, "Only the person who reacted can remove a reaction");
    await tx.removeReaction(reactionId);
    const cardId = (comment.data.card as { id?: string } | undefined)?.id ?? null;
    await rec.record(
      "removeReactionFromComment",
      { board: boardRef(tx.board()), card: comment.data.card, action: { id: actionId }, reaction },
      {},
      { cardId },
    );
  },
  replay: () => undefined,
});

// An emoji reaction on a comment (Trello's reactions API). One person's one emoji on one comment:
// adding it again answers the one already there. The action it records carries the reaction so
// viewers of the board see it arrive; the activity feed leaves reactions out (web action-text.ts).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { MAX_REACTIONS_PER_MEMBER, type Reaction, type ReactionEmoji } from "@tack/shared/reactions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export interface AddReactionArgs {
  readonly actionId: string;
  readonly emoji: ReactionEmoji;
}

export const addReaction = defineCommand({
  kind: "addReaction",
  async run(tx, { actionId, emoji }: AddReactionArgs, { actor, rec }): Promise<Reaction> {
    const comment = await tx.comment(actionId);
    if (!comment) throw notFound("comment");
    const mine = (await tx.reactionsOf(actionId)).filter((r) => r.idMember === actor.memberId);
    const already = mine.find((r) => r.emoji.unified === emoji.unified);
    if (already) return already;
    if (mine.length >= MAX_REACTIONS_PER_MEMBER) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `One person can add at most ${MAX_REACTIONS_PER_MEMBER} reactions to a comment: remove one first`,
      );
    }
    const reaction: Reaction = {
      id: newId(),
      idAction: actionId,
      idMember: actor.memberId,
      emoji,
      date: rec.now,
    };
    await tx.putReaction(reaction);
    const cardId = (comment.data.card as { id?: string } | undefined)?.id ?? null;
    await rec.record(
      "addReactionToComment",
      { board: boardRef(tx.board()), card: comment.data.card, action: { id: actionId }, reaction },
      {},
      { cardId },
    );
    return reaction;
  },
  replay: (change) => change.action.data.reaction as Reaction,
});

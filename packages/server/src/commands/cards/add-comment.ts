// Comments exist only as `commentCard` actions (as in Trello). Only the author edits a comment;
// the author or a board admin deletes one. A deleted comment leaves the activity feed, while the
// change log keeps its place in the sequence as a tombstone without its text (store.ts,
// `removeComment`); an edit leaves no earlier text behind either (`putCommentText`).

import { notFound } from "@tack/shared/errors";
import { newIdOnBoard } from "@tack/shared/ids";
import type { Action } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, listRef } from "../refs.ts";

export interface AddCommentArgs {
  readonly cardId: string;
  readonly text: string;
}

/** The comment's `commentCard` action. */
export const addComment = defineCommand({
  kind: "addComment",
  async run(tx, { cardId, text }: AddCommentArgs, { rec }): Promise<Action> {
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    const list = await tx.get("list", card.idList);
    const after = { ...card, commentCount: card.commentCount + 1, dateLastActivity: rec.now };
    await tx.put("card", after);
    const change = await rec.record(
      "commentCard",
      { text, board: boardRef(tx.board()), card: cardRef(card), ...(list && { list: listRef(list) }) },
      { cards: [after] },
      { cardId, id: newIdOnBoard(tx.boardId) },
    );
    return change.action;
  },
  replay: (change) => change.action,
});

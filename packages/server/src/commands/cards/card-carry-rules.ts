// Carrying a card from one board to another inside a two-board transaction (a card moved, or the
// cards of a moved list): it leaves the source with its checklists, attachments and comments, and
// lands on the target under a new card number, with its labels matched or made there and its
// members kept where they belong (card-transfer-rules.ts). The caller records the actions.
import type { DeletedRef } from "@tack/shared/changes";
import { newIdOnBoard } from "@tack/shared/ids";
import type { Action, Attachment, Card, Checklist, Label, List } from "@tack/shared/models";
import type { AppContext } from "../../context.ts";
import type { BoardTx } from "../../store/store.ts";
import type { Across } from "../mutate.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, listRef } from "../refs.ts";
import {
  attachmentOnTarget,
  cardOnTarget,
  checklistOnTarget,
  labelsOnTarget,
  membersOnTarget,
} from "./card-transfer-rules.ts";
import { customFieldItemsOnTarget } from "./custom-field-transfer-rules.ts";

/** How many of a card's comments move with it (Trello's export keeps at most 1,000 actions too). */
const COMMENTS_MOVED = 1_000;

export interface CarriedCard {
  card: Card;
  labelsMade: Label[];
  checklists: Checklist[];
  attachments: Attachment[];
  comments: Action[];
  /** What the source board's change removes. */
  deleted: DeletedRef[];
}

export async function carryCard(
  ctx: AppContext,
  { from, to }: Across<BoardTx>,
  before: Card,
  place: Pick<Card, "idList" | "pos" | "dateLastActivity">,
): Promise<CarriedCard> {
  const cardId = before.id;
  const sourceLabels = (await from.all("label")).filter((l) => before.idLabels.includes(l.id));
  const checklists = await from.children("checklist", cardId);
  const attachments = await from.children("attachment", cardId);
  // The source board is locked by this transaction: no comment can land on it meanwhile.
  const comments = await ctx.store.actions({
    boardId: from.boardId,
    cardId,
    types: ["commentCard"],
    limit: COMMENTS_MOVED,
  });
  // Leave the source first: the target's writes of the same ids come after (transactPair).
  await from.remove("card", cardId);
  for (const c of checklists) await from.remove("checklist", c.id);
  for (const a of attachments) await from.remove("attachment", a.id);
  for (const comment of comments) await from.removeComment(comment.id);

  const { idLabels, created } = await labelsOnTarget(to, sourceLabels);
  const members = await membersOnTarget(to, [
    ...before.idMembers,
    ...checklists.flatMap((c) => c.checkItems.flatMap((i) => (i.idMember ? [i.idMember] : []))),
  ]);
  const board = to.board();
  const idShort = board.cardCounter + 1;
  await to.putBoard({ ...board, cardCounter: idShort });
  const customFieldItems = before.customFieldItems?.length
    ? customFieldItemsOnTarget(
        before.customFieldItems,
        await from.all("customField"),
        await to.all("customField"),
        cardId,
      )
    : [];
  const card: Card = {
    ...cardOnTarget(before, { idBoard: to.boardId, idList: place.idList, idShort, pos: place.pos }),
    ...(customFieldItems.length > 0 && { customFieldItems }),
    idLabels,
    idMembers: before.idMembers.filter((id) => members.has(id)),
    commentCount: comments.length,
    dateLastActivity: place.dateLastActivity,
  };
  await to.put("card", card);
  const movedChecklists = checklists.map((c) =>
    checklistOnTarget(c, { id: c.id, idBoard: to.boardId, idCard: cardId }, members),
  );
  const movedAttachments = attachments.map((a) =>
    attachmentOnTarget(a, { id: a.id, idBoard: to.boardId, idCard: cardId }),
  );
  await to.putAll("checklist", movedChecklists);
  await to.putAll("attachment", movedAttachments);
  return {
    card,
    labelsMade: created,
    checklists: movedChecklists,
    attachments: movedAttachments,
    comments,
    deleted: [
      { kind: "card", id: cardId },
      ...checklists.map((c) => ({ kind: "checklist" as const, id: c.id })),
      ...attachments.map((a) => ({ kind: "attachment" as const, id: a.id })),
    ],
  };
}

/** The card's comments, written again on the target under their authors and dates (oldest first). */
export async function recordCarriedComments(to: BoardTx, carried: CarriedCard, list: List): Promise<void> {
  for (const comment of [...carried.comments].reverse())
    await to.record({
      id: newIdOnBoard(to.boardId),
      type: "commentCard",
      memberId: comment.idMemberCreator,
      date: comment.date,
      data: {
        ...comment.data,
        board: boardRef(to.board()),
        list: listRef(list),
        card: cardRef(carried.card),
      },
      models: {},
      cardId: carried.card.id,
    });
}

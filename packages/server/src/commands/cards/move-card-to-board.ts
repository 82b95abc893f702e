// `PUT /1/cards/{id}` with another board's `idBoard`: the card leaves its board and lands on the
// target, in one transaction holding both boards (mutateAcross). It keeps its id, short link,
// checklists, attachments and comments; its labels are matched on the target by name and colour
// (made there when missing), its members kept where they belong to the target board. The source
// board records Trello's `moveCardFromBoard` (and the card's removal), the target
// `moveCardToBoard` (and the card with what came along), so both boards' viewers see it live.
import { invalid, notFound } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { Card, List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { BoardTx } from "../../store/store.ts";
import { defineCrossBoardCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import {
  attachmentOnTarget,
  cardOnTarget,
  checklistOnTarget,
  checkOpenCardRoom,
  labelsOnTarget,
  membersOnTarget,
} from "./card-transfer-rules.ts";

export interface MoveCardToBoardArgs {
  readonly cardId: string;
  /** A list of the target board; absent: its first open list. */
  readonly idList?: string | undefined;
  readonly pos?: PositionRequest | undefined;
}

/** How many of a card's comments move with it (Trello's export keeps at most 1,000 actions too). */
const COMMENTS_MOVED = 1_000;

export const moveCardToBoard = defineCrossBoardCommand({
  kind: "moveCardToBoard",
  async run({ from, to }, { cardId, idList, pos }: MoveCardToBoardArgs, { ctx, rec }): Promise<Card> {
    const before = await from.get("card", cardId);
    if (!before) throw notFound("card");
    const list = await targetList(to, idList);
    if (!before.closed) await checkOpenCardRoom(to, 1);
    const sourceLabels = (await from.all("label")).filter((l) => before.idLabels.includes(l.id));
    const checklists = await from.children("checklist", cardId);
    const attachments = await from.children("attachment", cardId);
    const comments = await ctx.store.actions({
      boardId: from.boardId,
      cardId,
      types: ["commentCard"],
      limit: COMMENTS_MOVED,
    });
    const listBefore = await from.get("list", before.idList);

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
    const placed = placeAmong(await to.children("card", list.id), pos ?? "bottom", cardId);
    for (const moved of placed.moved) await to.put("card", moved);
    const board = to.board();
    const idShort = board.cardCounter + 1;
    await to.putBoard({ ...board, cardCounter: idShort });
    const card: Card = {
      ...cardOnTarget(before, { idBoard: to.boardId, idList: list.id, idShort, pos: placed.pos }),
      idLabels,
      idMembers: before.idMembers.filter((id) => members.has(id)),
      commentCount: comments.length,
      dateLastActivity: rec.to.now,
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

    const source = from.board();
    await rec.to.record(
      "moveCardToBoard",
      {
        board: boardRef(board),
        boardSource: { id: source.id, name: source.name },
        list: listRef(list),
        card: cardRef(card),
      },
      {
        cards: [...placed.moved, card],
        ...(created.length > 0 && { labels: created }),
        ...(movedChecklists.length > 0 && { checklists: movedChecklists }),
        ...(movedAttachments.length > 0 && { attachments: movedAttachments }),
      },
      { cardId },
    );
    // The card's comments go with it, under their authors and dates (oldest first, as written).
    for (const comment of [...comments].reverse())
      await to.record({
        id: newId(),
        type: "commentCard",
        memberId: comment.idMemberCreator,
        date: comment.date,
        data: { ...comment.data, board: boardRef(board), list: listRef(list), card: cardRef(card) },
        models: {},
        cardId,
      });
    await rec.from.record(
      "moveCardFromBoard",
      {
        board: boardRef(source),
        boardTarget: { id: board.id, name: board.name },
        ...(listBefore && { list: listRef(listBefore) }),
        card: cardRef(before),
      },
      {},
      {
        cardId,
        deleted: [
          { kind: "card", id: cardId },
          ...checklists.map((c) => ({ kind: "checklist" as const, id: c.id })),
          ...attachments.map((a) => ({ kind: "attachment" as const, id: a.id })),
        ],
      },
    );
    return card;
  },
  replay: (change) => change.models.cards!.at(-1)!,
});

/** The list the card lands in: the one named (which must be on the target board), or its first open list. */
async function targetList(to: BoardTx, idList: string | undefined): Promise<List> {
  if (idList !== undefined) {
    const list = await to.get("list", idList);
    if (!list) throw invalid("idList", "no such list on the target board: pick one of its lists");
    return list;
  }
  const first = (await to.all("list")).filter((l) => !l.closed).sort((a, b) => a.pos - b.pos)[0];
  if (!first) throw invalid("idBoard", "the target board has no open list: add a list there first");
  return first;
}

// `PUT /1/lists/{id}/idBoard` (or idBoard on `PUT /1/lists/{id}`): the list and every card on it
// (open and archived) leave their board for the target, in one transaction holding both boards.
// Each card is carried as a moved card is (card-carry-rules.ts). The source records
// `moveListFromBoard` with the removals, the target `moveListToBoard` with the list and its cards.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { Limits } from "@tack/shared/limits";
import type { Attachment, Card, Checklist, Label, List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { type CarriedCard, carryCard, recordCarriedComments } from "../cards/card-carry-rules.ts";
import { checkOpenCardRoom } from "../cards/card-transfer-rules.ts";
import { defineCrossBoardCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { listRef } from "../refs.ts";

export interface MoveListToBoardArgs {
  readonly listId: string;
  readonly pos?: PositionRequest | undefined;
}

export const moveListToBoard = defineCrossBoardCommand({
  kind: "moveListToBoard",
  async run({ from, to }, { listId, pos }: MoveListToBoardArgs, { ctx, rec }): Promise<List> {
    const before = await from.get("list", listId);
    if (!before) throw notFound("list");
    if (!before.closed && (await to.countOpen("list")) >= Limits.openListsPerBoard)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openListsPerBoard} open lists: archive some on the target board first`,
      );
    const cards = (await from.children("card", listId)).sort((a, b) => a.pos - b.pos);
    await checkOpenCardRoom(to, cards.filter((c) => !c.closed).length);
    const placed = placeAmong(await to.all("list"), pos ?? "bottom", listId);
    for (const moved of placed.moved) await to.put("list", moved);
    await from.remove("list", listId);
    const list: List = { ...before, idBoard: to.boardId, pos: placed.pos };
    await to.put("list", list);
    const carried: CarriedCard[] = [];
    for (const card of cards)
      carried.push(
        await carryCard(ctx, { from, to }, card, {
          idList: listId,
          pos: card.pos,
          dateLastActivity: rec.to.now,
        }),
      );
    const source = from.board();
    const board = to.board();
    const all = <T>(pick: (c: CarriedCard) => T[]): T[] => carried.flatMap(pick);
    const labels: Label[] = all((c) => c.labelsMade);
    const checklists: Checklist[] = all((c) => c.checklists);
    const attachments: Attachment[] = all((c) => c.attachments);
    const movedCards: Card[] = carried.map((c) => c.card);
    await rec.to.record(
      "moveListToBoard",
      { board: boardRef(board), boardSource: { id: source.id, name: source.name }, list: listRef(list) },
      {
        lists: [...placed.moved, list],
        ...(movedCards.length > 0 && { cards: movedCards }),
        ...(labels.length > 0 && { labels }),
        ...(checklists.length > 0 && { checklists }),
        ...(attachments.length > 0 && { attachments }),
      },
    );
    for (const c of carried) await recordCarriedComments(to, c, list);
    await rec.from.record(
      "moveListFromBoard",
      { board: boardRef(source), boardTarget: { id: board.id, name: board.name }, list: listRef(before) },
      {},
      { deleted: [{ kind: "list", id: listId }, ...all((c) => c.deleted)] },
    );
    return list;
  },
  replay: (change) => change.models.lists!.at(-1)!,
});

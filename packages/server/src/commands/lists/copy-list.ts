// `POST /1/lists` with `idListSource`: a new list on this board with copies of the source list's
// open cards (labels, members, checklists, attachments, dates; not comments), in one change. The
// source (any board the actor can read) was read before this transaction (routes/list-copy.ts).
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newIdOnBoard } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { List } from "@tack/shared/models";
import type { CardKeepable } from "@tack/shared/schemas";
import { type CardCopy, type CardSource, writeCardCopy } from "../cards/card-copy-rules.ts";
import { checkOpenCardRoom } from "../cards/card-transfer-rules.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { listRef } from "../refs.ts";
import type { CreateList } from "./create-list.ts";

/** What a copied list's cards keep (Trello's copy list keeps everything but comments). */
export const LIST_COPY_KEEPS: ReadonlySet<CardKeepable> = new Set([
  "attachments",
  "checklists",
  "customFields",
  "due",
  "start",
  "labels",
  "members",
  "stickers",
]);

export interface CopyListArgs {
  readonly input: CreateList;
  readonly sourceList: List;
  readonly sources: readonly CardSource[];
}

export const copyList = defineCommand({
  kind: "copyList",
  async run(tx, { input, sourceList, sources }: CopyListArgs, { boardId, rec }): Promise<List> {
    if ((await tx.countOpen("list")) >= Limits.openListsPerBoard)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openListsPerBoard} open lists: archive some first`,
      );
    await checkOpenCardRoom(tx, sources.length);
    const id = newIdOnBoard(tx.boardId);
    const placed = placeAmong(await tx.all("list"), input.pos ?? "bottom", id);
    for (const moved of placed.moved) await tx.put("list", moved);
    const list: List = {
      id,
      idBoard: boardId,
      name: input.name,
      closed: false,
      pos: placed.pos,
      softLimit: input.softLimit ?? sourceList.softLimit,
    };
    await tx.put("list", list);
    const copies: CardCopy[] = [];
    for (const source of sources)
      copies.push(
        await writeCardCopy(tx, source, LIST_COPY_KEEPS, {
          idList: id,
          pos: source.card.pos,
          dateLastActivity: rec.now,
          name: source.card.name,
          desc: source.card.desc,
          closed: false,
          isTemplate: source.card.isTemplate,
        }),
      );
    const labels = copies.flatMap((c) => c.labelsMade);
    const checklists = copies.flatMap((c) => c.checklists);
    const attachments = copies.flatMap((c) => c.attachments);
    await rec.record(
      "createList",
      { board: boardRef(tx.board()), list: listRef(list), listSource: listRef(sourceList) },
      {
        lists: [...placed.moved, list],
        ...(copies.length > 0 && { cards: copies.map((c) => c.card) }),
        ...(labels.length > 0 && { labels }),
        ...(checklists.length > 0 && { checklists }),
        ...(attachments.length > 0 && { attachments }),
      },
    );
    return list;
  },
  replay: (change) => change.models.lists!.at(-1)!,
});

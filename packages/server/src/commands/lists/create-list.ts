import { ErrorCode, TackError } from "@tack/shared/errors";
import { newIdOnBoard } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { listRef } from "../refs.ts";

export interface CreateList {
  name: string;
  pos?: PositionRequest | undefined;
  closed?: boolean | undefined;
  softLimit?: number | null | undefined;
}

export interface CreateListArgs {
  readonly input: CreateList;
}

export const createList = defineCommand({
  kind: "createList",
  async run(tx, { input }: CreateListArgs, { boardId, rec }): Promise<List> {
    if ((await tx.countOpen("list")) >= Limits.openListsPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openListsPerBoard} open lists: archive some first`,
      );
    }
    const id = newIdOnBoard(tx.boardId);
    const placed = placeAmong(await tx.all("list"), input.pos ?? "bottom", id);
    for (const moved of placed.moved) await tx.put("list", moved);
    const list: List = {
      id,
      idBoard: boardId,
      name: input.name,
      closed: input.closed ?? false,
      pos: placed.pos,
      softLimit: input.softLimit ?? null,
    };
    await tx.put("list", list);
    await rec.record(
      "createList",
      { board: boardRef(tx.board()), list: listRef(list) },
      { lists: [...placed.moved, list] },
    );
    return list;
  },
  replay: (change) => change.models.lists!.at(-1)!,
});

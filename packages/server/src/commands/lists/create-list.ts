import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { listRef } from "../refs.ts";

export interface CreateList {
  name: string;
  pos?: PositionRequest | undefined;
  closed?: boolean | undefined;
}

export async function createList(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  input: CreateList,
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "createList",
      async run(tx, rec) {
        if ((await tx.countOpen("list")) >= Limits.openListsPerBoard) {
          throw new TackError(
            ErrorCode.limitExceeded,
            `A board can have at most ${Limits.openListsPerBoard} open lists: archive some first`,
          );
        }
        const id = newId();
        const placed = placeAmong(await tx.all("list"), input.pos ?? "bottom", id);
        for (const moved of placed.moved) await tx.put("list", moved);
        const list: List = {
          id,
          idBoard: boardId,
          name: input.name,
          closed: input.closed ?? false,
          pos: placed.pos,
        };
        await tx.put("list", list);
        await rec.record(
          "createList",
          { board: boardRef(tx.board()), list: listRef(list) },
          { lists: [...placed.moved, list] },
        );
        return id;
      },
      replay: (change) => change.models.lists!.at(-1)!.id,
    },
    { mutationId },
  );
}

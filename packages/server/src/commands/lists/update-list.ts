import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { Limits } from "@tack/shared/limits";
import type { List } from "@tack/shared/models";
import type { UpdateListInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { listRef } from "../refs.ts";

// Renaming, archiving/restoring or moving a list: one `updateList` action with the old values.

export interface UpdateListArgs {
  readonly listId: string;
  readonly input: UpdateListInput;
}

/** Renames, archives/restores or moves a list: one `updateList` action with the old values. */
export const updateList = defineCommand({
  // A retry of a move to another board finds the list there already: it replays under the move's kind.
  kind: ({ input }: UpdateListArgs) => (input.idBoard === undefined ? "updateList" : "moveListToBoard"),
  async run(tx, { listId, input }: UpdateListArgs, { rec }): Promise<List> {
    const before = await tx.get("list", listId);
    if (!before) throw notFound("list");
    if (input.closed === false && before.closed && (await tx.countOpen("list")) >= Limits.openListsPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openListsPerBoard} open lists`,
      );
    }
    let moved: List[] = [];
    let pos = before.pos;
    if (input.pos !== undefined) {
      const placed = placeAmong(await tx.all("list"), input.pos, listId);
      pos = placed.pos;
      moved = placed.moved;
      for (const m of moved) await tx.put("list", m);
    }
    const after: List = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.closed !== undefined && { closed: input.closed }),
      ...(input.softLimit !== undefined && { softLimit: input.softLimit }),
      pos,
    };
    await tx.put("list", after);
    const old: Record<string, unknown> = {};
    for (const key of ["name", "closed", "pos", "softLimit"] as const)
      if (after[key] !== before[key]) old[key] = before[key];
    await rec.record(
      "updateList",
      {
        board: boardRef(tx.board()),
        list: {
          ...listRef(after),
          ...Object.fromEntries(Object.keys(old).map((k) => [k, after[k as keyof List]])),
        },
        old,
      },
      { lists: [...moved, after] },
    );
    return after;
  },
  replay: (change) => change.models.lists!.at(-1)!,
});

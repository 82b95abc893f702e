// List routes real Trello clients call that Tack had no answer for (docs/trello-compatibility.md):
// the list's actions, moving all its cards, and moving the list to a board. Moves across boards
// are not built yet: they are refused with a 400 that says so, and nothing changes.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Action } from "@tack/shared/models";
import { id, idOrShortLink, pos } from "@tack/shared/schemas";
import { z } from "zod";
import { execute } from "../commands/command.ts";
import { moveAllCards } from "../commands/lists/move-all-cards.ts";
import { presentAction } from "../presenters/action.ts";
import { presentCards } from "../presenters/board-read.ts";
import { presentList } from "../presenters/list.ts";
import { readActions } from "./actions.ts";
import type { Api } from "./api.ts";
import { updateOrMoveList } from "./lists.ts";

/** The actions that name a list: its own, and cards' that were made in, moved to or from it. */
const aboutList = (listId: string) => (a: Action) =>
  [a.data.list, a.data.listBefore, a.data.listAfter].some(
    (ref) => typeof ref === "object" && ref !== null && (ref as { id?: unknown }).id === listId,
  );

function refuseOtherBoard(field: string): never {
  throw new TackError(
    ErrorCode.invalidInput,
    "Moving to another board is not supported yet: name this list's own board, or copy the cards there",
    field,
  );
}

export function listExtraRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const readList = { object: "list", permission: "read" } as const;
  const writeList = { object: "list", permission: "write" } as const;

  /** A board named by id or short link is this list's board. */
  async function isOwnBoard(boardId: string, named: string): Promise<boolean> {
    if (named === boardId) return true;
    const found = await ctx.store.boardById(boardId);
    return found?.board.shortLink === named;
  }

  api.define({
    method: "GET",
    path: "/1/lists/:id/actions",
    summary: "The list's activity (filter=types, limit, before)",
    access: readList,
    handler: async ({ target, query }) => {
      const { actions, actionMembers } = await readActions(
        ctx,
        { boardId: target.boardId },
        { ...query, actions: query.filter ?? "all" },
        aboutList(target.object.id),
      );
      return actions.map((a) => presentAction(base, a, actionMembers.get(a.idMemberCreator)));
    },
  });

  api.define({
    method: "POST",
    path: "/1/lists/:id/moveAllCards",
    summary: "Move every open card of the list to another list of the same board (idBoard, idList)",
    input: z.object({ idBoard: idOrShortLink, idList: id }),
    access: writeList,
    handler: async ({ me, target, input, mutationId }) => {
      if (!(await isOwnBoard(target.boardId, input.idBoard))) refuseOtherBoard("idBoard");
      return execute(ctx, moveAllCards, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        fromListId: target.object.id,
        toListId: input.idList,
      });
    },
    present: async (cardIds, { target }) => {
      const snapshot = await ctx.store.loadBoard(target.boardId);
      if (!snapshot) return [];
      const moved = new Set(cardIds);
      return presentCards(
        base,
        snapshot,
        snapshot.cards.filter((c) => moved.has(c.id)),
        "all",
      );
    },
  });

  api.define({
    method: "PUT",
    path: "/1/lists/:id/idBoard",
    summary: "Move the list to a board (only its own board for now)",
    input: z.object({ value: idOrShortLink, pos: z.unknown().optional() }),
    access: writeList,
    handler: async ({ me, target, input, mutationId }) =>
      presentList(
        await updateOrMoveList(ctx, {
          me,
          target,
          mutationId,
          input: { idBoard: input.value, ...(input.pos !== undefined && { pos: pos.parse(input.pos) }) },
        }),
      ),
  });
}

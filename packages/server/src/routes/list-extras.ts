// List routes real Trello clients call that Tack had no answer for (docs/trello-compatibility.md):
// the list's actions, moving all its cards (to a list of its own board or of another one, decision
// 0029), and moving the list to a board.
import type { Action } from "@tack/shared/models";
import { id, idOrShortLink, pos } from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeBoard } from "../auth/access.ts";
import { execute, executeAcross } from "../commands/command.ts";
import { moveAllCards } from "../commands/lists/move-all-cards.ts";
import { moveAllCardsToBoard } from "../commands/lists/move-all-cards-to-board.ts";
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

/** The cards a move of all cards placed, in their order, and the board they are on now. */
interface MovedCards {
  boardId: string;
  cardIds: string[];
}

export function listExtraRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const readList = { object: "list", permission: "read" } as const;
  const writeList = { object: "list", permission: "write" } as const;

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
    summary: "Move every open card of the list to a list of this or another board (idBoard, idList)",
    input: z.object({ idBoard: idOrShortLink, idList: id }),
    access: writeList,
    handler: async ({ me, target, input, mutationId }): Promise<MovedCards> => {
      // The list's board is written (the route's access); another board must be writable too.
      const to = await authorizeBoard(ctx, me, input.idBoard, "write");
      const fromListId = target.object.id;
      const toListId = input.idList;
      if (to.boardId === target.boardId)
        return {
          boardId: to.boardId,
          cardIds: await execute(ctx, moveAllCards, {
            actor: me,
            boardId: target.boardId,
            mutationId,
            fromListId,
            toListId,
          }),
        };
      return {
        boardId: to.boardId,
        cardIds: await executeAcross(ctx, moveAllCardsToBoard, {
          actor: me,
          from: target.boardId,
          to: to.boardId,
          mutationId,
          fromListId,
          toListId,
        }),
      };
    },
    present: async ({ boardId, cardIds }) => {
      const snapshot = await ctx.store.loadBoard(boardId);
      if (!snapshot) return [];
      const byId = new Map(snapshot.cards.map((c) => [c.id, c]));
      const moved = cardIds.flatMap((cardId) => byId.get(cardId) ?? []);
      return presentCards(base, snapshot, moved, "all");
    },
  });

  api.define({
    method: "PUT",
    path: "/1/lists/:id/idBoard",
    summary: "Move the list to a board (only its own board for now)",
    input: z.object({ value: idOrShortLink, pos: pos.optional() }),
    access: writeList,
    handler: async ({ me, target, input, mutationId }) =>
      presentList(
        await updateOrMoveList(ctx, {
          me,
          target,
          mutationId,
          input: { idBoard: input.value, ...(input.pos !== undefined && { pos: input.pos }) },
        }),
      ),
  });
}

// Checklist routes real Trello clients call that Tack had no answer for: the checklist's board and
// its card (Trello answers the card in an array); converting a check item to a card.
import { convertCheckItem } from "../commands/checklists/convert-check-item.ts";
import { execute } from "../commands/command.ts";
import { presentBoard } from "../presenters/board.ts";
import type { Api } from "./api.ts";
import { presentCardById } from "./cards.ts";

export function checklistExtraRoutes(api: Api): void {
  const { ctx } = api;
  const readChecklist = { object: "checklist", permission: "read" } as const;

  api.define({
    method: "GET",
    path: "/1/checklists/:id/board",
    summary: "The checklist's board",
    access: readChecklist,
    handler: async ({ target }) =>
      presentBoard(ctx.config.publicUrl, (await ctx.store.boardById(target.boardId))!.board),
  });

  api.define({
    method: "GET",
    path: "/1/checklists/:id/cards",
    summary: "The checklist's card (in an array, as Trello answers)",
    access: readChecklist,
    handler: async ({ target, query }) => [await presentCardById(ctx, target.object.idCard, query.fields)],
  });

  api.define({
    method: "POST",
    path: "/1/checklists/:id/checkItems/:idCheckItem/convertToCard",
    summary: "Convert a check item to a card in the same list (the item is removed)",
    access: { object: "checklist", permission: "write", cached: true },
    handler: ({ me, target, params, mutationId }) =>
      execute(ctx, convertCheckItem, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
        itemId: params.idCheckItem,
      }),
    present: (card) => presentCardById(ctx, card.id),
  });
}

// Checklist routes real Trello clients call that Tack had no answer for: the checklist's board and
// its card (Trello answers the card in an array).
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
}

// Trello's custom fields, read side: a board's field definitions and a card's values. Boards get
// them from a Trello import; the board read embeds them with `customFields=true`.
import type { Api } from "./api.ts";

export function customFieldRoutes(api: Api): void {
  const { ctx } = api;

  api.define({
    method: "GET",
    path: "/1/boards/:id/customFields",
    summary: "The board's custom field definitions",
    access: { board: true, permission: "read" },
    handler: async ({ target }) => (await ctx.store.boardById(target.boardId))?.board.customFields ?? [],
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/customFieldItems",
    summary: "The card's custom field values",
    access: { object: "card", permission: "read" },
    handler: async ({ target }) => target.object.customFieldItems ?? [],
  });
}

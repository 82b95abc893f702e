// Trello's custom fields, read side: a board's field definitions and a card's values. Boards get
// them from a Trello import; the board read embeds them with `customFields=true`.
import { authorizeBoard, authorizeObject } from "../auth/access.ts";
import type { Api } from "./api.ts";

export function customFieldRoutes(api: Api): void {
  const { ctx } = api;

  api.get("/1/boards/:id/customFields", "The board's custom field definitions", async ({ actor, params }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    const found = await ctx.store.boardById(boardId);
    return found?.board.customFields ?? [];
  });

  api.get("/1/cards/:id/customFieldItems", "The card's custom field values", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "card", params.id!, "read");
    return object.customFieldItems ?? [];
  });
}

import { createListInput, updateListInput } from "@tack/shared/schemas";
import { createList } from "../commands/lists/create-list.ts";
import { archiveAllCards, updateList } from "../commands/lists/update-list.ts";
import { presentBoard } from "../presenters/board.ts";
import { filterCards, presentCards } from "../presenters/board-read.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentList } from "../presenters/list.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

export function listRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const presentById = async (id: string) => presentList((await ctx.store.objectById("list", id))!);
  const writeList = { object: "list", permission: "write" } as const;
  const readList = { object: "list", permission: "read" } as const;

  api.define({
    method: "POST",
    path: "/1/lists",
    summary: "Create a list",
    input: createListInput,
    access: { board: true, id: "idBoard", permission: "write" },
    handler: ({ me, target, input, mutationId }) => createList(ctx, me, target.boardId, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "GET",
    path: "/1/lists/:id",
    summary: "A list",
    access: readList,
    handler: async ({ target, query }) =>
      selectFields(presentList(target.object), fieldSelection(query.fields)),
  });

  api.define({
    method: "PUT",
    path: "/1/lists/:id",
    summary: "Rename, archive or move a list",
    input: updateListInput,
    access: writeList,
    handler: ({ me, target, input, mutationId }) =>
      updateList(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  singleFieldRoutes(api, {
    path: "/1/lists/:id",
    noun: "list",
    fields: ["name", "closed", "pos"],
    schema: updateListInput,
    access: () => writeList,
    handler: ({ me, target, input, mutationId }) =>
      updateList(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "GET",
    path: "/1/lists/:id/cards",
    summary: "The list's open cards",
    access: readList,
    handler: async ({ target, query }) => {
      const snapshot = (await ctx.store.loadBoard(target.boardId))!;
      const cards = filterCards(snapshot, typeof query.filter === "string" ? query.filter : "open").filter(
        (c) => c.idList === target.object.id,
      );
      return presentCards(base, snapshot, cards, query.fields);
    },
  });

  api.define({
    method: "GET",
    path: "/1/lists/:id/board",
    summary: "The list's board",
    access: readList,
    handler: async ({ target }) => presentBoard(base, (await ctx.store.boardById(target.boardId))!.board),
  });

  api.define({
    method: "POST",
    path: "/1/lists/:id/archiveAllCards",
    summary: "Archive every card in the list",
    access: writeList,
    handler: ({ me, target }) => archiveAllCards(ctx, me, target.boardId, target.object.id),
  });
}

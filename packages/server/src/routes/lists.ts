import type { List } from "@tack/shared/models";
import { createListInput, updateListInput } from "@tack/shared/schemas";
import { execute } from "../commands/command.ts";
import { archiveAllCards } from "../commands/lists/archive-all-cards.ts";
import { createList } from "../commands/lists/create-list.ts";
import { updateList } from "../commands/lists/update-list.ts";
import { presentBoard } from "../presenters/board.ts";
import { filterCards, presentCards } from "../presenters/board-read.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentList } from "../presenters/list.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

export function listRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const presentWritten = async (list: List) => presentList(list);
  const writeList = { object: "list", permission: "write" } as const;
  const readList = { object: "list", permission: "read" } as const;

  api.define({
    method: "POST",
    path: "/1/lists",
    summary: "Create a list",
    input: createListInput,
    access: { board: true, id: "idBoard", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, createList, { actor: me, boardId: target.boardId, mutationId, input }),
    present: presentWritten,
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
      execute(ctx, updateList, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        listId: target.object.id,
        input,
      }),
    present: presentWritten,
  });

  singleFieldRoutes(api, {
    path: "/1/lists/:id",
    noun: "list",
    fields: ["name", "closed", "pos"],
    schema: updateListInput,
    access: () => writeList,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, updateList, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        listId: target.object.id,
        input,
      }),
    present: presentWritten,
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
    handler: async ({ me, target }) => {
      await execute(ctx, archiveAllCards, { actor: me, boardId: target.boardId, listId: target.object.id });
    },
  });
}

import { notFound } from "@tack/shared/errors";
import {
  createCheckItemInput,
  createChecklistInput,
  updateCheckItemInput,
  updateChecklistInput,
} from "@tack/shared/schemas";
import {
  createCheckItem,
  createChecklist,
  deleteCheckItem,
  deleteChecklist,
  updateCheckItem,
  updateChecklist,
} from "../commands/checklists/checklists.ts";
import { presentCheckItem, presentChecklist } from "../presenters/checklist.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

export function checklistRoutes(api: Api): void {
  const { ctx } = api;
  const presentById = async (id: string) => presentChecklist((await ctx.store.objectById("checklist", id))!);
  const readChecklist = { object: "checklist", permission: "read" } as const;
  const writeChecklist = { object: "checklist", permission: "write" } as const;
  const presentItem = async (checklistId: string, itemId: string) => {
    const after = await ctx.store.objectById("checklist", checklistId);
    return presentCheckItem(after!.checkItems.find((i) => i.id === itemId)!);
  };

  api.define({
    method: "POST",
    path: "/1/checklists",
    summary: "Create a checklist on a card",
    input: createChecklistInput,
    access: { object: "card", id: "idCard", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      createChecklist(ctx, me, target.boardId, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "GET",
    path: "/1/checklists/:id",
    summary: "A checklist with its items",
    access: readChecklist,
    handler: async ({ target }) => presentChecklist(target.object),
  });

  api.define({
    method: "PUT",
    path: "/1/checklists/:id",
    summary: "Rename or move a checklist",
    input: updateChecklistInput,
    access: writeChecklist,
    handler: ({ me, target, input, mutationId }) =>
      updateChecklist(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  singleFieldRoutes(api, {
    path: "/1/checklists/:id",
    noun: "checklist",
    fields: ["name", "pos"],
    schema: updateChecklistInput,
    access: () => writeChecklist,
    handler: ({ me, target, input, mutationId }) =>
      updateChecklist(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "DELETE",
    path: "/1/checklists/:id",
    summary: "Delete a checklist",
    access: writeChecklist,
    handler: ({ me, target, mutationId }) =>
      deleteChecklist(ctx, me, target.boardId, target.object.id, mutationId),
  });

  api.define({
    method: "GET",
    path: "/1/checklists/:id/checkItems",
    summary: "The checklist's items",
    access: readChecklist,
    handler: async ({ target }) => presentChecklist(target.object).checkItems,
  });

  api.define({
    method: "GET",
    path: "/1/checklists/:id/checkItems/:idCheckItem",
    summary: "One check item",
    access: readChecklist,
    handler: async ({ target, params }) => {
      const item = target.object.checkItems.find((i) => i.id === params.idCheckItem);
      if (!item) throw notFound("check item");
      return presentCheckItem(item);
    },
  });

  api.define({
    method: "POST",
    path: "/1/checklists/:id/checkItems",
    summary: "Add an item to the checklist",
    input: createCheckItemInput,
    access: writeChecklist,
    handler: async ({ me, target, input, mutationId }) => {
      const itemId = await createCheckItem(ctx, me, target.boardId, target.object.id, input, mutationId);
      return presentItem(target.object.id, itemId);
    },
  });

  api.define({
    method: "PUT",
    path: "/1/checklists/:id/checkItems/:idCheckItem",
    summary: "Update a check item",
    input: updateCheckItemInput,
    access: writeChecklist,
    handler: async ({ me, target, params, input, mutationId }) => {
      await updateCheckItem(ctx, me, target.boardId, target.object.id, params.idCheckItem, input, mutationId);
      return presentItem(target.object.id, params.idCheckItem);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/checklists/:id/checkItems/:idCheckItem",
    summary: "Delete a check item",
    access: writeChecklist,
    handler: ({ me, target, params, mutationId }) =>
      deleteCheckItem(ctx, me, target.boardId, target.object.id, params.idCheckItem, mutationId),
  });
}

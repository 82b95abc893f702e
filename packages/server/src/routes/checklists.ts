import { notFound } from "@tack/shared/errors";
import type { Checklist } from "@tack/shared/models";
import {
  createCheckItemInput,
  createChecklistInput,
  updateCheckItemInput,
  updateChecklistInput,
} from "@tack/shared/schemas";
import { createCheckItem } from "../commands/checklists/create-check-item.ts";
import { createChecklist } from "../commands/checklists/create-checklist.ts";
import { deleteCheckItem } from "../commands/checklists/delete-check-item.ts";
import { deleteChecklist } from "../commands/checklists/delete-checklist.ts";
import { updateCheckItem } from "../commands/checklists/update-check-item.ts";
import { updateChecklist } from "../commands/checklists/update-checklist.ts";
import { execute } from "../commands/command.ts";
import { presentCheckItem, presentChecklist } from "../presenters/checklist.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

export function checklistRoutes(api: Api): void {
  const { ctx } = api;
  const presentWritten = async (checklist: Checklist) => presentChecklist(checklist);
  const readChecklist = { object: "checklist", permission: "read" } as const;
  // Its writes need only the object's id and board: access may come from the process's cache
  // (decision 0044-cached-write-access).
  const writeChecklist = { object: "checklist", permission: "write", cached: true } as const;

  api.define({
    method: "POST",
    path: "/1/checklists",
    summary: "Create a checklist on a card",
    input: createChecklistInput,
    access: { object: "card", id: "idCard", permission: "write", cached: true },
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, createChecklist, { actor: me, boardId: target.boardId, mutationId, input }),
    present: presentWritten,
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
      execute(ctx, updateChecklist, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
        input,
      }),
    present: presentWritten,
  });

  singleFieldRoutes(api, {
    path: "/1/checklists/:id",
    noun: "checklist",
    fields: ["name", "pos"],
    schema: updateChecklistInput,
    access: () => writeChecklist,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, updateChecklist, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
        input,
      }),
    present: presentWritten,
  });

  api.define({
    method: "DELETE",
    path: "/1/checklists/:id",
    summary: "Delete a checklist",
    access: writeChecklist,
    handler: ({ me, target, mutationId }) =>
      execute(ctx, deleteChecklist, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
      }),
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
      const item = await execute(ctx, createCheckItem, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
        input,
      });
      return presentCheckItem(item);
    },
  });

  api.define({
    method: "PUT",
    path: "/1/checklists/:id/checkItems/:idCheckItem",
    summary: "Update a check item",
    input: updateCheckItemInput,
    access: writeChecklist,
    handler: async ({ me, target, params, input, mutationId }) => {
      const item = await execute(ctx, updateCheckItem, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
        itemId: params.idCheckItem,
        input,
      });
      return presentCheckItem(item);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/checklists/:id/checkItems/:idCheckItem",
    summary: "Delete a check item",
    access: writeChecklist,
    handler: ({ me, target, params, mutationId }) =>
      execute(ctx, deleteCheckItem, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: target.object.id,
        itemId: params.idCheckItem,
      }),
  });
}

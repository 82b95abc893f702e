import { createLabelInput, updateLabelInput } from "@tack/shared/schemas";
import { createLabel, deleteLabel, updateLabel } from "../commands/labels/labels.ts";
import { presentLabel } from "../presenters/label.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

export function labelRoutes(api: Api): void {
  const { ctx } = api;
  const presentById = async (id: string) => presentLabel((await ctx.store.objectById("label", id))!);
  const writeLabel = { object: "label", permission: "write" } as const;

  api.define({
    method: "POST",
    path: "/1/labels",
    summary: "Create a label",
    input: createLabelInput,
    access: { board: true, id: "idBoard", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      createLabel(ctx, me, target.boardId, input.name ?? "", input.color, mutationId),
    present: presentById,
  });

  api.define({
    method: "GET",
    path: "/1/labels/:id",
    summary: "A label",
    access: { object: "label", permission: "read" },
    handler: async ({ target }) => presentLabel(target.object),
  });

  api.define({
    method: "PUT",
    path: "/1/labels/:id",
    summary: "Rename or recolor a label",
    input: updateLabelInput,
    access: writeLabel,
    handler: ({ me, target, input, mutationId }) =>
      updateLabel(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  singleFieldRoutes(api, {
    path: "/1/labels/:id",
    noun: "label",
    fields: ["name", "color"],
    schema: updateLabelInput,
    access: () => writeLabel,
    handler: ({ me, target, input, mutationId }) =>
      updateLabel(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "DELETE",
    path: "/1/labels/:id",
    summary: "Delete a label (and take it off every card)",
    access: writeLabel,
    handler: ({ me, target, mutationId }) =>
      deleteLabel(ctx, me, target.boardId, target.object.id, mutationId),
  });
}

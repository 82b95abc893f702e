import type { Label } from "@tack/shared/models";
import { createLabelInput, updateLabelInput } from "@tack/shared/schemas";
import { execute } from "../commands/command.ts";
import { createLabel } from "../commands/labels/create-label.ts";
import { deleteLabel } from "../commands/labels/delete-label.ts";
import { updateLabel } from "../commands/labels/update-label.ts";
import { presentLabel } from "../presenters/label.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

export function labelRoutes(api: Api): void {
  const { ctx } = api;
  const presentWritten = async (label: Label) => presentLabel(label);
  // Its writes need only the object's id and board: access may come from the process's cache
  // (decision 0044-cached-write-access).
  const writeLabel = { object: "label", permission: "write", cached: true } as const;

  api.define({
    method: "POST",
    path: "/1/labels",
    summary: "Create a label",
    input: createLabelInput,
    access: { board: true, id: "idBoard", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, createLabel, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        name: input.name ?? "",
        color: input.color,
      }),
    present: presentWritten,
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
      execute(ctx, updateLabel, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        labelId: target.object.id,
        input,
      }),
    present: presentWritten,
  });

  singleFieldRoutes(api, {
    path: "/1/labels/:id",
    noun: "label",
    fields: ["name", "color"],
    schema: updateLabelInput,
    access: () => writeLabel,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, updateLabel, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        labelId: target.object.id,
        input,
      }),
    present: presentWritten,
  });

  api.define({
    method: "DELETE",
    path: "/1/labels/:id",
    summary: "Delete a label (and take it off every card)",
    access: writeLabel,
    handler: ({ me, target, mutationId }) =>
      execute(ctx, deleteLabel, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        labelId: target.object.id,
      }),
  });
}

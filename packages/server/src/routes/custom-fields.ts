// Trello's custom fields: a board's field definitions (`/1/customFields…`, list fields' options)
// and a card's values (`/1/cards/{id}/customField/{idCustomField}/item`, the bulk
// `/1/cards/{id}/customFields`). Definitions are board objects; values live on the card.
import {
  createCustomFieldInput,
  customFieldItemInput,
  customFieldItemsInput,
  customFieldOptionInput,
  updateCustomFieldInput,
} from "@tack/shared/custom-field-schemas";
import { notFound } from "@tack/shared/errors";
import type { CustomField } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { execute } from "../commands/command.ts";
import { addCustomFieldOption } from "../commands/custom-fields/add-custom-field-option.ts";
import { createCustomField } from "../commands/custom-fields/create-custom-field.ts";
import { deleteCustomField } from "../commands/custom-fields/delete-custom-field.ts";
import { deleteCustomFieldOption } from "../commands/custom-fields/delete-custom-field-option.ts";
import { setCustomFieldItem } from "../commands/custom-fields/set-custom-field-item.ts";
import { setCustomFieldItems } from "../commands/custom-fields/set-custom-field-items.ts";
import { updateCustomField } from "../commands/custom-fields/update-custom-field.ts";
import {
  presentCustomField,
  presentCustomFieldItem,
  presentCustomFieldOption,
} from "../presenters/custom-field.ts";
import type { Api } from "./api.ts";

const optionOf = (field: CustomField, idOption: string) => {
  const option = field.options.find((o) => o.id === idOption);
  if (!option) throw notFound("option of this custom field");
  return option;
};

export function customFieldRoutes(api: Api): void {
  const { ctx } = api;
  const readField = { object: "customField", permission: "read" } as const;
  const writeField = { object: "customField", permission: "write" } as const;

  api.define({
    method: "GET",
    path: "/1/boards/:id/customFields",
    summary: "The board's custom field definitions",
    access: { board: true, permission: "read" },
    handler: async ({ target }) =>
      (await ctx.store.objectsOf(target.boardId, "customField")).sort(byPosition).map(presentCustomField),
  });

  api.define({
    method: "POST",
    path: "/1/customFields",
    summary: "Create a custom field on a board",
    input: createCustomFieldInput,
    access: { board: true, id: "idModel", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, createCustomField, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        name: input.name,
        type: input.type,
        options: (input.options ?? []).map((o) => ({ text: o.value.text, color: o.color ?? null })),
        pos: input.pos ?? "bottom",
        cardFront: input.display_cardFront ?? input.display?.cardFront ?? false,
      }),
    present: async (field) => presentCustomField(field),
  });

  api.define({
    method: "GET",
    path: "/1/customFields/:id",
    summary: "A custom field",
    access: readField,
    handler: async ({ target }) => presentCustomField(target.object),
  });

  api.define({
    method: "PUT",
    path: "/1/customFields/:id",
    summary: "Rename, move or show on the card front a custom field",
    input: updateCustomFieldInput,
    access: writeField,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, updateCustomField, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        fieldId: target.object.id,
        name: input.name,
        pos: input.pos,
        cardFront: input["display/cardFront"] ?? input.display_cardFront ?? input.display?.cardFront,
      }),
    present: async (field) => presentCustomField(field),
  });

  api.define({
    method: "DELETE",
    path: "/1/customFields/:id",
    summary: "Delete a custom field (and its value on every card)",
    access: writeField,
    handler: ({ me, target, mutationId }) =>
      execute(ctx, deleteCustomField, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        fieldId: target.object.id,
      }),
  });

  api.define({
    method: "GET",
    path: "/1/customFields/:id/options",
    summary: "The options of a list custom field",
    access: readField,
    handler: async ({ target }) => [...target.object.options].sort(byPosition).map(presentCustomFieldOption),
  });

  api.define({
    method: "POST",
    path: "/1/customFields/:id/options",
    summary: "Add an option to a list custom field",
    input: customFieldOptionInput,
    access: writeField,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, addCustomFieldOption, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        fieldId: target.object.id,
        text: input.value.text,
        color: input.color ?? null,
        pos: input.pos ?? "bottom",
      }),
    present: async (option) => presentCustomFieldOption(option),
  });

  api.define({
    method: "GET",
    path: "/1/customFields/:id/options/:idOption",
    summary: "An option of a list custom field",
    access: readField,
    handler: async ({ target, params }) => presentCustomFieldOption(optionOf(target.object, params.idOption)),
  });

  api.define({
    method: "DELETE",
    path: "/1/customFields/:id/options/:idOption",
    summary: "Delete an option of a list custom field (and clear it on cards)",
    access: writeField,
    handler: ({ me, target, params, mutationId }) =>
      execute(ctx, deleteCustomFieldOption, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        fieldId: target.object.id,
        optionId: params.idOption,
      }),
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/customFieldItems",
    summary: "The card's custom field values",
    access: { object: "card", permission: "read" },
    handler: async ({ target }) => (target.object.customFieldItems ?? []).map(presentCustomFieldItem),
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id/customField/:idCustomField/item",
    summary: "Set or clear the card's value of a custom field",
    input: customFieldItemInput,
    access: { object: "card", permission: "write" },
    handler: ({ me, target, params, input, mutationId }) =>
      execute(ctx, setCustomFieldItem, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        fieldId: params.idCustomField,
        input,
      }),
    present: async (item) => presentCustomFieldItem(item),
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id/customFields",
    summary: "Set or clear several of the card's custom field values",
    input: customFieldItemsInput,
    access: { object: "card", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, setCustomFieldItems, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        items: input.customFieldItems,
      }),
    present: async (items) => items.map(presentCustomFieldItem),
  });
}

// Trello's custom field calls: the board's field definitions and options, and a card's values.
import type { CustomField, CustomFieldItem, CustomFieldType } from "@tack/shared/models";
import { del, post, put } from "./http.ts";
import { customFieldFrom, customFieldItemFrom } from "./normalize.ts";

type Raw = Record<string, unknown>;
const enc = encodeURIComponent;

export interface NewField {
  name: string;
  type: CustomFieldType;
  options: Array<{ text: string; color: string | null }>;
  cardFront: boolean;
}

export const createCustomField = async (idBoard: string, field: NewField): Promise<CustomField> =>
  customFieldFrom(
    await post<Raw>("/1/customFields", {
      idModel: idBoard,
      modelType: "board",
      name: field.name,
      type: field.type,
      pos: "bottom",
      display_cardFront: field.cardFront,
      ...(field.type === "list" && {
        options: field.options.map((o) => ({ value: { text: o.text }, color: o.color })),
      }),
    }),
  );

export const updateCustomField = async (
  id: string,
  patch: { name?: string; cardFront?: boolean },
): Promise<CustomField> =>
  customFieldFrom(
    await put<Raw>(`/1/customFields/${enc(id)}`, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.cardFront !== undefined && { "display/cardFront": patch.cardFront }),
    }),
  );

export const deleteCustomField = (id: string): Promise<unknown> => del(`/1/customFields/${enc(id)}`);

export const addCustomFieldOption = (id: string, text: string, color: string | null): Promise<unknown> =>
  post(`/1/customFields/${enc(id)}/options`, { value: { text }, color, pos: "bottom" });

export const deleteCustomFieldOption = (id: string, idOption: string): Promise<unknown> =>
  del(`/1/customFields/${enc(id)}/options/${enc(idOption)}`);

/** The body Trello takes: `{value: {...}}` or, for a list field, `{idValue}`; empty clears. */
export type ItemBody = { value: Record<string, string> | "" } | { idValue: string };

export const setCustomFieldItem = async (
  idCard: string,
  idCustomField: string,
  body: ItemBody,
): Promise<CustomFieldItem> =>
  customFieldItemFrom(await put<Raw>(`/1/cards/${enc(idCard)}/customField/${enc(idCustomField)}/item`, body));

// The inputs of Trello's custom field routes. Values arrive as Trello stores them (strings inside
// `value`: `{"number":"42"}`, `{"checked":"true"}`); numbers and booleans are accepted too, since
// a script may send them bare. Which value fits which field is decided by the field's type, in the
// command (custom-field-rules.ts on the server), since the schema cannot know the field.
import { z } from "zod";
import { FieldLimits, Limits } from "./limits.ts";
import { BASE_LABEL_COLORS, CUSTOM_FIELD_TYPES } from "./models.ts";
import { bool, id, idOrShortLink, pos, text } from "./schemas.ts";

/** Trello's option colours: the ten label hues, or none. */
export const CUSTOM_FIELD_OPTION_COLORS = BASE_LABEL_COLORS;
const optionColor = z.union([
  z.enum(CUSTOM_FIELD_OPTION_COLORS),
  z.null(),
  z.enum(["", "none", "null"]).transform(() => null),
]);

const fieldName = text(FieldLimits.customFieldName).trim().min(1, "must not be empty");

function jsonArrayText(value: unknown): unknown {
  if (typeof value !== "string" || !value.trimStart().startsWith("[")) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // left for the array check to refuse
  }
}

/**
 * A form-encoded body names nested fields with brackets (`value[text]=High`, as the npm `trello`
 * client sends them); Trello reads them as the nested object, and so does Tack, one level deep.
 */
function nestBrackets(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const bracket = /^(\w+)\[(\w+)\]$/.exec(key);
    if (!bracket) {
      out[key] = value;
      continue;
    }
    const outer = out[bracket[1]!];
    const nested = typeof outer === "object" && outer !== null ? (outer as Record<string, unknown>) : {};
    out[bracket[1]!] = { ...nested, [bracket[2]!]: value };
  }
  return out;
}

const optionFields = z.object({
  value: z.object({ text: text(FieldLimits.customFieldName).trim().min(1, "must not be empty") }),
  color: optionColor.optional(),
  pos: pos.optional(),
});
export const customFieldOptionInput = z.preprocess(nestBrackets, optionFields);

export const createCustomFieldInput = z.object({
  idModel: idOrShortLink,
  modelType: z.literal("board", 'must be "board" (custom fields belong to boards)').optional(),
  name: fieldName,
  type: z.enum(CUSTOM_FIELD_TYPES, `must be one of ${CUSTOM_FIELD_TYPES.join(", ")}`),
  /** Trello documents `options` as a string: a JSON array there is read like the array itself. */
  options: z.preprocess(jsonArrayText, z.array(optionFields).max(Limits.optionsPerCustomField)).optional(),
  pos: pos.optional(),
  display_cardFront: bool.optional(),
  display: z.object({ cardFront: bool.optional() }).optional(),
});

export const updateCustomFieldInput = z.object({
  name: fieldName.optional(),
  pos: pos.optional(),
  "display/cardFront": bool.optional(),
  display_cardFront: bool.optional(),
  display: z.object({ cardFront: bool.optional() }).optional(),
});

/** `{text}`, `{number}`, `{date}` or `{checked}`; "" / null / {} clear the value. */
const itemValue = z.union([
  z.null(),
  z.literal(""),
  z
    .object({
      text: text(FieldLimits.customFieldText).optional(),
      number: z.union([z.string().max(100), z.number()]).optional(),
      date: z.union([z.string().max(100), z.number()]).optional(),
      checked: z.union([z.string().max(10), z.boolean()]).optional(),
    })
    .strict(),
]);

const itemFields = z.object({
  value: itemValue.optional(),
  /** A list field's option; "" or null clears it. */
  idValue: z.union([id, z.null(), z.literal("")]).optional(),
});
export const customFieldItemInput = z.preprocess(nestBrackets, itemFields);

export const customFieldItemsInput = z.object({
  customFieldItems: z
    .array(itemFields.extend({ idCustomField: id }))
    .min(1, "must name at least one field")
    .max(Limits.customFieldsPerBoard),
});

export type CustomFieldItemInput = z.output<typeof customFieldItemInput>;

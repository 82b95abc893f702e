// The shape of a Trello board export (board menu → Print, export and share → Export as JSON), as
// the importer reads it. Checked once, at the import boundary. Tolerant the way real exports need:
// unknown fields are ignored (Trello adds fields every year), optional fields may be missing or
// null, ids are any non-empty string (exports edited by hand or produced by other tools are not
// always 24-hex), positions that are not positive numbers are renumbered by the importer. What
// it refuses is what cannot be read: a missing board name, lists or cards; a non-date where a date
// must be; an array holding something other than objects.
import { z } from "zod";
import { FieldLimits } from "./limits.ts";

/** Any non-empty id; numbers are accepted and read as text. */
const trelloId = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().trim().min(1, "must not be empty").max(512, "is too long for an id"));
const optionalId = z
  .union([trelloId, z.null(), z.literal("")])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

/**
 * Text that may be missing or null (read as ""). Its length (16,384 at most, the API's limit) and
 * its characters are checked for every string of the file before this schema runs
 * (server/src/import/check-texts.ts).
 */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false);
/** A position; anything that is not a positive finite number is left for the importer to renumber. */
const position = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null));

function toIso(value: string | number, ctx: z.RefinementCtx): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: `must be a date (ISO 8601), got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return date.toISOString();
}
/** A date or nothing; an unreadable date is refused (it would silently lose a deadline). */
const optionalDate = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v, ctx) => (v === null || v === undefined || v === "" ? null : toIso(v, ctx)));
const requiredDate = z.union([z.string(), z.number()]).transform(toIso);

/** A field the export cannot do without: says whether it is missing or of the wrong kind. */
const required = (kind: string, why: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `is missing: ${why}` : `must be ${kind}, got ${typeof issue.input}`,
});

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const trelloLabel = z.object({
  id: trelloId,
  name: text,
  /** Kept as text: a color Tack does not know becomes "no color" with a warning, not an error. */
  color: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});

export const trelloList = z.object({
  id: trelloId,
  name: text,
  closed: flag,
  pos: position,
  /** Trello's work-in-progress limit: a positive whole number, else none. */
  softLimit: z
    .unknown()
    .optional()
    .transform((v) => {
      const n = typeof v === "string" ? Number(v) : v;
      return typeof n === "number" && Number.isInteger(n) && n > 0 && n <= 5000 ? n : null;
    }),
});

export const trelloCheckItem = z.object({
  id: trelloId,
  name: text,
  pos: position,
  state: z
    .string()
    .nullish()
    .transform((v) => (v === "complete" ? "complete" : "incomplete")),
  due: optionalDate,
  idMember: optionalId,
});

export const trelloChecklist = z.object({
  id: trelloId,
  idCard: optionalId,
  name: text,
  pos: position,
  checkItems: list(trelloCheckItem),
});

export const trelloAttachment = z.object({
  id: trelloId,
  name: text,
  url: text,
  mimeType: text,
  date: optionalDate,
  idMember: optionalId,
  isUpload: flag,
  pos: position,
});

export const trelloCustomFieldItem = z.object({
  id: trelloId,
  idCustomField: trelloId,
  /** For list fields: the chosen option. */
  idValue: optionalId,
  /** `{text}`, `{number}` (as text), `{date}`, `{checked: "true"}`; kept as given. */
  value: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? null),
});

export const trelloCover = z.object({
  idAttachment: optionalId,
  color: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  size: z
    .string()
    .nullish()
    .transform((v) => (v === "full" ? "full" : "normal")),
  brightness: z
    .string()
    .nullish()
    .transform((v) => (v === "light" ? "light" : "dark")),
});

export const trelloCard = z.object({
  id: trelloId,
  /** Actions name cards by short link too; the importer links both to the new card. */
  shortLink: text,
  idList: optionalId,
  idShort: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null)),
  name: text,
  desc: text,
  closed: flag,
  pos: position,
  start: optionalDate,
  due: optionalDate,
  dueComplete: flag,
  isTemplate: flag,
  dueReminder: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "number" && Number.isInteger(v) ? v : null)),
  idLabels: list(trelloId),
  /** Embedded labels: used for labels a card names that the board's `labels` leaves out. */
  labels: list(trelloLabel),
  idMembers: list(trelloId),
  idAttachmentCover: optionalId,
  cover: trelloCover.nullish().transform((v) => v ?? null),
  dateLastActivity: optionalDate,
  attachments: list(trelloAttachment),
  customFieldItems: list(trelloCustomFieldItem),
  /** Exports made through the API (`checklists=all` on cards) nest checklists here. */
  checklists: list(trelloChecklist),
});

/** A person's name or username, within Tack's limits for accounts (a placeholder keeps them). */
const personText = (max: number) =>
  z
    .string()
    .max(max, `is longer than ${max} characters, the most Tack keeps for a person`)
    .nullish()
    .transform((v) => v ?? "");

export const trelloMember = z.object({
  id: trelloId,
  username: personText(FieldLimits.username),
  fullName: personText(FieldLimits.fullName),
});

export const trelloMembership = z.object({
  idMember: trelloId,
  memberType: z
    .string()
    .nullish()
    .transform((v) => (v === "admin" || v === "observer" ? v : "normal")),
});

export const trelloCustomFieldOption = z.object({
  id: trelloId,
  value: z
    .object({ text })
    .nullish()
    .transform((v) => ({ text: v?.text ?? "" })),
  color: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  pos: position,
});

export const trelloCustomField = z.object({
  id: trelloId,
  name: text,
  /** checkbox, date, list, number, text; kept as given. */
  type: z
    .string()
    .nullish()
    .transform((v) => v || "text"),
  pos: position,
  options: list(trelloCustomFieldOption),
  display: z
    .object({ cardFront: flag })
    .nullish()
    .transform((v) => ({ cardFront: v?.cardFront ?? false })),
});

export const trelloAction = z.object({
  id: trelloId,
  idMemberCreator: optionalId,
  type: z.string().trim().min(1, "must name the action type"),
  date: requiredDate,
  data: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  memberCreator: z
    .object({
      id: optionalId,
      username: personText(FieldLimits.username),
      fullName: personText(FieldLimits.fullName),
    })
    .nullish()
    .transform((v) => v ?? null),
});

export const trelloBoardPrefs = z.object({
  permissionLevel: z.string().nullish(),
  background: z.string().nullish(),
  backgroundColor: z.string().nullish(),
  backgroundImage: z.string().nullish(),
  cardCovers: z.boolean().nullish(),
  comments: z.string().nullish(),
  invitations: z.string().nullish(),
  selfJoin: z.boolean().nullish(),
  isTemplate: z.boolean().nullish(),
});

export const trelloBoardExport = z.object({
  id: optionalId,
  shortLink: text,
  name: z.string(required("text", "a Trello board export has the board's name")),
  desc: text,
  closed: flag,
  url: text,
  prefs: trelloBoardPrefs.nullish().transform((v) => v ?? {}),
  lists: z.array(trelloList, required("an array", "a Trello board export has a lists array")),
  cards: z.array(trelloCard, required("an array", "a Trello board export has a cards array")),
  labels: list(trelloLabel),
  checklists: list(trelloChecklist),
  actions: list(trelloAction),
  members: list(trelloMember),
  memberships: list(trelloMembership),
  customFields: list(trelloCustomField),
});

export type TrelloBoardExport = z.output<typeof trelloBoardExport>;
export type TrelloCard = z.output<typeof trelloCard>;
export type TrelloList = z.output<typeof trelloList>;
export type TrelloLabel = z.output<typeof trelloLabel>;
export type TrelloChecklist = z.output<typeof trelloChecklist>;
export type TrelloAttachment = z.output<typeof trelloAttachment>;
export type TrelloAction = z.output<typeof trelloAction>;
export type TrelloMember = z.output<typeof trelloMember>;
export type TrelloCustomField = z.output<typeof trelloCustomField>;

/** Trello puts at most this many actions in an export: a full count means older history is cut. */
export const TRELLO_EXPORT_ACTION_LIMIT = 1000;

/** What the import answers besides the board: things the person should know, with a stable code. */
export const IMPORT_WARNING_CODES = [
  "history_truncated",
  "members_placeholders",
  "label_color_unknown",
  "cards_without_list",
  "checklists_without_card",
  "attachments_not_links",
  "references_dropped",
  "visibility_private",
  "text_cleaned",
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];
export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
}

/** Counts of what an import brought in, for the person's summary. */
export interface ImportCounts {
  lists: number;
  cards: number;
  labels: number;
  checklists: number;
  checkItems: number;
  comments: number;
  attachments: number;
  customFields: number;
  actions: number;
  members: number;
}

// One schema per input, declared once and checked at every boundary. Trello clients send
// parameters in the query string, as JSON, or form-encoded, so scalars arrive as strings too:
// the coercing primitives below accept both `true` and "true", 5 and "5".
import { z } from "zod";
import { BACKGROUND_IDS } from "./backgrounds.ts";
import { FieldLimits } from "./limits.ts";
import { BOARD_ROLES, LABEL_COLORS, VISIBILITIES } from "./models.ts";
import { resolveEmoji } from "./reactions.ts";

export const id = z.string().regex(/^[0-9a-f]{24}$/, "must be a 24-hex-digit id");
/** An id or (boards, cards) an 8-character short link. */
export const idOrShortLink = z
  .string()
  .regex(/^([0-9a-f]{24}|[0-9A-Za-z]{8})$/, "must be an id or short link");

export const bool = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

export const pos = z.union([
  z.literal("top"),
  z.literal("bottom"),
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?(e[+-]?\d+)?$/i, 'must be "top", "bottom" or a positive number')
        .transform(Number),
    ])
    .pipe(z.number().positive('must be "top", "bottom" or a positive number').finite()),
]);

/** A date-time, or null / "" / "null" to clear it. Stored as an ISO string. */
export const nullableDate = z.union([
  z.null(),
  z.literal("").transform(() => null),
  z.literal("null").transform(() => null),
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a date (ISO 8601) or null" });
      return z.NEVER;
    }
    return d.toISOString();
  }),
]);

/** PostgreSQL cannot store NUL characters, and no person types one: refused on every text field. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes("\0"), "must not contain NUL characters");
const name = text(FieldLimits.name).trim().min(1, "must not be empty");
/** Trello sends arrays as comma-separated strings too (`idLabels=a,b`). */
const idList = z
  .union([z.array(id), z.string().transform((s) => (s === "" ? [] : s.split(",")))])
  .pipe(z.array(id).max(1000));
const labelColor = z.union([z.enum(LABEL_COLORS), z.null(), z.enum(["", "null"]).transform(() => null)]);

export const signupInput = z.object({
  username: z
    .string()
    .min(3, "must be at least 3 characters")
    .max(FieldLimits.username)
    .regex(/^[a-z0-9_]+$/, "may contain only lower-case letters, digits and underscores"),
  email: z.email("must be an e-mail address").max(254),
  password: z.string().min(8, "must be at least 8 characters").max(FieldLimits.password),
  fullName: text(FieldLimits.fullName).trim().optional(),
});

export const loginInput = z.object({
  username: z.string().min(1, "is required").max(254),
  password: z.string().min(1, "is required").max(FieldLimits.password),
});

export const createTokenInput = z.object({ name: text(100).trim().min(1).optional() });

export const createOrganizationInput = z.object({
  displayName: text(100).trim().min(1, "must not be empty"),
  name: z
    .string()
    .regex(/^[a-z0-9_]{3,}$/, "3+ lower-case letters, digits or underscores")
    .max(100)
    .optional(),
  desc: text(FieldLimits.desc).optional(),
});

export const createBoardInput = z.object({
  name,
  desc: text(FieldLimits.desc).optional(),
  idOrganization: id.optional(),
  defaultLabels: bool.optional(),
  defaultLists: bool.optional(),
  prefs_permissionLevel: z.enum(VISIBILITIES).optional(),
  prefs_background: z.enum(BACKGROUND_IDS).optional(),
  /** Copy this board (or make a board from this template board): its lists and labels, and its cards with "cards". */
  idBoardSource: idOrShortLink.optional(),
  keepFromSource: z.enum(["none", "cards"]).optional(),
});

export const boardPrefsInput = z.object({
  permissionLevel: z.enum(VISIBILITIES).optional(),
  background: z.union([z.enum(BACKGROUND_IDS), id]).optional(),
  comments: z.enum(["disabled", "members", "observers", "org", "public"]).optional(),
  selfJoin: bool.optional(),
  cardCovers: bool.optional(),
  invitations: z.enum(["admins", "members"]).optional(),
  isTemplate: bool.optional(),
});

export const updateBoardInput = z.object({
  name: name.optional(),
  desc: text(FieldLimits.desc).optional(),
  closed: bool.optional(),
  idOrganization: z.union([id, z.literal("").transform(() => null), z.null()]).optional(),
  "prefs/permissionLevel": z.enum(VISIBILITIES).optional(),
  /** A built-in background, or the id of one of your uploaded backgrounds (decision 0034). */
  "prefs/background": z.union([z.enum(BACKGROUND_IDS), id]).optional(),
  "prefs/comments": z.enum(["disabled", "members", "observers", "org", "public"]).optional(),
  "prefs/selfJoin": bool.optional(),
  "prefs/cardCovers": bool.optional(),
  "prefs/invitations": z.enum(["admins", "members"]).optional(),
  "prefs/isTemplate": bool.optional(),
  prefs: boardPrefsInput.optional(),
});

export const boardMemberInput = z.object({
  type: z.enum(BOARD_ROLES).optional(),
});
export const inviteMemberInput = z.object({
  /** Tack invites existing accounts by username (or e-mail). */
  username: z.string().min(1).max(254).optional(),
  email: z.string().max(254).optional(),
  type: z.enum(BOARD_ROLES).optional(),
});

/** A list's work-in-progress limit (Trello's `softLimit`): a whole number, or null / "" to clear it. */
const softLimit = z.union([
  z.null(),
  z.enum(["", "null"]).transform(() => null),
  z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(5000, "must be at most 5000"),
]);

export const createListInput = z.object({
  name,
  idBoard: idOrShortLink,
  pos: pos.optional(),
  closed: bool.optional(),
  softLimit: softLimit.optional(),
  /** Copy this list (and its open cards) onto the board. */
  idListSource: id.optional(),
});

export const updateListInput = z.object({
  name: name.optional(),
  closed: bool.optional(),
  pos: pos.optional(),
  softLimit: softLimit.optional(),
  /** Move the list (and its cards) to this board. */
  idBoard: idOrShortLink.optional(),
});

/** What a card copy keeps from its source (Trello's `keepFromSource`). */
export const CARD_KEEPABLE = [
  "attachments",
  "checklists",
  "comments",
  "customFields",
  "due",
  "start",
  "labels",
  "members",
  "stickers",
] as const;
export type CardKeepable = (typeof CARD_KEEPABLE)[number];

/** `all`, `none`/"" or a comma list of what to keep (Trello's `keepFromSource`). */
const keepFromSource = <T extends string>(keepable: readonly T[]) =>
  z.string().transform((raw, ctx): T[] => {
    const items = raw
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "" && s !== "none");
    if (items.includes("all")) return [...keepable];
    const unknown = items.filter((s) => !keepable.includes(s as T));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be "all", "none" or a comma list of ${keepable.join(", ")}`,
      });
      return z.NEVER;
    }
    return items as T[];
  });

export const createCardInput = z.object({
  idList: id,
  /** Copy this card (any board the actor can read), keeping `keepFromSource` (default all). */
  idCardSource: idOrShortLink.optional(),
  keepFromSource: keepFromSource(CARD_KEEPABLE).optional(),
  isTemplate: bool.optional(),
  name: text(FieldLimits.name).trim().optional(),
  desc: text(FieldLimits.desc).optional(),
  pos: pos.optional(),
  due: nullableDate.optional(),
  start: nullableDate.optional(),
  dueComplete: bool.optional(),
  idLabels: idList.optional(),
  idMembers: idList.optional(),
  closed: bool.optional(),
});

export const coverInput = z.object({
  color: z
    .union([
      z.enum(["pink", "yellow", "lime", "blue", "black", "orange", "red", "purple", "sky", "green"]),
      z.null(),
    ])
    .optional(),
  idAttachment: z.union([id, z.null()]).optional(),
  size: z.enum(["normal", "full"]).optional(),
  brightness: z.enum(["light", "dark"]).optional(),
});

export const updateCardInput = z.object({
  name: name.optional(),
  desc: text(FieldLimits.desc).optional(),
  closed: bool.optional(),
  idList: id.optional(),
  idBoard: idOrShortLink.optional(),
  pos: pos.optional(),
  isTemplate: bool.optional(),
  due: nullableDate.optional(),
  start: nullableDate.optional(),
  dueComplete: bool.optional(),
  dueReminder: z.union([z.null(), z.coerce.number().int().min(-1).max(100_000)]).optional(),
  idLabels: idList.optional(),
  idMembers: idList.optional(),
  idAttachmentCover: z.union([id, z.null(), z.literal("").transform(() => null)]).optional(),
  cover: z
    .union([
      coverInput,
      z.string().transform((s, ctx) => {
        try {
          return coverInput.parse(JSON.parse(s));
        } catch {
          ctx.addIssue({ code: "custom", message: "must be a cover object" });
          return z.NEVER;
        }
      }),
    ])
    .optional(),
});

export const valueInput = z.object({ value: z.unknown() });
export const idValueInput = z.object({ value: id });

export const commentInput = z.object({ text: text(FieldLimits.comment).trim().min(1, "must not be empty") });

/** `POST /1/actions/{idAction}/reactions`: `{emoji: {unified | native | shortName}}`. */
export const reactionInput = z.object({
  emoji: z
    .object({
      unified: z.string().max(80).optional(),
      native: z.string().max(40).optional(),
      shortName: z.string().max(64).optional(),
    })
    .transform((given, ctx) => {
      const emoji = resolveEmoji(given);
      if (!emoji) {
        ctx.addIssue({
          code: "custom",
          message: 'must name one emoji by unified ("1F44D"), native (the character) or a known shortName',
        });
        return z.NEVER;
      }
      return emoji;
    }),
});
export type ReactionInput = z.infer<typeof reactionInput>;

export const createLabelInput = z.object({
  name: text(FieldLimits.labelName).optional(),
  color: labelColor,
  idBoard: idOrShortLink,
});
export const boardLabelInput = z.object({ name: text(FieldLimits.labelName).optional(), color: labelColor });
export const updateLabelInput = z.object({
  name: text(FieldLimits.labelName).optional(),
  color: labelColor.optional(),
});

export const createChecklistInput = z.object({
  idCard: id,
  name: text(FieldLimits.name).trim().optional(),
  pos: pos.optional(),
  idChecklistSource: id.optional(),
});
export const updateChecklistInput = z.object({ name: name.optional(), pos: pos.optional() });

export const createCheckItemInput = z.object({
  name: text(FieldLimits.checkItemName).trim().min(1, "must not be empty"),
  pos: pos.optional(),
  checked: bool.optional(),
  due: nullableDate.optional(),
  dueReminder: z.union([z.null(), z.coerce.number().int().min(-1).max(100_000)]).optional(),
  idMember: z.union([id, z.null()]).optional(),
});
export const updateCheckItemInput = z.object({
  name: text(FieldLimits.checkItemName).trim().min(1, "must not be empty").optional(),
  state: z
    .union([z.enum(["complete", "incomplete"]), bool.transform((b) => (b ? "complete" : "incomplete"))])
    .optional(),
  pos: pos.optional(),
  due: nullableDate.optional(),
  dueReminder: z.union([z.null(), z.coerce.number().int().min(-1).max(100_000)]).optional(),
  idMember: z.union([id, z.null(), z.literal("").transform(() => null)]).optional(),
  idChecklist: id.optional(),
});

/** A link attachment's address: only web links, so no `javascript:`, `data:` or `file:` URL is stored. */
export const webUrl = z
  .string()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL");

/** `POST /1/cards/{id}/attachments`: a file (multipart part `file`) or a link (`url`). */
export const createAttachmentInput = z.object({
  name: text(256).trim().optional(),
  url: webUrl.optional(),
  mimeType: z
    .string()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a media type such as image/png")
    .optional(),
  setCover: bool.optional(),
});

export const updateAttachmentInput = z.object({ name: text(256).trim().min(1, "must not be empty") });

/** A webhook's callback: an absolute http(s) URL (where it may point is checked by the server). */
const callbackURL = z
  .string()
  .max(2048)
  .refine((raw) => {
    try {
      const url = new URL(raw);
      return (
        (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === ""
      );
    } catch {
      return false;
    }
  }, "must be an absolute http or https URL without a user name or password");

export const createWebhookInput = z.object({
  callbackURL,
  idModel: id,
  description: text(16384).optional(),
  active: bool.optional(),
});

export const updateWebhookInput = z.object({
  callbackURL: callbackURL.optional(),
  idModel: id.optional(),
  description: text(16384).optional(),
  active: bool.optional(),
});

export type SignupInput = z.infer<typeof signupInput>;
export type CreateBoardInput = z.infer<typeof createBoardInput>;
export type UpdateBoardInput = z.infer<typeof updateBoardInput>;
export type CreateListInput = z.infer<typeof createListInput>;
export type UpdateListInput = z.infer<typeof updateListInput>;
export type CreateCardInput = z.infer<typeof createCardInput>;
export type UpdateCardInput = z.infer<typeof updateCardInput>;
export type CreateCheckItemInput = z.infer<typeof createCheckItemInput>;
export type UpdateCheckItemInput = z.infer<typeof updateCheckItemInput>;
export type CreateAttachmentInput = z.infer<typeof createAttachmentInput>;

/** `PUT /1/members/{id}`: Tack changes only the avatar source here (`none` removes the picture). */
export const updateMemberInput = z.object({
  avatarSource: z.enum(["none", "upload"]).optional(),
});

// Turns the Trello-shaped JSON of the REST API into the domain models of the client cache. The API's
// presenters add derived fields (embedded labels, badges, urls) and may leave out internal ones
// (comment counts live in badges): these readers accept both shapes, so the cache holds exactly
// what changes pushed over the socket hold.
import type { BoardSnapshot } from "@tack/shared/board-state";
import type {
  Action,
  Attachment,
  Board,
  Card,
  Checklist,
  CustomField,
  CustomFieldItem,
  Label,
  List,
  Member,
  Membership,
} from "@tack/shared/models";
import { readers } from "@tack/shared/models";
import { withFront } from "../model/card-fronts.ts";

type Raw = Record<string, unknown>;

export const arrayOf = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);

export function cardFrom(raw: Raw): Card {
  const badges = (raw.badges ?? {}) as { comments?: number; attachments?: number };
  const card = readers.card(raw);
  if (Array.isArray(raw.customFieldItems))
    card.customFieldItems = arrayOf(raw.customFieldItems).map(customFieldItemFrom);
  card.commentCount = typeof raw.commentCount === "number" ? raw.commentCount : (badges.comments ?? 0);
  card.attachmentCount =
    typeof raw.attachmentCount === "number" ? raw.attachmentCount : (badges.attachments ?? 0);
  return card;
}

/** Trello leaves out a list field's `value` and the others' `idValue`; the cache keeps both, null. */
export const customFieldItemFrom = (raw: Raw): CustomFieldItem => ({
  id: String(raw.id),
  idCustomField: String(raw.idCustomField),
  idModel: String(raw.idModel),
  modelType: "card",
  idValue: typeof raw.idValue === "string" ? raw.idValue : null,
  value: typeof raw.value === "object" && raw.value !== null ? (raw.value as Record<string, unknown>) : null,
});

/** A presented field as stored: Trello's colourless "none" is null, presentation-only fields dropped. */
export function customFieldFrom(raw: Raw): CustomField {
  const { fieldGroup: _group, isSuggestedField: _suggested, ...stored } = raw;
  const field = readers.customField(stored);
  field.options = arrayOf(raw.options).map((o) => ({
    id: String(o.id ?? o._id),
    idCustomField: String(o.idCustomField ?? field.id),
    value: { text: String((o.value as { text?: unknown } | undefined)?.text ?? "") },
    color: typeof o.color === "string" && o.color !== "none" ? o.color : null,
    pos: Number(o.pos ?? 0),
  }));
  return field;
}

/**
 * A card front from the slim board read (shared/board-read-query.ts): defaults left out, no
 * description, badges narrowed to counts. The badge counts become the card's `front`.
 */
export function cardFrontFrom(raw: Raw, idBoard: string): Card {
  // A board's 1,000s of fronts go through here before its first paint: the badges are taken off
  // by destructuring (a `delete` would leave every card a slow dictionary-mode object).
  const { badges: rawBadges, ...fields } = raw;
  const badges = (rawBadges ?? {}) as Partial<
    Record<"checkItems" | "checkItemsChecked" | "comments" | "attachments", number>
  > & { description?: boolean };
  fields.idBoard = idBoard;
  fields.commentCount ??= badges.comments ?? 0;
  fields.attachmentCount ??= badges.attachments ?? 0;
  const card = cardFrom(fields);
  return withFront(card, {
    desc: badges.description === true,
    checkItems: badges.checkItems ?? 0,
    checkItemsChecked: badges.checkItemsChecked ?? 0,
  });
}

export const listFrom = (raw: Raw): List => readers.list(raw);
export const labelFrom = (raw: Raw): Label => readers.label(raw);
export const checklistFrom = (raw: Raw): Checklist => readers.checklist(raw);

/** The presented attachment (previews with their urls; never a storage key) as the cache keeps it. */
export function attachmentFrom(raw: Raw): Attachment {
  const a = readers.attachment(raw);
  a.previews = arrayOf(raw.previews).map((p) => ({
    id: String(p.id),
    width: Number(p.width),
    height: Number(p.height),
    url: String(p.url),
  }));
  delete (a as unknown as Raw).fileName;
  delete (a as unknown as Raw).edgeColor;
  return a;
}

export function memberFrom(raw: Raw): Member {
  return {
    id: String(raw.id),
    username: String(raw.username ?? ""),
    fullName: String(raw.fullName ?? raw.username ?? ""),
    initials: String(raw.initials ?? ""),
    avatarUrl: typeof raw.avatarUrl === "string" ? raw.avatarUrl : null,
    // A placeholder (an imported person with no login): Trello's "ghost" from the REST API, the
    // stored record's marker in a live change. The client needs only to know that it is one.
    ...((raw.memberType === "ghost" || Boolean(raw.placeholder)) && {
      placeholder: {
        source: "trello",
        idBoard: "",
        trelloId: "",
        trelloUsername: "",
        claim: null,
        idMemberClaimedBy: null,
      },
    }),
  };
}

export function membershipFrom(raw: Raw): Membership {
  return {
    id: String(raw.id),
    idMember: String(raw.idMember),
    memberType: (raw.memberType as Membership["memberType"]) ?? "normal",
    starred: raw.starred === true,
  };
}

export function actionFrom(raw: Raw): Action {
  return {
    id: String(raw.id),
    idMemberCreator: String(raw.idMemberCreator ?? ""),
    type: String(raw.type ?? ""),
    date: String(raw.date ?? new Date().toISOString()),
    data: (raw.data ?? {}) as Record<string, unknown>,
    seq: typeof raw.seq === "number" ? raw.seq : 0,
  };
}

/** Where the board read says its snapshot stands in the board's change sequence. */
export interface SnapshotCursor {
  seq: number;
  epoch: string | null;
}

/**
 * A nested board read (`GET /1/boards/{id}?lists=…&cards=…`) as a snapshot. The sequence number
 * comes from the body (`seq`) or, failing that, the `X-Tack-Seq`/`X-Tack-Epoch` headers.
 */
export function snapshotFrom(
  raw: Raw,
  cursor: SnapshotCursor,
  readCard: (raw: Raw) => Card = cardFrom,
): BoardSnapshot {
  const creators = arrayOf(raw.actions)
    .map((a) => a.memberCreator)
    .filter((m): m is Raw => typeof m === "object" && m !== null)
    .map(memberFrom);
  const members = new Map<string, Member>();
  for (const m of [...creators, ...arrayOf(raw.members).map(memberFrom)]) members.set(m.id, m);
  const board: Board = readers.board(raw);
  for (const key of [
    "lists",
    "cards",
    "labels",
    "members",
    "checklists",
    "actions",
    "memberships",
    "attachments",
    "customFields",
  ]) {
    delete (board as unknown as Raw)[key];
  }
  return {
    board,
    seq: cursor.seq,
    lists: arrayOf(raw.lists).map(listFrom),
    cards: arrayOf(raw.cards).map(readCard),
    labels: arrayOf(raw.labels).map(labelFrom),
    checklists: arrayOf(raw.checklists).map(checklistFrom),
    attachments: arrayOf(raw.attachments).map(attachmentFrom),
    customFields: arrayOf(raw.customFields).map(customFieldFrom),
    memberships: arrayOf(raw.memberships).map(membershipFrom),
    members: [...members.values()],
    actions: arrayOf(raw.actions).map(actionFrom),
  };
}

// Trello's nested board read: `GET /1/boards/{id}?lists=open&cards=visible&labels=all&…` returns
// the board with the requested collections embedded, each filtered and field-selected. The same
// code serves the sub-resources (`/1/boards/{id}/cards/open`, …) and the board JSON export.
import type { BoardSnapshot } from "@tack/shared/board-state";
import type { Action, Card, List, Member } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { presentAction } from "./action.ts";
import { presentAttachment } from "./attachment.ts";
import { presentBoard, presentMembership } from "./board.ts";
import { cardContext, presentCardFields } from "./card.ts";
import { presentChecklist } from "./checklist.ts";
import { presentCustomField } from "./custom-field.ts";
import { fieldSelection, selectFields } from "./fields.ts";
import { presentLabel } from "./label.ts";
import { presentList } from "./list.ts";
import { presentMember } from "./member.ts";

export type Snapshot = Omit<BoardSnapshot, "actions">;
type Query = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Trello's list filters: open, closed, all (none = omit). */
export function filterLists(lists: readonly List[], filter: string): List[] {
  const sorted = [...lists].sort(byPosition);
  if (filter === "open") return sorted.filter((l) => !l.closed);
  if (filter === "closed") return sorted.filter((l) => l.closed);
  return sorted;
}

/** Trello's card filters: open and visible (open cards in open lists), closed, all. */
export function filterCards(snapshot: Snapshot, filter: string): Card[] {
  const sorted = [...snapshot.cards].sort(byPosition);
  if (filter === "closed") return sorted.filter((c) => c.closed);
  if (filter === "all") return sorted;
  if (filter === "visible") {
    const openLists = new Set(snapshot.lists.filter((l) => !l.closed).map((l) => l.id));
    return sorted.filter((c) => !c.closed && openLists.has(c.idList));
  }
  return sorted.filter((c) => !c.closed);
}

/** Tack's own narrowing of the cards of a board read, for the web client's slim first read. */
export interface CardShape {
  /** `badge_fields`, in the style of Trello's `*_fields`: the badges a card front shows. */
  badgeFields?: unknown;
  /** `omit_defaults=true`: leave out fields at their default (null, false, "", [], a plain cover, zero badges). */
  omitDefaults?: unknown;
}

export function presentCards(
  base: string,
  snapshot: Snapshot,
  cards: readonly Card[],
  fields: unknown,
  shape: CardShape = {},
) {
  const context = cardContext(base, snapshot.labels, snapshot.checklists, snapshot.attachments);
  const selection = fieldSelection(fields);
  const options = {
    badges: fieldSelection(shape.badgeFields),
    omitDefaults: shape.omitDefaults === "true" || shape.omitDefaults === true,
  };
  // Without Tack's parameters the cards are Trello's, whole: API clients see no difference.
  return cards.map((c) => presentCardFields(c, context, selection, options));
}

export interface BoardReadOptions {
  base: string;
  viewer: string | null;
  actions?: Action[];
  actionMembers?: ReadonlyMap<string, Member>;
}

/** The board with whatever the query asks to embed. */
export function presentBoardRead(
  snapshot: Snapshot,
  query: Query,
  options: BoardReadOptions,
): Record<string, unknown> {
  const { base } = options;
  const board: Record<string, unknown> = selectFields(
    presentBoard(base, snapshot.board, {
      labels: snapshot.labels,
      memberships: snapshot.memberships,
      viewer: options.viewer,
    }),
    fieldSelection(query.fields),
  );
  const lists = str(query.lists);
  if (lists && lists !== "none") {
    board.lists = filterLists(snapshot.lists, lists).map((l) =>
      selectFields(presentList(l), fieldSelection(query.list_fields)),
    );
  }
  const cards = str(query.cards);
  if (cards && cards !== "none") {
    board.cards = presentCards(base, snapshot, filterCards(snapshot, cards), query.card_fields, {
      badgeFields: query.badge_fields,
      omitDefaults: query.omit_defaults,
    });
  }
  if (str(query.labels) && query.labels !== "none") {
    board.labels = snapshot.labels.map((l) =>
      selectFields(presentLabel(l), fieldSelection(query.label_fields)),
    );
  }
  if (str(query.members) && query.members !== "none") {
    board.members = snapshot.members.map((m) =>
      selectFields(presentMember(base, m), fieldSelection(query.member_fields)),
    );
  }
  if (str(query.memberships) && query.memberships !== "none") {
    board.memberships = snapshot.memberships.map(presentMembership);
  }
  if (str(query.checklists) && query.checklists !== "none") {
    board.checklists = [...snapshot.checklists].sort(byPosition).map(presentChecklist);
  }
  // Trello's `attachments=true|cover|false`: the board's attachments (cover images only for
  // `cover`), so a client shows them and card covers without a read per card.
  const attachments = query.attachments;
  if (attachments === "true" || attachments === true || attachments === "cover") {
    const covers = new Set(snapshot.cards.map((c) => c.idAttachmentCover));
    board.attachments = [...snapshot.attachments]
      .filter((a) => attachments !== "cover" || covers.has(a.id))
      .sort(byPosition)
      .map((a) => selectFields(presentAttachment(base, a), fieldSelection(query.attachment_fields)));
  }
  if (query.customFields === "true" || query.customFields === true) {
    board.customFields = [...(snapshot.customFields ?? [])].sort(byPosition).map(presentCustomField);
  }
  if (options.actions) {
    board.actions = options.actions.map((a) =>
      presentAction(base, a, options.actionMembers?.get(a.idMemberCreator)),
    );
  }
  return board;
}

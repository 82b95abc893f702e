// Trello's nested board read: `GET /1/boards/{id}?lists=open&cards=visible&labels=all&…` returns
// the board with the requested collections embedded, each filtered and field-selected. The same
// code serves the sub-resources (`/1/boards/{id}/cards/open`, …) and the board JSON export.
import type { BoardSnapshot } from "@tack/shared/board-state";
import { invalid } from "@tack/shared/errors";
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

/** The most cards per list a first read may ask for: a screenful is tens. */
export const MAX_CARDS_PER_LIST = 1000;

/**
 * Tack's `cards_per_list=N`, for the web client's first paint (decision 0041-first-paint-read):
 * undefined when absent, else a whole number from 1 to MAX_CARDS_PER_LIST.
 */
function cardsPerListOf(query: Query): number | undefined {
  const raw = query.cards_per_list;
  if (raw === undefined) return undefined;
  const n = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CARDS_PER_LIST)
    throw invalid("cards_per_list", `must be a whole number from 1 to ${MAX_CARDS_PER_LIST}`);
  return n;
}

/**
 * The first `perList` cards of each list (cards come in position order), and how many of each
 * list's cards were left out, by list id (only lists that were cut short).
 */
function firstOfEachList(
  cards: readonly Card[],
  perList: number,
): { sent: Card[]; notSent: Record<string, number> } {
  const seen = new Map<string, number>();
  const sent: Card[] = [];
  const notSent: Record<string, number> = {};
  for (const card of cards) {
    const n = (seen.get(card.idList) ?? 0) + 1;
    seen.set(card.idList, n);
    if (n <= perList) sent.push(card);
    else notSent[card.idList] = (notSent[card.idList] ?? 0) + 1;
  }
  return { sent, notSent };
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
  const perList = cardsPerListOf(query);
  /** Whose covers `attachments=cover` sends: every card's, or only those a first paint's read sent. */
  let coverCards: readonly Card[] = snapshot.cards;
  if (cards && cards !== "none") {
    let sent = filterCards(snapshot, cards);
    if (perList !== undefined) {
      const first = firstOfEachList(sent, perList);
      sent = first.sent;
      coverCards = sent;
      board.cardsNotSent = first.notSent;
    }
    board.cards = presentCards(base, snapshot, sent, query.card_fields, {
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
    const covers = new Set(coverCards.map((c) => c.idAttachmentCover));
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

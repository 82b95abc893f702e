// Cards with their order, dates, labels, members, cover, custom field values and attachments (as
// links: the bytes of a Trello upload need Trello's own login, so Tack keeps the link).
import { newIdOnBoard } from "@tack/shared/ids";
import type { Attachment, Card, CardCover, CustomField, CustomFieldItem, List } from "@tack/shared/models";
import { POSITION_GAP } from "@tack/shared/positions";
import type { TrelloBoardExport, TrelloCard } from "@tack/shared/trello-export";
import { few, type PlanContext, tackMemberOf } from "./plan.ts";
import { positionsInOrder } from "./positions.ts";

const COVER_COLORS = ["pink", "yellow", "lime", "blue", "black", "orange", "red", "purple", "sky", "green"];
const LINK = /^https?:\/\//i;
const ORPHAN_LIST_NAME = "Imported cards without a list";

export interface PlannedCards {
  cards: Card[];
  attachments: Attachment[];
  /** A list made for cards whose list the export does not hold, if any. */
  extraList: List | null;
  /** Label and custom-field references that pointed at nothing. */
  dropped: number;
}

/** Keeps Trello's card numbers where they are unique; numbers the rest after the highest. */
function cardNumbers(cards: readonly TrelloCard[]): Map<TrelloCard, number> {
  const taken = new Set<number>();
  const numbers = new Map<TrelloCard, number>();
  for (const card of cards)
    if (card.idShort !== null && !taken.has(card.idShort)) {
      taken.add(card.idShort);
      numbers.set(card, card.idShort);
    }
  let next = Math.max(0, ...taken);
  for (const card of cards) if (!numbers.has(card)) numbers.set(card, ++next);
  return numbers;
}

export function planCards(
  ctx: PlanContext,
  exported: TrelloBoardExport,
  lists: readonly List[],
  customFields: readonly CustomField[],
  commentCounts: ReadonlyMap<string, number>,
): PlannedCards {
  const listIds = new Set(lists.map((l) => l.id));
  const labelIds = new Set<string>();
  for (const l of exported.labels) labelIds.add(l.id);
  for (const c of exported.cards) for (const l of c.labels) labelIds.add(l.id);
  const fieldsById = new Map(customFields.map((f) => [f.id, f]));
  let dropped = 0;

  // Cards whose list is missing go to one archived list, so nothing is lost and nothing clutters.
  let extraList: List | null = null;
  const listOf = (card: TrelloCard): string => {
    const mapped = card.idList !== null && ctx.ids.has(card.idList) ? ctx.ids.id(card.idList) : null;
    if (mapped !== null && listIds.has(mapped)) return mapped;
    extraList ??= {
      id: newIdOnBoard(ctx.boardId, ctx.nowMs),
      idBoard: ctx.boardId,
      name: ORPHAN_LIST_NAME,
      closed: true,
      softLimit: null,
      pos: Math.max(0, ...lists.map((l) => l.pos)) + POSITION_GAP,
    };
    return extraList.id;
  };

  const byList = new Map<string, TrelloCard[]>();
  for (const card of exported.cards) {
    const idList = listOf(card);
    const siblings = byList.get(idList);
    if (siblings) siblings.push(card);
    else byList.set(idList, [card]);
  }
  const numbers = cardNumbers(exported.cards);
  const cards: Card[] = [];
  const attachments: Attachment[] = [];
  const badLinks: string[] = [];
  for (const [idList, siblings] of byList) {
    const positions = positionsInOrder(siblings, (c) => c.pos);
    for (const card of siblings) {
      const id = ctx.ids.id(card.id);
      const planned = planAttachments(ctx, card, id, badLinks);
      attachments.push(...planned);
      const attachmentIds = new Set(planned.map((a) => a.id));
      const coverAttachment = (old: string | null) => {
        const mapped = old !== null && ctx.ids.has(old) ? ctx.ids.id(old) : null;
        return mapped !== null && attachmentIds.has(mapped) ? mapped : null;
      };
      const idLabels = [...new Set(card.idLabels)].flatMap((old) => {
        if (labelIds.has(old)) return [ctx.ids.id(old)];
        dropped++;
        return [];
      });
      const idMembers = new Set<string>();
      for (const old of new Set(card.idMembers)) idMembers.add(tackMemberOf(ctx, old)!.id);
      const customFieldItems = card.customFieldItems.flatMap((item): CustomFieldItem[] => {
        const field = ctx.ids.has(item.idCustomField)
          ? fieldsById.get(ctx.ids.id(item.idCustomField))
          : undefined;
        if (!field) {
          dropped++;
          return [];
        }
        const idValue = item.idValue !== null && ctx.ids.has(item.idValue) ? ctx.ids.id(item.idValue) : null;
        return [
          {
            id: ctx.ids.id(item.id),
            idCustomField: field.id,
            idModel: id,
            modelType: "card",
            idValue,
            value: item.value,
          },
        ];
      });
      const cover: CardCover = {
        color: card.cover?.color && COVER_COLORS.includes(card.cover.color) ? card.cover.color : null,
        idAttachment: coverAttachment(card.cover?.idAttachment ?? null),
        size: card.cover?.size ?? "normal",
        brightness: card.cover?.brightness ?? "dark",
      };
      cards.push({
        id,
        idBoard: ctx.boardId,
        idList,
        idShort: numbers.get(card)!,
        shortLink: ctx.ids.shortLink(card.shortLink || `card:${card.id}`),
        name: card.name,
        desc: card.desc,
        closed: card.closed,
        pos: positions.get(card)!,
        start: card.start,
        due: card.due,
        dueComplete: card.dueComplete,
        dueReminder: card.dueReminder,
        idLabels,
        idMembers: [...idMembers],
        idAttachmentCover: coverAttachment(card.idAttachmentCover),
        cover,
        dateLastActivity: card.dateLastActivity ?? ctx.now,
        commentCount: commentCounts.get(card.id) ?? 0,
        attachmentCount: planned.length,
        isTemplate: card.isTemplate,
        ...(customFieldItems.length > 0 && { customFieldItems }),
      });
    }
  }
  const orphans = extraList ? (byList.get((extraList as List).id) ?? []) : [];
  if (orphans.length > 0)
    ctx.warn(
      "cards_without_list",
      `${orphans.length} card(s) named a list the export does not hold (${few(orphans.map((c) => c.name))}); they are in the archived list "${ORPHAN_LIST_NAME}".`,
    );
  if (badLinks.length > 0)
    ctx.warn(
      "attachments_not_links",
      `${badLinks.length} attachment(s) had no web address (http or https) and were left out: ${few(badLinks)}.`,
    );
  return { cards, attachments, extraList, dropped };
}

function planAttachments(
  ctx: PlanContext,
  card: TrelloCard,
  idCard: string,
  badLinks: string[],
): Attachment[] {
  const usable = card.attachments.filter((a) => {
    if (LINK.test(a.url)) return true;
    badLinks.push(a.name || a.url || a.id);
    return false;
  });
  const positions = positionsInOrder(usable, (a) => a.pos);
  return usable.map((a) => ({
    id: ctx.ids.id(a.id),
    idBoard: ctx.boardId,
    idCard,
    name: a.name || a.url,
    url: a.url,
    mimeType: a.mimeType,
    bytes: null,
    date: a.date ?? ctx.now,
    idMember: tackMemberOf(ctx, a.idMember)?.id ?? ctx.importerId,
    isUpload: false,
    pos: positions.get(a)!,
    storageKey: null,
    previews: [],
  }));
}

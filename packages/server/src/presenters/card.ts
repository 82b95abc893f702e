// Cards as Trello clients expect them: the stored card plus derived fields (embedded labels,
// badges counted from checklists, urls).
import type { Attachment, Card, Checklist, Label } from "@tack/shared/models";
import { presentAttachment } from "./attachment.ts";
import { presentCustomFieldItem } from "./custom-field.ts";
import { presentLabel } from "./label.ts";
import { noEmoji } from "./rich-text.ts";
import { cardUrl } from "./urls.ts";

export interface CardContext {
  base: string;
  labelsById: ReadonlyMap<string, Label>;
  checklistsOfCard: (cardId: string) => readonly Checklist[];
  /** Cover images, so a card carries its cover's thumbnail URLs (`cover.scaled`). */
  attachmentsById: ReadonlyMap<string, Attachment>;
}

export function presentCard(card: Card, ctx: CardContext) {
  const checklists = ctx.checklistsOfCard(card.id);
  let checkItems = 0;
  let checkItemsChecked = 0;
  for (const checklist of checklists) {
    checkItems += checklist.checkItems.length;
    for (const item of checklist.checkItems) if (item.state === "complete") checkItemsChecked++;
  }
  const url = cardUrl(ctx.base, card.shortLink, card.idShort, card.name);
  const coverImage = card.idAttachmentCover ? ctx.attachmentsById.get(card.idAttachmentCover) : undefined;
  return {
    id: card.id,
    idBoard: card.idBoard,
    idList: card.idList,
    idShort: card.idShort,
    shortLink: card.shortLink,
    shortUrl: `${ctx.base}/c/${card.shortLink}`,
    url,
    name: card.name,
    desc: card.desc,
    descData: noEmoji(),
    closed: card.closed,
    pos: card.pos,
    start: card.start,
    due: card.due,
    dueComplete: card.dueComplete,
    dueReminder: card.dueReminder,
    idLabels: card.idLabels,
    labels: card.idLabels.flatMap((id) => {
      const label = ctx.labelsById.get(id);
      return label ? [presentLabel(label)] : [];
    }),
    idMembers: card.idMembers,
    idChecklists: [...checklists].sort((a, b) => a.pos - b.pos).map((c) => c.id),
    idAttachmentCover: card.idAttachmentCover,
    manualCoverAttachment: card.idAttachmentCover !== null,
    cover: {
      ...card.cover,
      idAttachment: card.idAttachmentCover ?? card.cover.idAttachment,
      scaled: coverImage ? presentAttachment(ctx.base, coverImage).previews : null,
    },
    subscribed: false,
    isTemplate: card.isTemplate,
    dateLastActivity: card.dateLastActivity,
    customFieldItems: (card.customFieldItems ?? []).map(presentCustomFieldItem),
    badges: {
      comments: card.commentCount,
      attachments: card.attachmentCount,
      checkItems,
      checkItemsChecked,
      description: card.desc !== "",
      due: card.due,
      dueComplete: card.dueComplete,
      start: card.start,
      votes: 0,
      viewingMemberVoted: false,
      subscribed: false,
      location: false,
    },
  };
}

/** Builds the lookups a card needs from a set of labels and checklists. */
export function cardContext(
  base: string,
  labels: readonly Label[],
  checklists: readonly Checklist[],
  attachments: readonly Attachment[] = [],
): CardContext {
  const byCard = new Map<string, Checklist[]>();
  for (const c of checklists) {
    const list = byCard.get(c.idCard);
    if (list) list.push(c);
    else byCard.set(c.idCard, [c]);
  }
  return {
    base,
    labelsById: new Map(labels.map((l) => [l.id, l])),
    checklistsOfCard: (id) => byCard.get(id) ?? [],
    attachmentsById: new Map(attachments.map((a) => [a.id, a])),
  };
}

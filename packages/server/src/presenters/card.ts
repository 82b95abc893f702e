// Cards as Trello clients expect them: the stored card plus derived fields (embedded labels,
// badges counted from checklists, urls).
import type { Attachment, Card, Checklist, Label } from "@tack/shared/models";
import { presentAttachment } from "./attachment.ts";
import { presentCustomFieldItem } from "./custom-field.ts";
import type { FieldSelection } from "./fields.ts";
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

/** How a read shapes its cards: Tack's `badge_fields` and `omit_defaults=true`. */
interface CardShape {
  badges: FieldSelection;
  omitDefaults: boolean;
}

/** What the derived fields of one card are computed from; checklist counts on first use. */
class CardFacts {
  readonly card: Card;
  readonly ctx: CardContext;
  readonly shape: CardShape;
  private counts: { checkItems: number; checkItemsChecked: number } | null = null;
  constructor(card: Card, ctx: CardContext, shape: CardShape) {
    this.card = card;
    this.ctx = ctx;
    this.shape = shape;
  }
  get checklists(): readonly Checklist[] {
    return this.ctx.checklistsOfCard(this.card.id);
  }
  get checkItemCounts(): { checkItems: number; checkItemsChecked: number } {
    if (!this.counts) {
      let checkItems = 0;
      let checkItemsChecked = 0;
      for (const checklist of this.checklists) {
        checkItems += checklist.checkItems.length;
        for (const item of checklist.checkItems) if (item.state === "complete") checkItemsChecked++;
      }
      this.counts = { checkItems, checkItemsChecked };
    }
    return this.counts;
  }
}

// Trello's badges, in Trello's order. A read that asks for a few (the web client's fronts) computes
// only those.
const BADGES = {
  comments: (f: CardFacts) => f.card.commentCount,
  attachments: (f: CardFacts) => f.card.attachmentCount,
  checkItems: (f: CardFacts) => f.checkItemCounts.checkItems,
  checkItemsChecked: (f: CardFacts) => f.checkItemCounts.checkItemsChecked,
  description: (f: CardFacts) => f.card.desc !== "",
  due: (f: CardFacts) => f.card.due,
  dueComplete: (f: CardFacts) => f.card.dueComplete,
  start: (f: CardFacts) => f.card.start,
  votes: () => 0,
  viewingMemberVoted: () => false,
  subscribed: () => false,
  location: () => false,
};

// A card's fields as Trello clients expect them, in Trello's order: the stored card plus derived
// fields (embedded labels, badges counted from checklists, urls). `badges` is filled separately.
const FIELDS = {
  id: (f: CardFacts) => f.card.id,
  idBoard: (f: CardFacts) => f.card.idBoard,
  idList: (f: CardFacts) => f.card.idList,
  idShort: (f: CardFacts) => f.card.idShort,
  shortLink: (f: CardFacts) => f.card.shortLink,
  shortUrl: (f: CardFacts) => `${f.ctx.base}/c/${f.card.shortLink}`,
  url: (f: CardFacts) => cardUrl(f.ctx.base, f.card.shortLink, f.card.idShort, f.card.name),
  name: (f: CardFacts) => f.card.name,
  desc: (f: CardFacts) => f.card.desc,
  descData: () => noEmoji(),
  closed: (f: CardFacts) => f.card.closed,
  pos: (f: CardFacts) => f.card.pos,
  start: (f: CardFacts) => f.card.start,
  due: (f: CardFacts) => f.card.due,
  dueComplete: (f: CardFacts) => f.card.dueComplete,
  dueReminder: (f: CardFacts) => f.card.dueReminder,
  idLabels: (f: CardFacts) => f.card.idLabels,
  labels: (f: CardFacts) =>
    f.card.idLabels.flatMap((id) => {
      const label = f.ctx.labelsById.get(id);
      return label ? [presentLabel(label)] : [];
    }),
  idMembers: (f: CardFacts) => f.card.idMembers,
  idChecklists: (f: CardFacts) => [...f.checklists].sort((a, b) => a.pos - b.pos).map((c) => c.id),
  idAttachmentCover: (f: CardFacts) => f.card.idAttachmentCover,
  manualCoverAttachment: (f: CardFacts) => f.card.idAttachmentCover !== null,
  cover: (f: CardFacts) => {
    const { card, ctx } = f;
    const coverImage = card.idAttachmentCover ? ctx.attachmentsById.get(card.idAttachmentCover) : undefined;
    return {
      ...card.cover,
      idAttachment: card.idAttachmentCover ?? card.cover.idAttachment,
      scaled: coverImage ? presentAttachment(ctx.base, coverImage).previews : null,
    };
  },
  subscribed: () => false,
  isTemplate: (f: CardFacts) => f.card.isTemplate,
  dateLastActivity: (f: CardFacts) => f.card.dateLastActivity,
  customFieldItems: (f: CardFacts) => (f.card.customFieldItems ?? []).map(presentCustomFieldItem),
  badges: (f: CardFacts) => badgesOf(f),
};
const FIELD_NAMES = Object.keys(FIELDS);
const BADGE_NAMES = Object.keys(BADGES);

type PresentedBadges = { [K in keyof typeof BADGES]: ReturnType<(typeof BADGES)[K]> };
export type PresentedCard = { [K in keyof typeof FIELDS]: ReturnType<(typeof FIELDS)[K]> } & {
  badges: PresentedBadges;
};

export function presentCard(card: Card, ctx: CardContext): PresentedCard {
  return presentCardFields(card, ctx, "all") as PresentedCard;
}

/**
 * What Tack's `omit_defaults=true` leaves out (readers fill it back in): a field at its default,
 * a plain cover, a badge at zero, badges that are all left out.
 */
function isDefault(value: unknown): boolean {
  if (value === null || value === false || value === "" || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== "object") return false;
  const cover = value as { color?: unknown; idAttachment?: unknown };
  if ("color" in cover && "idAttachment" in cover) return cover.color === null && cover.idAttachment === null;
  return Object.keys(value).length === 0;
}

/** The read's badges; only the card's own (a selection is the client's text: `toString` is no badge). */
function badgesOf(f: CardFacts): Record<string, unknown> {
  const { badges, omitDefaults } = f.shape;
  const out: Record<string, unknown> = {};
  for (const key of badges === "all" ? BADGE_NAMES : badges) {
    if (!Object.hasOwn(BADGES, key)) continue;
    const value = BADGES[key as keyof typeof BADGES](f);
    if (!omitDefaults || !isDefault(value)) out[key] = value;
  }
  return out;
}

/**
 * Only the fields a read selects (Trello's `card_fields`, with `id` always), computing nothing
 * else: a board's fronts read asks for 15 of 30 fields and 5 of 12 badges. With `omitDefaults`
 * (Tack's `omit_defaults=true`) a field at its default is left out, a plain cover too, and the
 * badges at zero or false.
 */
export function presentCardFields(
  card: Card,
  ctx: CardContext,
  fields: FieldSelection,
  options: { badges?: FieldSelection; omitDefaults?: boolean } = {},
): Partial<PresentedCard> {
  const omit = options.omitDefaults === true;
  const f = new CardFacts(card, ctx, { badges: options.badges ?? "all", omitDefaults: omit });
  const out: Record<string, unknown> = { id: card.id };
  for (const field of fields === "all" ? FIELD_NAMES : fields) {
    // Own fields only, as with badges.
    if (field === "id" || !Object.hasOwn(FIELDS, field)) continue;
    const value = FIELDS[field as keyof typeof FIELDS](f);
    if (!omit || !isDefault(value)) out[field] = value;
  }
  return out as Partial<PresentedCard>;
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

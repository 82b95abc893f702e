// Writing a copy of a card on a board inside its transaction (a card copied, the cards of a copied
// list or board): a new id, short link and card number, and what `keep` names of the source, with
// labels matched or made and members kept where they belong (card-transfer-rules.ts). The source
// was read before the transaction; its uploaded attachments' bytes were already copied
// (attachments/copy-blobs.ts). The caller records the action.
import { newId, newIdOnBoard, newShortLink } from "@tack/shared/ids";
import {
  type Action,
  type Attachment,
  type Card,
  type Checklist,
  type CustomField,
  type CustomFieldItem,
  defaults,
  type Label,
} from "@tack/shared/models";
import type { CardKeepable } from "@tack/shared/schemas";
import type { BoardTx } from "../../store/store.ts";
import {
  attachmentOnTarget,
  checklistOnTarget,
  labelsOnTarget,
  membersOnTarget,
} from "./card-transfer-rules.ts";
import { customFieldItemsOnTarget } from "./custom-field-transfer-rules.ts";

/** The source card as read before the copy, with its attachments' bytes already copied. */
export interface CardSource {
  readonly card: Card;
  readonly boardId: string;
  /** The source card's labels. */
  readonly labels: readonly Label[];
  readonly checklists: readonly Checklist[];
  readonly attachments: readonly Attachment[];
  readonly comments: readonly Action[];
  /** The source board's custom field definitions (read when copying values to another board). */
  readonly customFields?: readonly CustomField[];
}

export interface CardCopy {
  card: Card;
  labelsMade: Label[];
  checklists: Checklist[];
  attachments: Attachment[];
}

export async function writeCardCopy(
  tx: BoardTx,
  source: CardSource,
  keep: ReadonlySet<CardKeepable>,
  fields: Pick<Card, "idList" | "pos" | "dateLastActivity" | "name" | "desc" | "isTemplate" | "closed">,
): Promise<CardCopy> {
  const from = source.card;
  const { idLabels, created } = keep.has("labels")
    ? await labelsOnTarget(tx, source.labels)
    : { idLabels: [], created: [] };
  const members = await membersOnTarget(tx, [
    ...from.idMembers,
    ...source.checklists.flatMap((c) => c.checkItems.flatMap((i) => (i.idMember ? [i.idMember] : []))),
  ]);
  const id = newIdOnBoard(tx.boardId);
  const board = tx.board();
  const idShort = board.cardCounter + 1;
  await tx.putBoard({ ...board, cardCounter: idShort });
  const checklists = keep.has("checklists")
    ? source.checklists.map((c) =>
        checklistOnTarget(
          c,
          { id: newIdOnBoard(tx.boardId), idBoard: tx.boardId, idCard: id },
          members,
          true,
        ),
      )
    : [];
  const attachmentIds = new Map<string, string>();
  const attachments = keep.has("attachments")
    ? source.attachments.map((a) => {
        const copy = attachmentOnTarget(a, { id: newId(), idBoard: tx.boardId, idCard: id });
        attachmentIds.set(a.id, copy.id);
        return copy;
      })
    : [];
  const coverId =
    from.idAttachmentCover === null ? null : (attachmentIds.get(from.idAttachmentCover) ?? null);
  const card = defaults.card({
    ...fields,
    id,
    idBoard: tx.boardId,
    idShort,
    shortLink: newShortLink(),
    start: keep.has("start") ? from.start : null,
    due: keep.has("due") ? from.due : null,
    dueReminder: keep.has("due") ? from.dueReminder : null,
    dueComplete: keep.has("due") ? from.dueComplete : false,
    idLabels,
    idMembers: keep.has("members") ? from.idMembers.filter((m) => members.has(m)) : [],
    idAttachmentCover: coverId,
    cover: { ...from.cover, idAttachment: coverId },
    attachmentCount: attachments.length,
  });
  const customFieldItems = keep.has("customFields") ? await copiedFieldItems(tx, source, id) : [];
  if (customFieldItems.length > 0) card.customFieldItems = customFieldItems;
  await tx.put("card", card);
  await tx.putAll("checklist", checklists);
  await tx.putAll("attachment", attachments);
  return { card, labelsMade: created, checklists, attachments };
}

/** The source's custom field values for the copy: as they are on the same board, else matched on the target. */
async function copiedFieldItems(
  tx: BoardTx,
  source: CardSource,
  idModel: string,
): Promise<CustomFieldItem[]> {
  const items = source.card.customFieldItems ?? [];
  if (items.length === 0) return [];
  if (source.boardId === tx.boardId) return items.map((item) => ({ ...item, id: newId(), idModel }));
  return customFieldItemsOnTarget(items, source.customFields ?? [], await tx.all("customField"), idModel);
}

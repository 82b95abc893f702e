// What a card keeps when it lands on another board (a move or a copy), as Trello does: its labels
// matched on the target by name and colour (made there when missing), its members only where they
// belong to the target board, its checklists and attachments re-homed. Custom field values stay
// behind: field definitions belong to a board.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newIdOnBoard } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { Attachment, Card, Checklist, Label } from "@tack/shared/models";
import type { BoardTx } from "../../store/store.ts";

/** The target's labels for `labels` (by name and colour), and the ones that had to be made. */
export async function labelsOnTarget(
  to: BoardTx,
  labels: readonly Label[],
): Promise<{ idLabels: string[]; created: Label[] }> {
  const existing = await to.all("label");
  const key = (l: Label) => `${l.color ?? ""}\u0000${l.name}`;
  const byKey = new Map(existing.map((l) => [key(l), l]));
  const created: Label[] = [];
  const idLabels: string[] = [];
  for (const label of labels) {
    let match = byKey.get(key(label));
    if (!match) {
      if (existing.length + created.length >= Limits.labelsPerBoard)
        throw new TackError(
          ErrorCode.limitExceeded,
          `The target board has ${Limits.labelsPerBoard} labels already: delete some there first`,
        );
      match = { id: newIdOnBoard(to.boardId), idBoard: to.boardId, name: label.name, color: label.color };
      created.push(match);
      byKey.set(key(match), match);
      await to.put("label", match);
    }
    if (!idLabels.includes(match.id)) idLabels.push(match.id);
  }
  return { idLabels, created };
}

/** The people of `ids` who are members of the target board. */
export async function membersOnTarget(to: BoardTx, ids: readonly string[]): Promise<Set<string>> {
  const members = new Set((await to.memberships()).map((m) => m.idMember));
  return new Set(ids.filter((id) => members.has(id)));
}

/** A card as it stands on the target board (without custom field values). */
export function cardOnTarget(card: Card, fields: Pick<Card, "idBoard" | "idList" | "idShort" | "pos">): Card {
  const { customFieldItems: _left, ...rest } = card;
  return { ...rest, ...fields };
}

/** A checklist on the target board; check items assigned to people not on it are unassigned. */
export function checklistOnTarget(
  checklist: Checklist,
  fields: Pick<Checklist, "id" | "idBoard" | "idCard">,
  members: ReadonlySet<string>,
  newItemIds = false,
): Checklist {
  return {
    ...checklist,
    ...fields,
    checkItems: checklist.checkItems.map((item) => ({
      ...item,
      id: newItemIds ? newId() : item.id,
      idChecklist: fields.id,
      idMember: item.idMember !== null && members.has(item.idMember) ? item.idMember : null,
    })),
  };
}

/** An attachment on the target board. */
export function attachmentOnTarget(
  attachment: Attachment,
  fields: Pick<Attachment, "id" | "idBoard" | "idCard">,
): Attachment {
  return { ...attachment, ...fields };
}

/** Refuses a card that would take the target board past its open-card limit. */
export async function checkOpenCardRoom(to: BoardTx, adding: number): Promise<void> {
  if ((await to.countOpen("card")) + adding > Limits.openCardsPerBoard)
    throw new TackError(
      ErrorCode.limitExceeded,
      `A board can have at most ${Limits.openCardsPerBoard} open cards: archive some on the target board first`,
    );
}

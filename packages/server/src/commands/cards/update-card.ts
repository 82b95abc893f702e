// Everything `PUT /1/cards/{id}` can do, moves included: a move is a new idList and/or pos, one
// write of the card (plus a renumbering of its new siblings when their gaps ran out).
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { Limits } from "@tack/shared/limits";
import { CARD_UPDATABLE_FIELDS, type Card } from "@tack/shared/models";
import type { UpdateCardInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeUnder } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import { coverChange } from "./card-cover.ts";
import { checkCardLabels, checkCardMembers } from "./card-rules.ts";
import { cardViewIn, keepWrittenView } from "./card-view-rules.ts";

const TRACKED = CARD_UPDATABLE_FIELDS;

export interface UpdateCardArgs {
  readonly cardId: string;
  readonly input: UpdateCardInput;
}

export const updateCard = defineCommand({
  // A retry of a move to another board finds the card on its new board already: it is then this
  // command, under the move's kind, so the first attempt's answer is replayed.
  kind: ({ input }: UpdateCardArgs) => (input.idBoard === undefined ? "updateCard" : "moveCardToBoard"),
  check({ input }: UpdateCardArgs, { boardId }) {
    // The route sends a move to another board to moveCardToBoard; this is the guard behind it.
    if (input.idBoard !== undefined && input.idBoard !== boardId) {
      throw invalid("idBoard", "this card is on another board");
    }
  },
  // The card, its list and the list it goes to, the positions of that list's cards (a move's
  // placement), the board's labels and the card's checklists (its answer).
  reads: ({ cardId, input }: UpdateCardArgs) => ({
    ids: [cardId, ...(input.idList !== undefined ? [input.idList] : [])],
    parentsOf: [cardId],
    children: [{ kind: "checklist", of: cardId }],
    positions: input.idList !== undefined ? [{ kind: "card", of: input.idList }] : [],
    siblingPositions:
      input.pos !== undefined && input.idList === undefined ? [{ kind: "card", of: cardId }] : [],
    all: ["label"],
  }),
  async run(tx, { cardId, input }: UpdateCardArgs, { rec }): Promise<Card> {
    const before = await tx.get("card", cardId);
    if (!before) throw notFound("card");
    const listBefore = await tx.get("list", before.idList);
    const idList = input.idList ?? before.idList;
    const listAfter = idList === before.idList ? listBefore : await tx.get("list", idList);
    if (!listAfter) throw invalid("idList", "no such list on this board");
    if (input.closed === false && before.closed && (await tx.countOpen("card")) >= Limits.openCardsPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openCardsPerBoard} open cards`,
      );
    }
    let pos = before.pos;
    let moved: Card[] = [];
    if (input.pos !== undefined || idList !== before.idList) {
      const placed = await placeUnder(tx, "card", idList, input.pos ?? "bottom", cardId);
      pos = placed.pos;
      moved = placed.moved;
      for (const m of moved) await tx.put("card", m);
    }
    const cover = await coverChange(tx, cardId, before, input);
    const after: Card = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.desc !== undefined && { desc: input.desc }),
      ...(input.closed !== undefined && { closed: input.closed }),
      ...(input.due !== undefined && { due: input.due }),
      ...(input.start !== undefined && { start: input.start }),
      ...(input.dueComplete !== undefined && { dueComplete: input.dueComplete }),
      ...(input.dueReminder !== undefined && { dueReminder: input.dueReminder }),
      ...(input.isTemplate !== undefined && { isTemplate: input.isTemplate }),
      ...(input.idLabels !== undefined && { idLabels: await checkCardLabels(tx, input.idLabels) }),
      ...(input.idMembers !== undefined && { idMembers: await checkCardMembers(tx, input.idMembers) }),
      ...cover,
      idList,
      pos,
      dateLastActivity: rec.now,
    };
    await tx.put("card", after);
    const old: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (const key of TRACKED) {
      if (!sameField(after[key], before[key])) {
        old[key] = before[key];
        changed[key] = after[key];
      }
    }
    const data: Record<string, unknown> = {
      board: boardRef(tx.board()),
      card: { ...cardRef(after), ...changed },
      old,
      list: listRef(listAfter),
    };
    if (idList !== before.idList) {
      data.listBefore = listBefore ? listRef(listBefore) : { id: before.idList };
      data.listAfter = listRef(listAfter);
    }
    await rec.record("updateCard", data, { cards: [...moved, after] }, { cardId });
    return keepWrittenView(await cardViewIn(tx, after));
  },
  replay: (change) => change.models.cards!.at(-1)!,
});

/**
 * Whether a field kept its value: the same value or reference at once (most fields of most
 * updates, every one a move leaves alone), else the same JSON for arrays and objects. Stringifying
 * every tracked field of both versions was most of a move's own work in this command (issue 16).
 */
function sameField(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

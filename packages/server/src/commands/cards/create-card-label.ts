// Trello's `POST /1/cards/{id}/labels`: a new board label, put on the card at once. One
// transaction, two actions (createLabel, addLabelToCard), as Trello records them.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newIdOnBoard } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { Card, Label, LabelColor } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, labelRef } from "../refs.ts";

export interface CreateCardLabelArgs {
  readonly cardId: string;
  readonly name: string;
  readonly color: LabelColor | null;
}

/** The new label's id. */
export const createCardLabel = defineCommand({
  kind: "createCardLabel",
  async run(tx, { cardId, name, color }: CreateCardLabelArgs, { boardId, rec }): Promise<string> {
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    if ((await tx.all("label")).length >= Limits.labelsPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.labelsPerBoard} labels`,
      );
    }
    const label: Label = { id: newIdOnBoard(boardId), idBoard: boardId, name, color };
    await tx.put("label", label);
    await rec.record(
      "createLabel",
      { board: boardRef(tx.board()), label: labelRef(label) },
      { labels: [label] },
    );
    const after: Card = { ...card, idLabels: [...card.idLabels, label.id], dateLastActivity: rec.now };
    await tx.put("card", after);
    await rec.record(
      "addLabelToCard",
      { board: boardRef(tx.board()), card: cardRef(after), label: labelRef(label) },
      { cards: [after] },
      { cardId },
    );
    return label.id;
  },
  replay: (change) => change.models.labels?.[0]?.id ?? change.models.cards?.[0]?.idLabels.at(-1) ?? "",
});

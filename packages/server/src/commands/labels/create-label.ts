// Board labels. Deleting a label also takes it off every card that carries it, in the same change.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newIdOnBoard } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { Label, LabelColor } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { labelRef } from "../refs.ts";

export interface CreateLabelArgs {
  readonly name: string;
  readonly color: LabelColor | null;
}

export const createLabel = defineCommand({
  kind: "createLabel",
  async run(tx, { name, color }: CreateLabelArgs, { boardId, rec }): Promise<Label> {
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
    return label;
  },
  replay: (change) => change.models.labels![0]!,
});

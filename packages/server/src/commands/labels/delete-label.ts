// Board labels. Deleting a label also takes it off every card that carries it, in the same change.
import { notFound } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { labelRef } from "../refs.ts";

export interface DeleteLabelArgs {
  readonly labelId: string;
}

export const deleteLabel = defineCommand({
  kind: "deleteLabel",
  async run(tx, { labelId }: DeleteLabelArgs, { rec }): Promise<void> {
    const label = await tx.get("label", labelId);
    if (!label) throw notFound("label");
    const cards = (await tx.all("card"))
      .filter((c) => c.idLabels.includes(labelId))
      .map((c) => ({ ...c, idLabels: c.idLabels.filter((id) => id !== labelId) }));
    for (const card of cards) await tx.put("card", card);
    await tx.remove("label", labelId);
    await rec.record(
      "deleteLabel",
      { board: boardRef(tx.board()), label: labelRef(label) },
      { cards },
      {
        deleted: [{ kind: "label", id: labelId }],
      },
    );
  },
  replay: () => undefined,
});

// Board labels. Deleting a label also takes it off every card that carries it, in the same change.
import { notFound } from "@tack/shared/errors";
import type { Label, LabelColor } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { labelRef } from "../refs.ts";

export interface UpdateLabelArgs {
  readonly labelId: string;
  readonly input: { readonly name?: string | undefined; readonly color?: LabelColor | null | undefined };
}

export const updateLabel = defineCommand({
  kind: "updateLabel",
  async run(tx, { labelId, input }: UpdateLabelArgs, { rec }): Promise<Label> {
    const before = await tx.get("label", labelId);
    if (!before) throw notFound("label");
    const after: Label = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.color !== undefined && { color: input.color }),
    };
    await tx.put("label", after);
    await rec.record(
      "updateLabel",
      { board: boardRef(tx.board()), label: labelRef(after), old: labelRef(before) },
      { labels: [after] },
    );
    return after;
  },
  replay: (change) => change.models.labels![0]!,
});

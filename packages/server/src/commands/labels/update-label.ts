// Board labels. Deleting a label also takes it off every card that carries it, in the same change.
import { notFound } from "@tack/shared/errors";
import type { Label, LabelColor } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { labelRef } from "../refs.ts";

export async function updateLabel(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  labelId: string,
  input: { name?: string | undefined; color?: LabelColor | null | undefined },
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "updateLabel",
      async run(tx, rec) {
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
        return labelId;
      },
      replay: () => labelId,
    },
    { mutationId },
  );
}

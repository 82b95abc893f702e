// Board labels. Deleting a label also takes it off every card that carries it, in the same change.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { Label, LabelColor } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { labelRef } from "../refs.ts";

export async function createLabel(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  name: string,
  color: LabelColor | null,
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "createLabel",
      async run(tx, rec) {
        if ((await tx.all("label")).length >= Limits.labelsPerBoard) {
          throw new TackError(
            ErrorCode.limitExceeded,
            `A board can have at most ${Limits.labelsPerBoard} labels`,
          );
        }
        const label: Label = { id: newId(), idBoard: boardId, name, color };
        await tx.put("label", label);
        await rec.record(
          "createLabel",
          { board: boardRef(tx.board()), label: labelRef(label) },
          { labels: [label] },
        );
        return label.id;
      },
      replay: (change) => change.models.labels![0]!.id,
    },
    { mutationId },
  );
}

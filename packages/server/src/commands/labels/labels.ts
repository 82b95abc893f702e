// Board labels. Deleting a label also takes it off every card that carries it, in the same change.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
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

export async function deleteLabel(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  labelId: string,
  mutationId: string | null,
): Promise<void> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteLabel",
      async run(tx, rec) {
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
    },
    { mutationId },
  );
}

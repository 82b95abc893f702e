// Renaming, moving, or showing on the card front a custom field (Trello's `PUT /1/customFields/{id}`).
import { notFound } from "@tack/shared/errors";
import type { CustomField } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { customFieldRef } from "../refs.ts";

export interface UpdateCustomFieldArgs {
  readonly fieldId: string;
  readonly name?: string | undefined;
  readonly pos?: PositionRequest | undefined;
  readonly cardFront?: boolean | undefined;
}

export const updateCustomField = defineCommand({
  kind: "updateCustomField",
  async run(tx, { fieldId, name, pos, cardFront }: UpdateCustomFieldArgs, { rec }): Promise<CustomField> {
    const before = await tx.get("customField", fieldId);
    if (!before) throw notFound("custom field");
    const placed = pos === undefined ? null : placeAmong(await tx.all("customField"), pos, fieldId);
    const after: CustomField = {
      ...before,
      ...(name !== undefined && { name }),
      ...(placed && { pos: placed.pos }),
      ...(cardFront !== undefined && { display: { ...before.display, cardFront } }),
    };
    const moved = placed?.moved ?? [];
    for (const m of moved) await tx.put("customField", m);
    await tx.put("customField", after);
    const old: Record<string, unknown> = {};
    if (name !== undefined) old.name = before.name;
    if (placed) old.pos = before.pos;
    if (cardFront !== undefined) old.display = before.display;
    await rec.record(
      "updateCustomField",
      { board: boardRef(tx.board()), customField: { ...customFieldRef(after), display: after.display }, old },
      { customFields: [after, ...moved] },
    );
    return after;
  },
  replay: (change) => change.models.customFields![0]!,
});

import { invalid } from "@tack/shared/errors";
import { createLabelInput, updateLabelInput } from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeBoard, authorizeObject } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import { createLabel, deleteLabel, updateLabel } from "../commands/labels/labels.ts";
import { presentLabel } from "../presenters/label.ts";
import type { Api } from "./api.ts";

export function labelRoutes(api: Api): void {
  const { ctx } = api;
  const presentById = async (id: string) => presentLabel((await ctx.store.objectById("label", id))!);

  api.route("POST", "/1/labels", "Create a label", createLabelInput, async ({ actor, input, mutationId }) => {
    const me = requireMember(actor);
    const { boardId } = await authorizeBoard(ctx, actor, input.idBoard, "write");
    return presentById(await createLabel(ctx, me, boardId, input.name ?? "", input.color, mutationId));
  });

  api.get("/1/labels/:id", "A label", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "label", params.id!, "read");
    return presentLabel(object);
  });

  api.route(
    "PUT",
    "/1/labels/:id",
    "Rename or recolor a label",
    updateLabelInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "label", params.id!, "write");
      return presentById(await updateLabel(ctx, me, boardId, params.id!, input, mutationId));
    },
  );

  for (const field of ["name", "color"] as const) {
    api.route(
      "PUT",
      `/1/labels/:id/${field}`,
      `Set the label's ${field}`,
      z.object({ value: z.unknown() }),
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const parsed = updateLabelInput.safeParse({ [field]: input.value });
        if (!parsed.success) throw invalid("value", parsed.error.issues[0]!.message);
        const { boardId } = await authorizeObject(ctx, actor, "label", params.id!, "write");
        return presentById(await updateLabel(ctx, me, boardId, params.id!, parsed.data, mutationId));
      },
    );
  }

  api.route(
    "DELETE",
    "/1/labels/:id",
    "Delete a label (and take it off every card)",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "label", params.id!, "write");
      await deleteLabel(ctx, me, boardId, params.id!, mutationId);
    },
  );
}

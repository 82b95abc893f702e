import { invalid, notFound } from "@tack/shared/errors";
import {
  createCheckItemInput,
  createChecklistInput,
  updateCheckItemInput,
  updateChecklistInput,
} from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeObject } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import {
  createCheckItem,
  createChecklist,
  deleteCheckItem,
  deleteChecklist,
  updateCheckItem,
  updateChecklist,
} from "../commands/checklists/checklists.ts";
import { presentCheckItem, presentChecklist } from "../presenters/checklist.ts";
import type { Api } from "./api.ts";

export function checklistRoutes(api: Api): void {
  const { ctx } = api;
  const presentById = async (id: string) => presentChecklist((await ctx.store.objectById("checklist", id))!);

  api.route(
    "POST",
    "/1/checklists",
    "Create a checklist on a card",
    createChecklistInput,
    async ({ actor, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "card", input.idCard, "write");
      return presentById(await createChecklist(ctx, me, boardId, input, mutationId));
    },
  );

  api.get("/1/checklists/:id", "A checklist with its items", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "checklist", params.id!, "read");
    return presentChecklist(object);
  });

  api.route(
    "PUT",
    "/1/checklists/:id",
    "Rename or move a checklist",
    updateChecklistInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "checklist", params.id!, "write");
      return presentById(await updateChecklist(ctx, me, boardId, params.id!, input, mutationId));
    },
  );

  for (const field of ["name", "pos"] as const) {
    api.route(
      "PUT",
      `/1/checklists/:id/${field}`,
      `Set the checklist's ${field}`,
      z.object({ value: z.unknown() }),
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const parsed = updateChecklistInput.safeParse({ [field]: input.value });
        if (!parsed.success) throw invalid("value", parsed.error.issues[0]!.message);
        const { boardId } = await authorizeObject(ctx, actor, "checklist", params.id!, "write");
        return presentById(await updateChecklist(ctx, me, boardId, params.id!, parsed.data, mutationId));
      },
    );
  }

  api.route(
    "DELETE",
    "/1/checklists/:id",
    "Delete a checklist",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "checklist", params.id!, "write");
      await deleteChecklist(ctx, me, boardId, params.id!, mutationId);
    },
  );

  api.get("/1/checklists/:id/checkItems", "The checklist's items", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "checklist", params.id!, "read");
    return presentChecklist(object).checkItems;
  });

  api.get("/1/checklists/:id/checkItems/:idCheckItem", "One check item", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "checklist", params.id!, "read");
    const item = object.checkItems.find((i) => i.id === params.idCheckItem);
    if (!item) throw notFound("check item");
    return presentCheckItem(item);
  });

  api.route(
    "POST",
    "/1/checklists/:id/checkItems",
    "Add an item to the checklist",
    createCheckItemInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "checklist", params.id!, "write");
      const itemId = await createCheckItem(ctx, me, boardId, params.id!, input, mutationId);
      const after = await ctx.store.objectById("checklist", params.id!);
      return presentCheckItem(after!.checkItems.find((i) => i.id === itemId)!);
    },
  );

  api.route(
    "PUT",
    "/1/checklists/:id/checkItems/:idCheckItem",
    "Update a check item",
    updateCheckItemInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "checklist", params.id!, "write");
      await updateCheckItem(ctx, me, boardId, params.id!, params.idCheckItem!, input, mutationId);
      const after = await ctx.store.objectById("checklist", params.id!);
      return presentCheckItem(after!.checkItems.find((i) => i.id === params.idCheckItem)!);
    },
  );

  api.route(
    "DELETE",
    "/1/checklists/:id/checkItems/:idCheckItem",
    "Delete a check item",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "checklist", params.id!, "write");
      await deleteCheckItem(ctx, me, boardId, params.id!, params.idCheckItem!, mutationId);
    },
  );
}

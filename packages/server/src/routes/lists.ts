import { invalid } from "@tack/shared/errors";
import { createListInput, updateListInput } from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeBoard, authorizeObject } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import { createList } from "../commands/lists/create-list.ts";
import { archiveAllCards, updateList } from "../commands/lists/update-list.ts";
import { presentBoard } from "../presenters/board.ts";
import { filterCards, presentCards } from "../presenters/board-read.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentList } from "../presenters/list.ts";
import type { Api } from "./api.ts";

export function listRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const presentById = async (id: string) => presentList((await ctx.store.objectById("list", id))!);

  api.route("POST", "/1/lists", "Create a list", createListInput, async ({ actor, input, mutationId }) => {
    const me = requireMember(actor);
    const { boardId } = await authorizeBoard(ctx, actor, input.idBoard, "write");
    return presentById(await createList(ctx, me, boardId, input, mutationId));
  });

  api.get("/1/lists/:id", "A list", async ({ actor, params, query }) => {
    const { object } = await authorizeObject(ctx, actor, "list", params.id!, "read");
    return selectFields(presentList(object), fieldSelection(query.fields));
  });

  api.route(
    "PUT",
    "/1/lists/:id",
    "Rename, archive or move a list",
    updateListInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "list", params.id!, "write");
      return presentById(await updateList(ctx, me, boardId, params.id!, input, mutationId));
    },
  );

  for (const field of ["name", "closed", "pos"] as const) {
    api.route(
      "PUT",
      `/1/lists/:id/${field}`,
      `Set the list's ${field}`,
      z.object({ value: z.unknown() }),
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const parsed = updateListInput.safeParse({ [field]: input.value });
        if (!parsed.success) throw invalid("value", parsed.error.issues[0]!.message);
        const { boardId } = await authorizeObject(ctx, actor, "list", params.id!, "write");
        return presentById(await updateList(ctx, me, boardId, params.id!, parsed.data, mutationId));
      },
    );
  }

  api.get("/1/lists/:id/cards", "The list's open cards", async ({ actor, params, query }) => {
    const { boardId, object } = await authorizeObject(ctx, actor, "list", params.id!, "read");
    const snapshot = (await ctx.store.loadBoard(boardId))!;
    const cards = filterCards(snapshot, typeof query.filter === "string" ? query.filter : "open").filter(
      (c) => c.idList === object.id,
    );
    return presentCards(base, snapshot, cards, query.fields);
  });

  api.get("/1/lists/:id/board", "The list's board", async ({ actor, params }) => {
    const { boardId } = await authorizeObject(ctx, actor, "list", params.id!, "read");
    const found = await ctx.store.boardById(boardId);
    return presentBoard(base, found!.board);
  });

  api.route(
    "POST",
    "/1/lists/:id/archiveAllCards",
    "Archive every card in the list",
    undefined,
    async ({ actor, params }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeObject(ctx, actor, "list", params.id!, "write");
      await archiveAllCards(ctx, me, boardId, params.id!);
    },
  );
}

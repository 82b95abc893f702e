import { invalid } from "@tack/shared/errors";
import type { List } from "@tack/shared/models";
import { createListInput, type UpdateListInput, updateListInput } from "@tack/shared/schemas";
import { authorizeBoard } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import { execute, executeAcross } from "../commands/command.ts";
import { archiveAllCards } from "../commands/lists/archive-all-cards.ts";
import { createList } from "../commands/lists/create-list.ts";
import { moveListToBoard } from "../commands/lists/move-list-to-board.ts";
import { updateList } from "../commands/lists/update-list.ts";
import type { AppContext } from "../context.ts";
import { presentBoard } from "../presenters/board.ts";
import { filterCards, presentCards } from "../presenters/board-read.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentList } from "../presenters/list.ts";
import { type Api, singleFieldRoutes } from "./api.ts";
import { copyListFrom } from "./list-copy.ts";

export function listRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  const presentWritten = async (list: List) => presentList(list);
  const writeList = { object: "list", permission: "write" } as const;
  // A list's update or drag needs only its id and board: its access may come from the process's
  // cache, as the card update's (decision 0044-cached-write-access).
  const writeListCached = { object: "list", permission: "write", cached: true } as const;
  const readList = { object: "list", permission: "read" } as const;

  api.define({
    method: "POST",
    path: "/1/lists",
    summary: "Create a list",
    input: createListInput,
    access: { board: true, id: "idBoard", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      input.idListSource === undefined
        ? execute(ctx, createList, { actor: me, boardId: target.boardId, mutationId, input })
        : copyListFrom(ctx, me, target.boardId, { ...input, idListSource: input.idListSource }, mutationId),
    present: presentWritten,
  });

  api.define({
    method: "GET",
    path: "/1/lists/:id",
    summary: "A list",
    access: readList,
    handler: async ({ target, query }) =>
      selectFields(presentList(target.object), fieldSelection(query.fields)),
  });

  const updateOrMove = (call: ListWrite) => updateOrMoveList(ctx, call);

  api.define({
    method: "PUT",
    path: "/1/lists/:id",
    summary: "Rename, archive or move a list",
    input: updateListInput,
    access: writeListCached,
    handler: updateOrMove,
    present: presentWritten,
  });

  singleFieldRoutes(api, {
    path: "/1/lists/:id",
    noun: "list",
    fields: ["name", "closed", "pos", "softLimit"],
    schema: updateListInput,
    access: () => writeListCached,
    handler: updateOrMove,
    present: presentWritten,
  });

  api.define({
    method: "GET",
    path: "/1/lists/:id/cards",
    summary: "The list's open cards",
    access: readList,
    handler: async ({ target, query }) => {
      const snapshot = (await ctx.store.loadBoard(target.boardId))!;
      const cards = filterCards(snapshot, typeof query.filter === "string" ? query.filter : "open").filter(
        (c) => c.idList === target.object.id,
      );
      return presentCards(base, snapshot, cards, query.fields);
    },
  });

  api.define({
    method: "GET",
    path: "/1/lists/:id/board",
    summary: "The list's board",
    access: readList,
    handler: async ({ target }) => presentBoard(base, (await ctx.store.boardById(target.boardId))!.board),
  });

  api.define({
    method: "POST",
    path: "/1/lists/:id/archiveAllCards",
    summary: "Archive every card in the list",
    access: writeList,
    handler: async ({ me, target }) => {
      await execute(ctx, archiveAllCards, { actor: me, boardId: target.boardId, listId: target.object.id });
    },
  });
}

/** A list write as the routes hand it over. */
export interface ListWrite {
  me: MemberActor;
  target: { boardId: string; object: { id: string } };
  input: UpdateListInput;
  mutationId: string | null;
}

/** A list update, or (with another board's idBoard) a move of the list and its cards there. */
export async function updateOrMoveList(ctx: AppContext, { me, target, input, mutationId }: ListWrite) {
  const listId = target.object.id;
  const to = input.idBoard === undefined ? null : await authorizeBoard(ctx, me, input.idBoard, "write");
  if (to === null || to.boardId === target.boardId)
    return execute(ctx, updateList, {
      actor: me,
      boardId: target.boardId,
      mutationId,
      listId,
      input: { ...input, ...(to && { idBoard: to.boardId }) },
    });
  const { idBoard: _board, pos, ...rest } = input;
  if (Object.keys(rest).length > 0)
    throw invalid(
      Object.keys(rest)[0]!,
      "a move to another board takes only idBoard and pos: change the list in a second request",
    );
  return executeAcross(ctx, moveListToBoard, {
    actor: me,
    from: target.boardId,
    to: to.boardId,
    mutationId,
    listId,
    pos,
  });
}

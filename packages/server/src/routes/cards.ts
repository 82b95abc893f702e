import { invalid, notFound } from "@tack/shared/errors";
import {
  commentInput,
  createCardInput,
  createChecklistInput,
  id,
  updateCardInput,
  updateCheckItemInput,
} from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeObject } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import { setCardRelation } from "../commands/cards/card-relations.ts";
import { addComment, deleteComment, editComment } from "../commands/cards/comments.ts";
import { createCard } from "../commands/cards/create-card.ts";
import { deleteCard } from "../commands/cards/delete-card.ts";
import { updateCard } from "../commands/cards/update-card.ts";
import { createChecklist, deleteCheckItem, updateCheckItem } from "../commands/checklists/checklists.ts";
import type { AppContext } from "../context.ts";
import { presentAction } from "../presenters/action.ts";
import { presentAttachment } from "../presenters/attachment.ts";
import { presentBoard } from "../presenters/board.ts";
import { cardContext, presentCard } from "../presenters/card.ts";
import { presentCheckItem, presentChecklist } from "../presenters/checklist.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentList } from "../presenters/list.ts";
import { presentMember } from "../presenters/member.ts";
import { readActions } from "./actions.ts";
import type { Api } from "./api.ts";

const SINGLE_FIELDS = [
  "name",
  "desc",
  "closed",
  "idList",
  "pos",
  "due",
  "start",
  "dueComplete",
  "idAttachmentCover",
  "idLabels",
  "idMembers",
] as const;

export async function presentCardById(ctx: AppContext, cardId: string, fields: unknown = "all") {
  const view = await ctx.store.cardView(cardId);
  if (!view) throw notFound("card");
  const { card, labels, checklists, attachments } = view;
  return selectFields(
    presentCard(card, cardContext(ctx.config.publicUrl, labels, checklists, attachments)),
    fieldSelection(fields),
  );
}

export function cardRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  api.route("POST", "/1/cards", "Create a card", createCardInput, async ({ actor, input, mutationId }) => {
    const me = requireMember(actor);
    const { boardId } = await authorizeObject(ctx, actor, "list", input.idList, "write");
    return presentCardById(ctx, await createCard(ctx, me, boardId, input, mutationId));
  });

  api.get("/1/cards/:id", "A card (by id or short link)", async ({ actor, params, query }) => {
    const { object } = await authorizeObject(ctx, actor, "card", params.id!, "read");
    const card: Record<string, unknown> = await presentCardById(ctx, object.id, query.fields);
    if (query.checklists === "all")
      card.checklists = (await ctx.store.childrenOf("checklist", object.id))
        .sort((a, b) => a.pos - b.pos)
        .map(presentChecklist);
    if (query.attachments === "true" || query.attachments === "cover")
      card.attachments = (await ctx.store.childrenOf("attachment", object.id))
        .filter((a) => query.attachments === "true" || a.id === object.idAttachmentCover)
        .sort((a, b) => a.pos - b.pos)
        .map((a) => presentAttachment(base, a));
    if (query.members === "true")
      card.members = (await ctx.store.membersByIds(object.idMembers)).map((m) => presentMember(base, m));
    if (typeof query.actions === "string") {
      const { actions, actionMembers } = await readActions(ctx, { cardId: object.id }, query);
      card.actions = actions.map((a) => presentAction(base, a, actionMembers.get(a.idMemberCreator)));
    }
    return card;
  });

  api.route(
    "PUT",
    "/1/cards/:id",
    "Update or move a card (idList, pos, name, desc, closed, due, labels, members…)",
    updateCardInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
      return presentCardById(ctx, await updateCard(ctx, me, boardId, object.id, input, mutationId));
    },
  );

  for (const field of SINGLE_FIELDS) {
    api.route(
      "PUT",
      `/1/cards/:id/${field}`,
      `Set the card's ${field}`,
      z.object({ value: z.unknown() }),
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const parsed = updateCardInput.safeParse({ [field]: input.value });
        if (!parsed.success) throw invalid("value", parsed.error.issues[0]!.message);
        const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
        return presentCardById(ctx, await updateCard(ctx, me, boardId, object.id, parsed.data, mutationId));
      },
    );
  }

  api.route(
    "DELETE",
    "/1/cards/:id",
    "Delete a card for good",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
      await deleteCard(ctx, me, boardId, object.id, mutationId);
    },
  );

  api.get(
    "/1/cards/:id/actions",
    "The card's activity and comments (filter=types)",
    async ({ actor, params, query }) => {
      const { object } = await authorizeObject(ctx, actor, "card", params.id!, "read");
      const { actions, actionMembers } = await readActions(
        ctx,
        { cardId: object.id },
        { ...query, actions: query.filter ?? "commentCard" },
      );
      return actions.map((a) => presentAction(base, a, actionMembers.get(a.idMemberCreator)));
    },
  );

  api.get("/1/cards/:id/checklists", "The card's checklists", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "card", params.id!, "read");
    return (await ctx.store.childrenOf("checklist", object.id))
      .sort((a, b) => a.pos - b.pos)
      .map(presentChecklist);
  });

  api.get("/1/cards/:id/members", "The card's members", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "card", params.id!, "read");
    return (await ctx.store.membersByIds(object.idMembers)).map((m) => presentMember(base, m));
  });

  api.get("/1/cards/:id/list", "The card's list", async ({ actor, params }) => {
    const { object } = await authorizeObject(ctx, actor, "card", params.id!, "read");
    return presentList((await ctx.store.objectById("list", object.idList))!);
  });

  api.get("/1/cards/:id/board", "The card's board", async ({ actor, params }) => {
    const { boardId } = await authorizeObject(ctx, actor, "card", params.id!, "read");
    return presentBoard(base, (await ctx.store.boardById(boardId))!.board);
  });

  const relationInput = z.object({ value: id });
  for (const [path, relation] of [
    ["idLabels", "label"],
    ["idMembers", "member"],
  ] as const) {
    api.route(
      "POST",
      `/1/cards/:id/${path}`,
      `Add a ${relation} to the card`,
      relationInput,
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
        return setCardRelation(ctx, me, boardId, object.id, relation, input.value, true, mutationId);
      },
    );
    api.route(
      "DELETE",
      `/1/cards/:id/${path}/:target`,
      `Remove a ${relation} from the card`,
      undefined,
      async ({ actor, params, mutationId }) => {
        const me = requireMember(actor);
        const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
        return setCardRelation(ctx, me, boardId, object.id, relation, params.target!, false, mutationId);
      },
    );
  }

  api.route(
    "POST",
    "/1/cards/:id/actions/comments",
    "Comment on the card",
    commentInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "comment");
      const actionId = await addComment(ctx, me, boardId, object.id, input.text, mutationId);
      const action = await ctx.store.actionById(actionId);
      const member = await ctx.store.memberById(me.memberId);
      return presentAction(base, action!, member ?? undefined);
    },
  );

  api.route(
    "PUT",
    "/1/cards/:id/actions/:idAction/comments",
    "Edit a comment (text)",
    commentInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "comment");
      await editComment(ctx, me, boardId, object.id, params.idAction!, input.text, mutationId);
      const action = await ctx.store.actionById(params.idAction!);
      return presentAction(base, action!, (await ctx.store.memberById(action!.idMemberCreator)) ?? undefined);
    },
  );

  api.route(
    "DELETE",
    "/1/cards/:id/actions/:idAction/comments",
    "Delete a comment",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object, access } = await authorizeObject(ctx, actor, "card", params.id!, "comment");
      await deleteComment(ctx, me, boardId, object.id, params.idAction!, access.role === "admin", mutationId);
    },
  );

  api.route(
    "POST",
    "/1/cards/:id/checklists",
    "Add a checklist to the card",
    createChecklistInput.omit({ idCard: true }),
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
      const checklistId = await createChecklist(
        ctx,
        me,
        boardId,
        { ...input, idCard: object.id },
        mutationId,
      );
      return presentChecklist((await ctx.store.objectById("checklist", checklistId))!);
    },
  );

  async function checklistOfItem(cardId: string, itemId: string) {
    const checklists = await ctx.store.childrenOf("checklist", cardId);
    const checklist = checklists.find((c) => c.checkItems.some((i) => i.id === itemId));
    if (!checklist) throw notFound("check item");
    return checklist;
  }

  api.route(
    "PUT",
    "/1/cards/:id/checkItem/:idCheckItem",
    "Update a check item (state, name, pos)",
    updateCheckItemInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
      const checklist = await checklistOfItem(object.id, params.idCheckItem!);
      await updateCheckItem(ctx, me, boardId, checklist.id, params.idCheckItem!, input, mutationId);
      const after = await ctx.store.objectById("checklist", checklist.id);
      return presentCheckItem(after!.checkItems.find((i) => i.id === params.idCheckItem)!);
    },
  );

  api.route(
    "DELETE",
    "/1/cards/:id/checkItem/:idCheckItem",
    "Delete a check item",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId, object } = await authorizeObject(ctx, actor, "card", params.id!, "write");
      const checklist = await checklistOfItem(object.id, params.idCheckItem!);
      await deleteCheckItem(ctx, me, boardId, checklist.id, params.idCheckItem!, mutationId);
    },
  );
}

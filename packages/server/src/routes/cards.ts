import { notFound } from "@tack/shared/errors";
import {
  commentInput,
  createCardInput,
  createChecklistInput,
  id,
  updateCardInput,
  updateCheckItemInput,
} from "@tack/shared/schemas";
import { z } from "zod";
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
import { CARD_ACTIONS_DEFAULT, readActions } from "./actions.ts";
import { type Api, singleFieldRoutes } from "./api.ts";
import { presentCardMembers } from "./card-extras.ts";

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
  const readCard = { object: "card", permission: "read" } as const;
  const writeCard = { object: "card", permission: "write" } as const;
  const commentCard = { object: "card", permission: "comment" } as const;
  const presentById = (cardId: string) => presentCardById(ctx, cardId);

  api.define({
    method: "POST",
    path: "/1/cards",
    summary: "Create a card",
    input: createCardInput,
    access: { object: "list", id: "idList", permission: "write" },
    handler: ({ me, target, input, mutationId }) => createCard(ctx, me, target.boardId, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id",
    summary: "A card (by id or short link)",
    access: readCard,
    handler: async ({ target: { object }, query }) => {
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
    },
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id",
    summary: "Update or move a card (idList, pos, name, desc, closed, due, labels, members…)",
    input: updateCardInput,
    access: writeCard,
    handler: ({ me, target, input, mutationId }) =>
      updateCard(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  singleFieldRoutes(api, {
    path: "/1/cards/:id",
    noun: "card",
    fields: SINGLE_FIELDS,
    schema: updateCardInput,
    access: () => writeCard,
    handler: ({ me, target, input, mutationId }) =>
      updateCard(ctx, me, target.boardId, target.object.id, input, mutationId),
    present: presentById,
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id",
    summary: "Delete a card for good",
    access: writeCard,
    handler: ({ me, target, mutationId }) =>
      deleteCard(ctx, me, target.boardId, target.object.id, mutationId),
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/actions",
    summary: "The card's activity and comments (filter=types)",
    access: readCard,
    handler: async ({ target, query }) => {
      const { actions, actionMembers } = await readActions(
        ctx,
        { cardId: target.object.id },
        { ...query, actions: query.filter ?? CARD_ACTIONS_DEFAULT },
      );
      return actions.map((a) => presentAction(base, a, actionMembers.get(a.idMemberCreator)));
    },
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/checklists",
    summary: "The card's checklists",
    access: readCard,
    handler: async ({ target }) =>
      (await ctx.store.childrenOf("checklist", target.object.id))
        .sort((a, b) => a.pos - b.pos)
        .map(presentChecklist),
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/members",
    summary: "The card's members",
    access: readCard,
    handler: async ({ target }) =>
      (await ctx.store.membersByIds(target.object.idMembers)).map((m) => presentMember(base, m)),
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/list",
    summary: "The card's list",
    access: readCard,
    handler: async ({ target }) => presentList((await ctx.store.objectById("list", target.object.idList))!),
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/board",
    summary: "The card's board",
    access: readCard,
    handler: async ({ target }) => presentBoard(base, (await ctx.store.boardById(target.boardId))!.board),
  });

  const relationInput = z.object({ value: id });
  for (const [path, relation] of [
    ["idLabels", "label"],
    ["idMembers", "member"],
  ] as const) {
    api.define({
      method: "POST",
      path: `/1/cards/:id/${path}`,
      summary: `Add a ${relation} to the card`,
      input: relationInput,
      access: writeCard,
      handler: ({ me, target, input, mutationId }) =>
        setCardRelation(ctx, me, target.boardId, target.object.id, relation, input.value, true, mutationId),
      // Trello answers a label added with the card's label ids, a member added with its members.
      present: async (ids) => (relation === "member" ? presentCardMembers(ctx, ids) : ids),
    });
    api.define({
      method: "DELETE",
      path: `/1/cards/:id/${path}/:target`,
      summary: `Remove a ${relation} from the card`,
      access: writeCard,
      handler: ({ me, target, params, mutationId }) =>
        setCardRelation(
          ctx,
          me,
          target.boardId,
          target.object.id,
          relation,
          params.target,
          false,
          mutationId,
        ),
    });
  }

  api.define({
    method: "POST",
    path: "/1/cards/:id/actions/comments",
    summary: "Comment on the card",
    input: commentInput,
    access: commentCard,
    handler: async ({ me, target, input, mutationId }) => {
      const actionId = await addComment(ctx, me, target.boardId, target.object.id, input.text, mutationId);
      const action = await ctx.store.actionById(actionId);
      const member = await ctx.store.memberById(me.memberId);
      return presentAction(base, action!, member ?? undefined);
    },
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id/actions/:idAction/comments",
    summary: "Edit a comment (text)",
    input: commentInput,
    access: commentCard,
    handler: async ({ me, target, params, input, mutationId }) => {
      await editComment(ctx, me, target.boardId, target.object.id, params.idAction, input.text, mutationId);
      const action = await ctx.store.actionById(params.idAction);
      return presentAction(base, action!, (await ctx.store.memberById(action!.idMemberCreator)) ?? undefined);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/actions/:idAction/comments",
    summary: "Delete a comment",
    access: commentCard,
    handler: ({ me, target, params, mutationId }) =>
      deleteComment(
        ctx,
        me,
        target.boardId,
        target.object.id,
        params.idAction,
        target.access.role === "admin",
        mutationId,
      ),
  });

  api.define({
    method: "POST",
    path: "/1/cards/:id/checklists",
    summary: "Add a checklist to the card",
    input: createChecklistInput.omit({ idCard: true }),
    access: writeCard,
    handler: async ({ me, target, input, mutationId }) => {
      const checklistId = await createChecklist(
        ctx,
        me,
        target.boardId,
        { ...input, idCard: target.object.id },
        mutationId,
      );
      return presentChecklist((await ctx.store.objectById("checklist", checklistId))!);
    },
  });

  async function checklistOfItem(cardId: string, itemId: string) {
    const checklists = await ctx.store.childrenOf("checklist", cardId);
    const checklist = checklists.find((c) => c.checkItems.some((i) => i.id === itemId));
    if (!checklist) throw notFound("check item");
    return checklist;
  }

  api.define({
    method: "PUT",
    path: "/1/cards/:id/checkItem/:idCheckItem",
    summary: "Update a check item (state, name, pos)",
    input: updateCheckItemInput,
    access: writeCard,
    handler: async ({ me, target, params, input, mutationId }) => {
      const checklist = await checklistOfItem(target.object.id, params.idCheckItem);
      await updateCheckItem(ctx, me, target.boardId, checklist.id, params.idCheckItem, input, mutationId);
      const after = await ctx.store.objectById("checklist", checklist.id);
      return presentCheckItem(after!.checkItems.find((i) => i.id === params.idCheckItem)!);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/checkItem/:idCheckItem",
    summary: "Delete a check item",
    access: writeCard,
    handler: async ({ me, target, params, mutationId }) => {
      const checklist = await checklistOfItem(target.object.id, params.idCheckItem);
      await deleteCheckItem(ctx, me, target.boardId, checklist.id, params.idCheckItem, mutationId);
    },
  });
}

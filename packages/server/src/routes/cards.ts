import { invalid, notFound } from "@tack/shared/errors";
import {
  commentInput,
  createCardInput,
  createChecklistInput,
  id,
  type UpdateCardInput,
  updateCardInput,
  updateCheckItemInput,
} from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeBoard } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import { addComment } from "../commands/cards/add-comment.ts";
import { setCardRelation } from "../commands/cards/card-relations.ts";
import { writtenViewOf } from "../commands/cards/card-view-rules.ts";
import { createCard } from "../commands/cards/create-card.ts";
import { deleteCard } from "../commands/cards/delete-card.ts";
import { deleteComment } from "../commands/cards/delete-comment.ts";
import { editComment } from "../commands/cards/edit-comment.ts";
import { moveCardToBoard } from "../commands/cards/move-card-to-board.ts";
import { updateCard } from "../commands/cards/update-card.ts";
import { createChecklist } from "../commands/checklists/create-checklist.ts";
import { deleteCheckItem } from "../commands/checklists/delete-check-item.ts";
import { execute, executeAcross } from "../commands/command.ts";
import type { AppContext } from "../context.ts";
import { presentAction } from "../presenters/action.ts";
import { presentAttachment } from "../presenters/attachment.ts";
import { presentBoard } from "../presenters/board.ts";
import { cardContext, presentCard } from "../presenters/card.ts";
import { presentChecklist } from "../presenters/checklist.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentList } from "../presenters/list.ts";
import { presentMember } from "../presenters/member.ts";
import type { CardView } from "../store/board-store.ts";
import { CARD_ACTIONS_DEFAULT, readActions } from "./actions.ts";
import { type Api, singleFieldRoutes } from "./api.ts";
import { copyCardFrom } from "./card-copy.ts";
import { presentCardMembers, updateCardCheckItem } from "./card-extras.ts";
import { withReactions } from "./reactions.ts";

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
  "idBoard",
  "isTemplate",
] as const;

export async function presentCardById(ctx: AppContext, cardId: string, fields: unknown = "all") {
  const view = await ctx.store.cardView(cardId);
  if (!view) throw notFound("card");
  return presentView(ctx, view, fields);
}

function presentView(ctx: AppContext, view: CardView, fields: unknown = "all") {
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
  // The card's writes (every move, label, member, comment, checklist and check item) need only the
  // card's id and board and write nothing when they fail, so their access may be answered from the
  // process's cache (decision 0044-cached-write-access).
  const writeCardCached = { object: "card", permission: "write", cached: true } as const;
  const commentCardCached = { object: "card", permission: "comment", cached: true } as const;
  // A card is presented with its board's labels and its checklists and attachments: kept beside the
  // card by a command that had them at hand (commands/cards/card-view-rules.ts), else one read
  // (store.cardView) after the write.
  const presentWritten = async (card: { id: string }) => {
    const view = writtenViewOf(card);
    return view ? presentView(ctx, view) : presentCardById(ctx, card.id);
  };

  api.define({
    method: "POST",
    path: "/1/cards",
    summary: "Create a card",
    input: createCardInput,
    access: { object: "list", id: "idList", permission: "write" },
    handler: ({ me, target, input, mutationId }) =>
      input.idCardSource === undefined
        ? execute(ctx, createCard, { actor: me, boardId: target.boardId, mutationId, input })
        : copyCardFrom(ctx, me, target.boardId, { ...input, idCardSource: input.idCardSource }, mutationId),
    present: presentWritten,
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
        const { actions, actionMembers } = await readActions(
          ctx,
          { boardId: object.idBoard, cardId: object.id },
          query,
        );
        card.actions = actions.map((a) => presentAction(base, a, actionMembers.get(a.idMemberCreator)));
      }
      return card;
    },
  });

  // A card update, or (with another board's idBoard) a move to that board.
  const updateOrMove = async ({
    me,
    target,
    input,
    mutationId,
  }: {
    me: MemberActor;
    target: { boardId: string; object: { id: string } };
    input: UpdateCardInput;
    mutationId: string | null;
  }) => {
    const cardId = target.object.id;
    if (input.idBoard === undefined || input.idBoard === target.boardId)
      return execute(ctx, updateCard, { actor: me, boardId: target.boardId, mutationId, cardId, input });
    // The card's board is written (the route's access); the target board must be writable too.
    const to = await authorizeBoard(ctx, me, input.idBoard, "write");
    if (to.boardId === target.boardId)
      return execute(ctx, updateCard, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId,
        input: { ...input, idBoard: to.boardId },
      });
    const { idBoard: _board, idList, pos, ...rest } = input;
    if (Object.keys(rest).length > 0)
      throw invalid(
        Object.keys(rest)[0]!,
        "a move to another board takes only idBoard, idList and pos: change the card in a second request",
      );
    return executeAcross(ctx, moveCardToBoard, {
      actor: me,
      from: target.boardId,
      to: to.boardId,
      mutationId,
      cardId,
      idList,
      pos,
    });
  };

  api.define({
    method: "PUT",
    path: "/1/cards/:id",
    summary: "Update or move a card (idList, pos, name, desc, closed, due, labels, members…)",
    input: updateCardInput,
    access: writeCardCached,
    handler: updateOrMove,
    present: presentWritten,
  });

  singleFieldRoutes(api, {
    path: "/1/cards/:id",
    noun: "card",
    fields: SINGLE_FIELDS,
    schema: updateCardInput,
    access: () => writeCardCached,
    handler: updateOrMove,
    present: presentWritten,
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id",
    summary: "Delete a card for good",
    access: writeCardCached,
    handler: ({ me, target, mutationId }) =>
      execute(ctx, deleteCard, { actor: me, boardId: target.boardId, mutationId, cardId: target.object.id }),
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/actions",
    summary: "The card's activity and comments (filter=types)",
    access: readCard,
    handler: async ({ target, query }) => {
      const { actions, actionMembers } = await readActions(
        ctx,
        // The card's board only: a card moved here brought its comments; its history stays behind.
        { boardId: target.boardId, cardId: target.object.id },
        { ...query, actions: query.filter ?? CARD_ACTIONS_DEFAULT },
      );
      const presented = actions.map((a) => presentAction(base, a, actionMembers.get(a.idMemberCreator)));
      return query.reactions === "true" ? withReactions(ctx, presented) : presented;
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
      access: writeCardCached,
      handler: ({ me, target, input, mutationId }) =>
        execute(ctx, setCardRelation, {
          actor: me,
          boardId: target.boardId,
          mutationId,
          cardId: target.object.id,
          relation,
          targetId: input.value,
          present: true,
        }),
      // Trello answers a label added with the card's label ids, a member added with its members.
      present: async (ids) => (relation === "member" ? presentCardMembers(ctx, ids) : ids),
    });
    api.define({
      method: "DELETE",
      path: `/1/cards/:id/${path}/:target`,
      summary: `Remove a ${relation} from the card`,
      access: writeCardCached,
      handler: ({ me, target, params, mutationId }) =>
        execute(ctx, setCardRelation, {
          actor: me,
          boardId: target.boardId,
          mutationId,
          cardId: target.object.id,
          relation,
          targetId: params.target,
          present: false,
        }),
    });
  }

  api.define({
    method: "POST",
    path: "/1/cards/:id/actions/comments",
    summary: "Comment on the card",
    input: commentInput,
    access: commentCardCached,
    handler: async ({ me, target, input, mutationId }) => {
      const action = await execute(ctx, addComment, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        text: input.text,
      });
      const member = await ctx.store.memberById(action.idMemberCreator);
      return presentAction(base, action, member ?? undefined);
    },
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id/actions/:idAction/comments",
    summary: "Edit a comment (text)",
    input: commentInput,
    access: commentCardCached,
    handler: async ({ me, target, params, input, mutationId }) => {
      const edited = await execute(ctx, editComment, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        actionId: params.idAction,
        text: input.text,
      });
      // A replayed edit has no comment to hand back (its change names only the edit): read it.
      const action = edited ?? (await ctx.store.actionById(params.idAction));
      if (!action) throw notFound("comment");
      return presentAction(base, action, (await ctx.store.memberById(action.idMemberCreator)) ?? undefined);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/actions/:idAction/comments",
    summary: "Delete a comment",
    access: commentCardCached,
    handler: ({ me, target, params, mutationId }) =>
      execute(ctx, deleteComment, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        actionId: params.idAction,
        byBoardAdmin: target.access.role === "admin",
      }),
  });

  api.define({
    method: "POST",
    path: "/1/cards/:id/checklists",
    summary: "Add a checklist to the card",
    input: createChecklistInput.omit({ idCard: true }),
    access: writeCardCached,
    handler: async ({ me, target, input, mutationId }) => {
      const checklist = await execute(ctx, createChecklist, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        input: { ...input, idCard: target.object.id },
      });
      return presentChecklist(checklist);
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
    access: writeCardCached,
    handler: async ({ me, target, params, input, mutationId }) => {
      const checklist = await checklistOfItem(target.object.id, params.idCheckItem);
      return updateCardCheckItem(
        ctx,
        { actor: me, boardId: target.boardId, mutationId },
        checklist.id,
        params.idCheckItem,
        input,
      );
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/checkItem/:idCheckItem",
    summary: "Delete a check item",
    access: writeCardCached,
    handler: async ({ me, target, params, mutationId }) => {
      const checklist = await checklistOfItem(target.object.id, params.idCheckItem);
      await execute(ctx, deleteCheckItem, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: checklist.id,
        itemId: params.idCheckItem,
      });
    },
  });
}

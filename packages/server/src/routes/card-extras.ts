// Card routes real Trello clients call that Tack had no answer for (docs/trello-compatibility.md):
// plugin data, check item states, a check item read alone or addressed through its checklist, a
// checklist deleted through its card, a new label put
// straight on the card, and Trello's `members` spellings of the card-member routes.
import { notFound } from "@tack/shared/errors";
import { boardLabelInput, id, type UpdateCheckItemInput, updateCheckItemInput } from "@tack/shared/schemas";
import { z } from "zod";
import { setCardRelation } from "../commands/cards/card-relations.ts";
import { createCardLabel } from "../commands/cards/create-card-label.ts";
import { deleteChecklist } from "../commands/checklists/delete-checklist.ts";
import { updateCheckItem } from "../commands/checklists/update-check-item.ts";
import { type ExecuteCall, execute } from "../commands/command.ts";
import type { AppContext } from "../context.ts";
import { presentCheckItem } from "../presenters/checklist.ts";
import { presentLabel } from "../presenters/label.ts";
import { presentMember } from "../presenters/member.ts";
import type { Api } from "./api.ts";

/** Updates one check item of a card's checklist and presents it: both spellings of the route share it. */
export async function updateCardCheckItem(
  ctx: AppContext,
  call: ExecuteCall,
  checklistId: string,
  itemId: string,
  input: UpdateCheckItemInput,
) {
  return presentCheckItem(await execute(ctx, updateCheckItem, { ...call, checklistId, itemId, input }));
}

/** The card's members as Trello answers a member added: the whole list, presented. */
export async function presentCardMembers(ctx: AppContext, idMembers: readonly string[]) {
  return (await ctx.store.membersByIds([...idMembers])).map((m) => presentMember(ctx.config.publicUrl, m));
}

export function cardExtraRoutes(api: Api): void {
  const { ctx } = api;
  const readCard = { object: "card", permission: "read" } as const;
  // Its writes need only the object's id and board: access may come from the process's cache
  // (decision 0044-cached-write-access).
  const writeCardCached = { object: "card", permission: "write", cached: true } as const;

  api.define({
    method: "GET",
    path: "/1/cards/:id/pluginData",
    summary: "The card's Power-Up data (Tack has no Power-Ups: always empty)",
    access: readCard,
    handler: async () => [],
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/checkItemStates",
    summary: "The card's completed check items ({idCheckItem, state})",
    access: readCard,
    handler: async ({ target }) =>
      (await ctx.store.childrenOf("checklist", target.object.id))
        .sort((a, b) => a.pos - b.pos)
        .flatMap((c) => [...c.checkItems].sort((a, b) => a.pos - b.pos))
        .filter((i) => i.state === "complete")
        .map((i) => ({ idCheckItem: i.id, state: i.state })),
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id/checklist/:idChecklist/checkItem/:idCheckItem",
    summary: "Update a check item of one of the card's checklists (state, name, pos)",
    input: updateCheckItemInput,
    access: writeCardCached,
    handler: async ({ me, target, params, input, mutationId }) => {
      const checklist = await ctx.store.objectById("checklist", params.idChecklist);
      if (!checklist || checklist.idCard !== target.object.id) throw notFound("checklist");
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
    method: "GET",
    path: "/1/cards/:id/checkItem/:idCheckItem",
    summary: "One check item of the card",
    access: readCard,
    handler: async ({ target, params }) => {
      const checklists = await ctx.store.childrenOf("checklist", target.object.id);
      const item = checklists.flatMap((c) => c.checkItems).find((i) => i.id === params.idCheckItem);
      if (!item) throw notFound("check item");
      return presentCheckItem(item);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/checklists/:idChecklist",
    summary: "Delete one of the card's checklists",
    access: writeCardCached,
    handler: async ({ me, target, params, mutationId }) => {
      const checklist = await ctx.store.objectById("checklist", params.idChecklist);
      if (!checklist || checklist.idCard !== target.object.id) throw notFound("checklist");
      await execute(ctx, deleteChecklist, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        checklistId: checklist.id,
      });
    },
  });

  api.define({
    method: "POST",
    path: "/1/cards/:id/labels",
    summary: "Create a board label and add it to the card (color, name)",
    input: boardLabelInput,
    access: writeCardCached,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, createCardLabel, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        name: input.name ?? "",
        color: input.color,
      }),
    present: async (labelId) => {
      const label = await ctx.store.objectById("label", labelId);
      if (!label) throw notFound("label");
      return presentLabel(label);
    },
  });

  api.define({
    method: "POST",
    path: "/1/cards/:id/members",
    summary: "Add a member to the card (value=idMember; Trello's other spelling of idMembers)",
    input: z.object({ value: id }),
    access: writeCardCached,
    handler: ({ me, target, input, mutationId }) =>
      execute(ctx, setCardRelation, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        relation: "member",
        targetId: input.value,
        present: true,
      }),
    present: (idMembers) => presentCardMembers(ctx, idMembers),
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/members/:idMember",
    summary: "Remove a member from the card (Trello's other spelling of idMembers)",
    access: writeCardCached,
    handler: ({ me, target, params, mutationId }) =>
      execute(ctx, setCardRelation, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        cardId: target.object.id,
        relation: "member",
        targetId: params.idMember,
        present: false,
      }),
    present: (idMembers) => presentCardMembers(ctx, idMembers),
  });
}

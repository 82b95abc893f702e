import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import type { Action, Member } from "@tack/shared/models";
import { commentInput } from "@tack/shared/schemas";
import { z } from "zod";
import { authorizeBoard } from "../auth/access.ts";
import type { Actor, MemberActor } from "../auth/actor.ts";
import { deleteComment } from "../commands/cards/delete-comment.ts";
import { editComment } from "../commands/cards/edit-comment.ts";
import { execute } from "../commands/command.ts";
import type { AppContext } from "../context.ts";
import { presentAction } from "../presenters/action.ts";
import type { ActionQuery } from "../store/store.ts";
import type { Api } from "./api.ts";

const MAX_ACTIONS = 1000;
/** How many actions one store read fetches while a filter the store cannot apply is sifting them. */
const PAGE = 200;

/** Trello's default filter of a card's actions (its API reference). */
export const CARD_ACTIONS_DEFAULT = "commentCard,updateCard:idList";

/**
 * Trello's action filter: `all`, or types (`commentCard`) and types narrowed to the updates that
 * touched one field (`updateCard:idList`, `updateCard:closed`: the field is among `data.old`).
 */
export function parseActionFilter(filter: string): {
  types: string[];
  keep: ((a: Action) => boolean) | null;
} {
  const entries = filter
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .map((t) => {
      const [type = "", field] = t.split(":", 2);
      return { type, field };
    });
  if (entries.length === 0 || entries.some((e) => e.type === "all")) return { types: [], keep: null };
  const types = [...new Set(entries.map((e) => e.type))];
  if (!entries.some((e) => e.field !== undefined)) return { types, keep: null };
  const keep = (a: Action) =>
    entries.some((e) => {
      if (e.type !== a.type) return false;
      if (e.field === undefined) return true;
      const old = a.data.old;
      return typeof old === "object" && old !== null && e.field in old;
    });
  return { types, keep };
}

/**
 * Reads actions the Trello way: `actions=all|type,type:field`, `actions_limit` (≤ 1000),
 * `before=<actionId>`. `about` narrows further (a list's actions are the board's actions that name
 * it); filters the store cannot apply are applied here, reading older pages until `limit` are found.
 */
export async function readActions(
  ctx: AppContext,
  scope: Pick<ActionQuery, "boardId" | "cardId">,
  query: Record<string, unknown>,
  about?: (a: Action) => boolean,
): Promise<{ actions: Action[]; actionMembers: Map<string, Member> }> {
  const filter = typeof query.actions === "string" ? query.actions : "all";
  const rawLimit = query.actions_limit ?? query.limit;
  const limit = rawLimit === undefined ? 50 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_ACTIONS)
    throw invalid("actions_limit", `must be a whole number from 0 to ${MAX_ACTIONS}`);
  const parsed = parseActionFilter(filter);
  const keep =
    parsed.keep && about ? (a: Action) => parsed.keep!(a) && about(a) : (parsed.keep ?? about ?? null);
  const q: ActionQuery = { ...scope, limit, types: parsed.types };
  if (typeof query.before === "string" && query.before !== "") {
    const before = await ctx.store.actionById(query.before);
    if (!before) throw invalid("before", "no such action");
    q.beforeSeq = before.seq;
  }
  let actions: Action[];
  if (keep === null || limit === 0) actions = await ctx.store.actions(q);
  else {
    actions = [];
    let beforeSeq = q.beforeSeq;
    for (;;) {
      const page = await ctx.store.actions({
        ...q,
        limit: PAGE,
        ...(beforeSeq !== undefined && { beforeSeq }),
      });
      for (const a of page) if (actions.length < limit && keep(a)) actions.push(a);
      if (actions.length >= limit || page.length < PAGE) break;
      beforeSeq = page[page.length - 1]!.seq;
    }
  }
  const members = await ctx.store.membersByIds([...new Set(actions.map((a) => a.idMemberCreator))]);
  return { actions, actionMembers: new Map(members.map((m) => [m.id, m])) };
}

export function actionRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  /** The action's board decides: an action id answers like a missing one unless it is readable. */
  async function commentOf(actor: Actor, id: string, permission: "read" | "comment") {
    const action = await ctx.store.actionById(id);
    if (!action) throw notFound("action");
    const board = await authorizeBoard(ctx, actor, action.idBoard, permission, "action");
    return { action, board };
  }

  api.define({
    method: "GET",
    path: "/1/actions/:id",
    summary: "One action",
    access: { who: "anyone" },
    handler: async ({ actor, params }) => {
      const { action } = await commentOf(actor, params.id, "read");
      const [creator] = await ctx.store.membersByIds([action.idMemberCreator]);
      return presentAction(base, action, creator);
    },
  });

  async function edit(me: MemberActor, id: string, text: string, mutationId: string | null) {
    const { action, board } = await commentOf(me, id, "comment");
    if (action.type !== "commentCard")
      throw new TackError(ErrorCode.invalidInput, "Only comments can be edited");
    const edited = await execute(ctx, editComment, {
      actor: me,
      boardId: board.boardId,
      mutationId,
      cardId: (action.data.card as { id: string }).id,
      actionId: action.id,
      text,
    });
    // A replayed edit has no comment to hand back (its change names only the edit): read it.
    const updated = edited ?? (await ctx.store.actionById(action.id));
    const [creator] = await ctx.store.membersByIds([action.idMemberCreator]);
    return presentAction(base, updated!, creator);
  }

  api.define({
    method: "PUT",
    path: "/1/actions/:id",
    summary: "Edit a comment's text",
    input: commentInput,
    access: { who: "member" },
    handler: ({ me, params, input, mutationId }) => edit(me, params.id, input.text, mutationId),
  });
  api.define({
    method: "PUT",
    path: "/1/actions/:id/text",
    summary: "Edit a comment's text (value=)",
    input: z.object({ value: commentInput.shape.text }),
    access: { who: "member" },
    handler: ({ me, params, input, mutationId }) => edit(me, params.id, input.value, mutationId),
  });

  api.define({
    method: "DELETE",
    path: "/1/actions/:id",
    summary: "Delete a comment",
    access: { who: "member" },
    handler: async ({ me, params, mutationId }) => {
      const { action, board } = await commentOf(me, params.id, "comment");
      if (action.type !== "commentCard")
        throw new TackError(ErrorCode.invalidInput, "Only comments can be deleted");
      await execute(ctx, deleteComment, {
        actor: me,
        boardId: board.boardId,
        mutationId,
        cardId: (action.data.card as { id: string }).id,
        actionId: action.id,
        byBoardAdmin: board.access.role === "admin",
      });
    },
  });
}

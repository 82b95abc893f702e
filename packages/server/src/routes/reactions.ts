// Emoji reactions on comments, at Trello's paths. The comment's board decides: reading takes read
// access, reacting the board's comment permission (so an observer reacts only where observers may
// comment), and only the person who reacted takes a reaction back (commands/reactions/).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { Reaction } from "@tack/shared/reactions";
import { summarizeReactions } from "@tack/shared/reactions";
import { reactionInput } from "@tack/shared/schemas";
import { authorizeBoard } from "../auth/access.ts";
import type { Actor } from "../auth/actor.ts";
import { execute } from "../commands/command.ts";
import { addReaction } from "../commands/reactions/add-reaction.ts";
import { removeReaction } from "../commands/reactions/remove-reaction.ts";
import type { AppContext } from "../context.ts";
import { presentReaction } from "../presenters/reaction.ts";
import type { Api } from "./api.ts";

/** Reactions with their people, as the reaction routes and `reactions=true` on actions answer. */
export async function presentReactions(ctx: AppContext, reactions: readonly Reaction[]) {
  const members = await ctx.store.membersByIds([...new Set(reactions.map((r) => r.idMember))]);
  const byId = new Map(members.map((m) => [m.id, m]));
  return reactions.map((r) => presentReaction(ctx.config.publicUrl, r, byId.get(r.idMember)));
}

/** Comments with their `reactions` (Trello's `reactions=true` on a card's actions). */
export async function withReactions<A extends { id: string; type: string }>(ctx: AppContext, actions: A[]) {
  const comments = actions.filter((a) => a.type === "commentCard").map((a) => a.id);
  const reactions = await presentReactions(ctx, await ctx.store.reactions(comments));
  return actions.map((a) =>
    a.type === "commentCard" ? { ...a, reactions: reactions.filter((r) => r.idModel === a.id) } : a,
  );
}

export function reactionRoutes(api: Api): void {
  const { ctx } = api;

  /** The comment and its board, if the caller may read it (or react, with "comment"). */
  async function commentOf(actor: Actor, id: string, permission: "read" | "comment") {
    const action = await ctx.store.actionById(id);
    if (!action) throw notFound("comment");
    const board = await authorizeBoard(ctx, actor, action.idBoard, permission, "comment");
    if (action.type !== "commentCard")
      throw new TackError(
        ErrorCode.invalidInput,
        "Only comments have reactions: this action is not a comment",
      );
    return { action, board };
  }

  async function reactionOf(actor: Actor, actionId: string, reactionId: string) {
    await commentOf(actor, actionId, "read");
    const reaction = (await ctx.store.reactions([actionId])).find((r) => r.id === reactionId);
    if (!reaction) throw notFound("reaction");
    return reaction;
  }

  api.define({
    method: "GET",
    path: "/1/actions/:id/reactions",
    summary: "The emoji reactions on a comment",
    access: { who: "anyone" },
    handler: async ({ actor, params }) => {
      await commentOf(actor, params.id, "read");
      return presentReactions(ctx, await ctx.store.reactions([params.id]));
    },
  });

  api.define({
    method: "POST",
    path: "/1/actions/:id/reactions",
    summary: "React to a comment with an emoji",
    input: reactionInput,
    access: { who: "member" },
    handler: async ({ me, params, input, mutationId }) => {
      const { board } = await commentOf(me, params.id, "comment");
      const reaction = await execute(ctx, addReaction, {
        actor: me,
        boardId: board.boardId,
        mutationId,
        actionId: params.id,
        emoji: input.emoji,
      });
      return (await presentReactions(ctx, [reaction]))[0];
    },
  });

  api.define({
    method: "GET",
    path: "/1/actions/:id/reactions/:idReaction",
    summary: "One reaction on a comment",
    access: { who: "anyone" },
    handler: async ({ actor, params }) =>
      (await presentReactions(ctx, [await reactionOf(actor, params.id, params.idReaction)]))[0],
  });

  api.define({
    method: "DELETE",
    path: "/1/actions/:id/reactions/:idReaction",
    summary: "Take back my reaction on a comment",
    access: { who: "member" },
    handler: async ({ me, params, mutationId }) => {
      const { board } = await commentOf(me, params.id, "comment");
      await execute(ctx, removeReaction, {
        actor: me,
        boardId: board.boardId,
        mutationId,
        actionId: params.id,
        reactionId: params.idReaction,
      });
    },
  });

  api.define({
    method: "GET",
    path: "/1/actions/:id/reactionsSummary",
    summary: "A comment's reactions counted by emoji",
    access: { who: "anyone" },
    handler: async ({ actor, params }) => {
      await commentOf(actor, params.id, "read");
      return summarizeReactions(await ctx.store.reactions([params.id]));
    },
  });
}

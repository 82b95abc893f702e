// Reads around one action, as Trello serves them: its board, card, list, author and the member it
// is about, and any one field (`{_value}`). The action's board decides who may read: an action id
// on a board you cannot read answers like a missing one.
import { invalid, notFound } from "@tack/shared/errors";
import type { Action } from "@tack/shared/models";
import { authorizeBoard } from "../auth/access.ts";
import type { Actor } from "../auth/actor.ts";
import { presentAction } from "../presenters/action.ts";
import { presentBoard } from "../presenters/board.ts";
import { presentList } from "../presenters/list.ts";
import { presentMember } from "../presenters/member.ts";
import type { Api } from "./api.ts";
import { presentCardById } from "./cards.ts";

/** The id of the object an action's data names under `key` (`data.card.id`), if any. */
function refId(action: Action, ...keys: string[]): string | null {
  for (const key of keys) {
    const ref = action.data[key];
    if (typeof ref === "object" && ref !== null && typeof (ref as { id?: unknown }).id === "string")
      return (ref as { id: string }).id;
  }
  return null;
}

export function actionReadRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  async function readable(actor: Actor, id: string) {
    const action = await ctx.store.actionById(id);
    if (!action) throw notFound("action");
    await authorizeBoard(ctx, actor, action.idBoard, "read", "action");
    return action;
  }

  const anyone = { who: "anyone" } as const;

  api.define({
    method: "GET",
    path: "/1/actions/:id/board",
    summary: "The action's board",
    access: anyone,
    handler: async ({ actor, params }) => {
      const action = await readable(actor, params.id);
      const found = await ctx.store.boardById(action.idBoard);
      if (!found) throw notFound("board");
      return presentBoard(base, found.board);
    },
  });

  api.define({
    method: "GET",
    path: "/1/actions/:id/card",
    summary: "The action's card",
    access: anyone,
    handler: async ({ actor, params, query }) => {
      const cardId = refId(await readable(actor, params.id), "card");
      if (!cardId) throw notFound("card");
      return presentCardById(ctx, cardId, query.fields);
    },
  });

  api.define({
    method: "GET",
    path: "/1/actions/:id/list",
    summary: "The action's list",
    access: anyone,
    handler: async ({ actor, params }) => {
      const listId = refId(await readable(actor, params.id), "list", "listAfter");
      const list = listId ? await ctx.store.objectById("list", listId) : null;
      if (!list) throw notFound("list");
      return presentList(list);
    },
  });

  for (const [path, summary, memberOf] of [
    ["memberCreator", "The member who made the action", (a: Action) => a.idMemberCreator],
    [
      "member",
      "The member the action is about (not its author)",
      (a: Action) => (typeof a.data.idMember === "string" ? a.data.idMember : refId(a, "member")),
    ],
  ] as const) {
    api.define({
      method: "GET",
      path: `/1/actions/:id/${path}`,
      summary,
      access: anyone,
      handler: async ({ actor, params }) => {
        const memberId = memberOf(await readable(actor, params.id));
        const member = memberId ? await ctx.store.memberById(memberId) : null;
        if (!member) throw notFound("member");
        return presentMember(base, member);
      },
    });
  }

  api.define({
    method: "GET",
    path: "/1/actions/:id/:field",
    summary: "One field of an action ({_value})",
    access: anyone,
    handler: async ({ actor, params }) => {
      const action = await readable(actor, params.id);
      const [creator] = await ctx.store.membersByIds([action.idMemberCreator]);
      const presented: Record<string, unknown> = presentAction(base, action, creator);
      if (params.field === "id" || !(params.field in presented))
        throw invalid("field", `${params.field} is not a field of an action`);
      return { _value: presented[params.field] };
    },
  });
}

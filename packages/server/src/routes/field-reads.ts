// Trello's one-field reads: `GET /1/cards/{id}/{field}` (and boards, lists, labels, checklists)
// answer `{"_value": <the field>}`. A field the object does not have is a 400 naming it. Static
// routes (`/1/cards/{id}/actions`, …) are matched first by the router, so this takes only the rest.

import { invalid } from "@tack/shared/errors";
import { presentBoardRead } from "../presenters/board-read.ts";
import { presentChecklist } from "../presenters/checklist.ts";
import { presentLabel } from "../presenters/label.ts";
import { presentList } from "../presenters/list.ts";
import type { Api } from "./api.ts";
import { presentCardById } from "./cards.ts";

function fieldOf(object: Record<string, unknown>, field: string): { _value: unknown } {
  if (field === "id" || !(field in object))
    throw invalid(
      "field",
      `${field} is not a field of this object: ask for one of ${Object.keys(object).join(", ")}`,
    );
  return { _value: object[field] };
}

export function fieldReadRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  api.define({
    method: "GET",
    path: "/1/boards/:id/:field",
    summary: "One field of a board ({_value})",
    access: { board: true, permission: "read" },
    handler: async ({ actor, target, params }) => {
      const snapshot = await ctx.store.loadBoard(target.boardId);
      const viewer = actor.kind === "member" ? actor.memberId : null;
      return fieldOf(presentBoardRead(snapshot!, {}, { base, viewer }), params.field);
    },
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/:field",
    summary: "One field of a card ({_value})",
    access: { object: "card", permission: "read" },
    handler: async ({ target, params }) =>
      fieldOf(await presentCardById(ctx, target.object.id), params.field),
  });
  api.define({
    method: "GET",
    path: "/1/lists/:id/:field",
    summary: "One field of a list ({_value})",
    access: { object: "list", permission: "read" },
    handler: async ({ target, params }) => fieldOf(presentList(target.object), params.field),
  });
  api.define({
    method: "GET",
    path: "/1/labels/:id/:field",
    summary: "One field of a label ({_value})",
    access: { object: "label", permission: "read" },
    handler: async ({ target, params }) => fieldOf(presentLabel(target.object), params.field),
  });
  api.define({
    method: "GET",
    path: "/1/checklists/:id/:field",
    summary: "One field of a checklist ({_value})",
    access: { object: "checklist", permission: "read" },
    handler: async ({ target, params }) => fieldOf(presentChecklist(target.object), params.field),
  });
}

import { invalid, notFound } from "@tack/shared/errors";
import { BOARD_ROLES } from "@tack/shared/models";
import {
  boardLabelInput,
  boardMemberInput,
  createBoardInput,
  createListInput,
  updateBoardInput,
} from "@tack/shared/schemas";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { authorizeBoard } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import { removeBoardMember, setBoardMember } from "../commands/boards/board-members.ts";
import { createBoard } from "../commands/boards/create-board.ts";
import { deleteBoard } from "../commands/boards/delete-board.ts";
import { updateBoard } from "../commands/boards/update-board.ts";
import { createLabel } from "../commands/labels/labels.ts";
import { createList } from "../commands/lists/create-list.ts";
import { presentMembership } from "../presenters/board.ts";
import { filterCards, filterLists, presentBoardRead, presentCards } from "../presenters/board-read.ts";
import { presentChecklist } from "../presenters/checklist.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentLabel } from "../presenters/label.ts";
import { presentList } from "../presenters/list.ts";
import { presentMember } from "../presenters/member.ts";
import { readActions } from "./actions.ts";
import type { Api } from "./api.ts";

const BOARD_FIELDS = ["name", "desc", "closed", "idOrganization"] as const;
const PREFS = ["permissionLevel", "background", "comments", "selfJoin", "cardCovers", "invitations"] as const;

export function boardRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  async function snapshotOf(boardId: string) {
    const snapshot = await ctx.store.loadBoard(boardId);
    if (!snapshot) throw notFound("board");
    return snapshot;
  }

  async function presentBoardById(
    boardId: string,
    query: Record<string, unknown>,
    viewer: string | null,
    reply?: FastifyReply,
  ) {
    const snapshot = await snapshotOf(boardId);
    // Where this copy stands in the board's change stream, for real-time catch-up (realtime/).
    void reply?.header("x-tack-seq", String(snapshot.seq));
    const actions =
      typeof query.actions === "string" && query.actions !== "none"
        ? await readActions(ctx, { boardId }, query)
        : undefined;
    return presentBoardRead(snapshot, query, { base, viewer, ...actions });
  }

  api.route("POST", "/1/boards", "Create a board", createBoardInput, async ({ actor, input, mutationId }) => {
    const me = requireMember(actor);
    const boardId = await createBoard(ctx, me, input, mutationId);
    return presentBoardById(boardId, { labels: "all", memberships: "all" }, me.memberId);
  });

  api.get(
    "/1/boards/:id",
    "A board, with lists, cards, labels, members, checklists, actions as asked",
    async ({ actor, params, query, reply }) => {
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
      return presentBoardById(boardId, query, actor.kind === "member" ? actor.memberId : null, reply);
    },
  );

  api.route(
    "PUT",
    "/1/boards/:id",
    "Update a board (name, desc, closed, prefs, workspace)",
    updateBoardInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const adminOnly =
        input.closed !== undefined ||
        input.idOrganization !== undefined ||
        input.prefs !== undefined ||
        Object.keys(input).some((k) => k.startsWith("prefs/"));
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, adminOnly ? "admin" : "write");
      await updateBoard(ctx, me, boardId, input, mutationId);
      return presentBoardById(boardId, {}, me.memberId);
    },
  );

  for (const field of BOARD_FIELDS) {
    api.route(
      "PUT",
      `/1/boards/:id/${field}`,
      `Set the board's ${field}`,
      z.object({ value: z.unknown() }),
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const parsed = updateBoardInput.safeParse({ [field]: input.value });
        if (!parsed.success) throw invalid("value", parsed.error.issues[0]!.message);
        const { boardId } = await authorizeBoard(
          ctx,
          actor,
          params.id!,
          field === "name" || field === "desc" ? "write" : "admin",
        );
        await updateBoard(ctx, me, boardId, parsed.data, mutationId);
        return presentBoardById(boardId, {}, me.memberId);
      },
    );
  }
  for (const pref of PREFS) {
    api.route(
      "PUT",
      `/1/boards/:id/prefs/${pref}`,
      `Set the board's ${pref} preference`,
      z.object({ value: z.unknown() }),
      async ({ actor, params, input, mutationId }) => {
        const me = requireMember(actor);
        const parsed = updateBoardInput.safeParse({ [`prefs/${pref}`]: input.value });
        if (!parsed.success) throw invalid("value", parsed.error.issues[0]!.message);
        const { boardId } = await authorizeBoard(ctx, actor, params.id!, "admin");
        await updateBoard(ctx, me, boardId, parsed.data, mutationId);
        return presentBoardById(boardId, {}, me.memberId);
      },
    );
  }

  api.route(
    "DELETE",
    "/1/boards/:id",
    "Delete a board and everything on it",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "admin");
      await deleteBoard(ctx, me, boardId, mutationId);
    },
  );

  api.get(
    "/1/boards/:id/lists",
    "The board's lists (filter=open|closed|all)",
    async ({ actor, params, query }) => {
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
      const snapshot = await snapshotOf(boardId);
      const lists = filterLists(snapshot.lists, typeof query.filter === "string" ? query.filter : "open").map(
        (l) => selectFields(presentList(l), fieldSelection(query.fields)),
      );
      if (typeof query.cards === "string" && query.cards !== "none") {
        const cards = presentCards(base, snapshot, filterCards(snapshot, query.cards), query.card_fields);
        return lists.map((l) => ({ ...l, cards: cards.filter((c) => c.idList === l.id) }));
      }
      return lists;
    },
  );
  api.get("/1/boards/:id/lists/:filter", "The board's lists by filter", async ({ actor, params, query }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    const snapshot = await snapshotOf(boardId);
    return filterLists(snapshot.lists, params.filter!).map((l) =>
      selectFields(presentList(l), fieldSelection(query.fields)),
    );
  });

  api.get(
    "/1/boards/:id/cards",
    "The board's cards (filter=visible|open|closed|all)",
    async ({ actor, params, query }) => {
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
      const snapshot = await snapshotOf(boardId);
      return presentCards(
        base,
        snapshot,
        filterCards(snapshot, typeof query.filter === "string" ? query.filter : "visible"),
        query.fields,
      );
    },
  );
  api.get("/1/boards/:id/cards/:filter", "The board's cards by filter", async ({ actor, params, query }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    const snapshot = await snapshotOf(boardId);
    return presentCards(base, snapshot, filterCards(snapshot, params.filter!), query.fields);
  });

  api.get("/1/boards/:id/labels", "The board's labels", async ({ actor, params, query }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    const labels = await ctx.store.objectsOf(boardId, "label");
    return labels.map((l) => selectFields(presentLabel(l), fieldSelection(query.fields)));
  });

  api.get("/1/boards/:id/checklists", "The board's checklists", async ({ actor, params }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    return (await ctx.store.objectsOf(boardId, "checklist")).map(presentChecklist);
  });

  api.get("/1/boards/:id/members", "The board's members", async ({ actor, params, query }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    const snapshot = await snapshotOf(boardId);
    return snapshot.members.map((m) => selectFields(presentMember(base, m), fieldSelection(query.fields)));
  });

  api.get("/1/boards/:id/memberships", "The board's memberships with roles", async ({ actor, params }) => {
    const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
    const snapshot = await snapshotOf(boardId);
    return snapshot.memberships.map(presentMembership);
  });

  api.get(
    "/1/boards/:id/actions",
    "The board's activity (filter=types, limit, before)",
    async ({ actor, params, query }) => {
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "read");
      const { actions, actionMembers } = await readActions(
        ctx,
        { boardId },
        { ...query, actions: query.filter ?? "all", actions_limit: query.limit },
      );
      return presentBoardRead(await snapshotOf(boardId), {}, { base, viewer: null, actions, actionMembers })
        .actions;
    },
  );

  api.route(
    "POST",
    "/1/boards/:id/lists",
    "Create a list on the board",
    z.object({ name: z.string(), pos: z.unknown().optional() }),
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "write");
      const checked = createListInput.safeParse({ ...input, idBoard: boardId });
      if (!checked.success)
        throw invalid(String(checked.error.issues[0]!.path[0] ?? "name"), checked.error.issues[0]!.message);
      const listId = await createList(ctx, me, boardId, checked.data, mutationId);
      const list = await ctx.store.objectById("list", listId);
      return presentList(list!);
    },
  );

  api.route(
    "POST",
    "/1/boards/:id/labels",
    "Create a label on the board",
    boardLabelInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "write");
      const labelId = await createLabel(ctx, me, boardId, input.name ?? "", input.color, mutationId);
      return presentLabel((await ctx.store.objectById("label", labelId))!);
    },
  );

  api.route(
    "PUT",
    "/1/boards/:id/members/:idMember",
    "Add a member or change their role (type=admin|normal|observer)",
    boardMemberInput,
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "admin");
      const member = await ctx.store.memberById(params.idMember!);
      if (!member) throw notFound("member");
      await setBoardMember(ctx, me, boardId, member, input.type ?? "normal", mutationId);
      return presentBoardById(boardId, { members: "all", memberships: "all" }, me.memberId);
    },
  );

  // PUT /1/boards/:id/members (invitations by username or e-mail) lives in invitations.ts.

  api.route(
    "PUT",
    "/1/boards/:id/memberships/:idMembership",
    "Change a membership's role",
    z.object({ type: z.enum(BOARD_ROLES) }),
    async ({ actor, params, input, mutationId }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, params.id!, "admin");
      const snapshot = await snapshotOf(boardId);
      const membership = snapshot.memberships.find((m) => m.id === params.idMembership);
      const member = membership && snapshot.members.find((m) => m.id === membership.idMember);
      if (!membership || !member) throw notFound("membership");
      await setBoardMember(ctx, me, boardId, member, input.type, mutationId);
      return presentMembership({ ...membership, memberType: input.type });
    },
  );

  api.route(
    "DELETE",
    "/1/boards/:id/members/:idMember",
    "Remove a member from the board (admins; or yourself)",
    undefined,
    async ({ actor, params, mutationId }) => {
      const me = requireMember(actor);
      const leaving = params.idMember === "me" ? me.memberId : params.idMember!;
      const { boardId } = await authorizeBoard(
        ctx,
        actor,
        params.id!,
        leaving === me.memberId ? "read" : "admin",
      );
      await removeBoardMember(ctx, me, boardId, leaving, mutationId);
    },
  );
}

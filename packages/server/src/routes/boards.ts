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
import type { AuthorizedBoard } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import { createBoard, newBoard } from "../commands/boards/create-board.ts";
import { deleteBoard } from "../commands/boards/delete-board.ts";
import { removeBoardMember } from "../commands/boards/remove-board-member.ts";
import { setBoardMember } from "../commands/boards/set-board-member.ts";
import { updateBoard } from "../commands/boards/update-board.ts";
import { execute } from "../commands/command.ts";
import { createLabel } from "../commands/labels/create-label.ts";
import { createList } from "../commands/lists/create-list.ts";
import { presentMembership } from "../presenters/board.ts";
import { filterCards, filterLists, presentBoardRead, presentCards } from "../presenters/board-read.ts";
import { presentChecklist } from "../presenters/checklist.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentLabel } from "../presenters/label.ts";
import { presentList } from "../presenters/list.ts";
import { presentMember } from "../presenters/member.ts";
import { readActions } from "./actions.ts";
import { type Api, type PermissionOf, singleFieldRoutes } from "./api.ts";
import { copyBoardFrom } from "./board-copy.ts";

const BOARD_FIELDS = ["name", "desc", "closed", "idOrganization"] as const;
const PREFS = [
  "permissionLevel",
  "background",
  "comments",
  "selfJoin",
  "cardCovers",
  "invitations",
  "isTemplate",
] as const;

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

  const readBoard = { board: true, permission: "read" } as const;
  const writeBoard = { board: true, permission: "write" } as const;
  const adminBoard = { board: true, permission: "admin" } as const;
  /** Renaming needs write; closing, moving and preferences need admin. */
  const adminForSettings = {
    board: true,
    permission: ({ input }: Parameters<PermissionOf>[0]) =>
      input.closed !== undefined ||
      input.idOrganization !== undefined ||
      input.prefs !== undefined ||
      Object.keys(input).some((k) => k.startsWith("prefs/"))
        ? "admin"
        : "write",
  } as const;
  const presentUpdated = (boardId: string, { me }: { me: { memberId: string } }) =>
    presentBoardById(boardId, {}, me.memberId);

  api.define({
    method: "POST",
    path: "/1/boards",
    summary: "Create a board",
    input: createBoardInput,
    access: { who: "member" },
    handler: ({ me, input, mutationId }) => {
      if (input.idBoardSource !== undefined)
        return copyBoardFrom(ctx, me, { ...input, idBoardSource: input.idBoardSource }, mutationId);
      const board = newBoard(input);
      return execute(ctx, createBoard, { actor: me, boardId: board.id, mutationId, input, board });
    },
    // The answer embeds labels and memberships with their members: one read of the new board.
    present: (board, { me }) =>
      presentBoardById(board.id, { labels: "all", memberships: "all" }, me.memberId),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id",
    summary: "A board, with lists, cards, labels, members, checklists, actions as asked",
    access: readBoard,
    handler: ({ actor, target, query, http }) =>
      presentBoardById(target.boardId, query, actor.kind === "member" ? actor.memberId : null, http?.reply),
  });

  api.define({
    method: "PUT",
    path: "/1/boards/:id",
    summary: "Update a board (name, desc, closed, prefs, workspace)",
    input: updateBoardInput,
    access: adminForSettings,
    handler: async ({ me, target, input, mutationId }) => {
      await execute(ctx, updateBoard, { actor: me, boardId: target.boardId, mutationId, input });
      return target.boardId;
    },
    present: presentUpdated,
  });

  const updateAndAnswer = {
    handler: async ({
      me,
      target,
      input,
      mutationId,
    }: {
      me: MemberActor;
      target: AuthorizedBoard;
      input: z.output<typeof updateBoardInput>;
      mutationId: string | null;
    }) => {
      await execute(ctx, updateBoard, { actor: me, boardId: target.boardId, mutationId, input });
      return target.boardId;
    },
    present: presentUpdated,
  };
  singleFieldRoutes(api, {
    path: "/1/boards/:id",
    noun: "board",
    fields: BOARD_FIELDS,
    schema: updateBoardInput,
    access: (field: string) => (field === "name" || field === "desc" ? writeBoard : adminBoard),
    ...updateAndAnswer,
  });
  singleFieldRoutes(api, {
    path: "/1/boards/:id/prefs",
    noun: "board",
    fields: PREFS,
    schema: updateBoardInput,
    key: (pref) => `prefs/${pref}`,
    summary: (pref) => `Set the board's ${pref} preference`,
    access: () => adminBoard,
    ...updateAndAnswer,
  });

  api.define({
    method: "DELETE",
    path: "/1/boards/:id",
    summary: "Delete a board and everything on it",
    access: adminBoard,
    handler: async ({ me, target: { boardId }, mutationId }) => {
      await execute(ctx, deleteBoard, { actor: me, boardId, mutationId });
    },
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/lists",
    summary: "The board's lists (filter=open|closed|all)",
    access: readBoard,
    handler: async ({ target, query }) => {
      const snapshot = await snapshotOf(target.boardId);
      const lists = filterLists(snapshot.lists, typeof query.filter === "string" ? query.filter : "open").map(
        (l) => selectFields(presentList(l), fieldSelection(query.fields)),
      );
      if (typeof query.cards === "string" && query.cards !== "none") {
        const cards = presentCards(base, snapshot, filterCards(snapshot, query.cards), query.card_fields);
        return lists.map((l) => ({ ...l, cards: cards.filter((c) => c.idList === l.id) }));
      }
      return lists;
    },
  });
  api.define({
    method: "GET",
    path: "/1/boards/:id/lists/:filter",
    summary: "The board's lists by filter",
    access: readBoard,
    handler: async ({ target, params, query }) =>
      filterLists((await snapshotOf(target.boardId)).lists, params.filter).map((l) =>
        selectFields(presentList(l), fieldSelection(query.fields)),
      ),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/cards",
    summary: "The board's cards (filter=visible|open|closed|all)",
    access: readBoard,
    handler: async ({ target, query }) => {
      const snapshot = await snapshotOf(target.boardId);
      return presentCards(
        base,
        snapshot,
        filterCards(snapshot, typeof query.filter === "string" ? query.filter : "visible"),
        query.fields,
      );
    },
  });
  api.define({
    method: "GET",
    path: "/1/boards/:id/cards/:filter",
    summary: "The board's cards by filter",
    access: readBoard,
    handler: async ({ target, params, query }) => {
      const snapshot = await snapshotOf(target.boardId);
      // Trello's `GET /1/boards/{id}/cards/{idCard}` shares this path: an id or short link names one card.
      if (/^([0-9a-f]{24}|[0-9A-Za-z]{8})$/.test(params.filter)) {
        const card = snapshot.cards.find((c) => c.id === params.filter || c.shortLink === params.filter);
        if (!card) throw notFound("card");
        return presentCards(base, snapshot, [card], query.fields)[0];
      }
      return presentCards(base, snapshot, filterCards(snapshot, params.filter), query.fields);
    },
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/labels",
    summary: "The board's labels",
    access: readBoard,
    handler: async ({ target, query }) =>
      (await ctx.store.objectsOf(target.boardId, "label")).map((l) =>
        selectFields(presentLabel(l), fieldSelection(query.fields)),
      ),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/checklists",
    summary: "The board's checklists",
    access: readBoard,
    handler: async ({ target }) =>
      (await ctx.store.objectsOf(target.boardId, "checklist")).map(presentChecklist),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/members",
    summary: "The board's members",
    access: readBoard,
    handler: async ({ target, query }) =>
      (await snapshotOf(target.boardId)).members.map((m) =>
        selectFields(presentMember(base, m), fieldSelection(query.fields)),
      ),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/memberships",
    summary: "The board's memberships with roles",
    access: readBoard,
    handler: async ({ target }) => (await snapshotOf(target.boardId)).memberships.map(presentMembership),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/actions",
    summary: "The board's activity (filter=types, limit, before)",
    access: readBoard,
    handler: async ({ target: { boardId }, query }) => {
      const { actions, actionMembers } = await readActions(
        ctx,
        { boardId },
        { ...query, actions: query.filter ?? "all", actions_limit: query.limit },
      );
      return presentBoardRead(await snapshotOf(boardId), {}, { base, viewer: null, actions, actionMembers })
        .actions;
    },
  });

  api.define({
    method: "POST",
    path: "/1/boards/:id/lists",
    summary: "Create a list on the board",
    input: z.object({ name: z.string(), pos: z.unknown().optional() }),
    access: writeBoard,
    handler: async ({ me, target: { boardId }, input, mutationId }) => {
      const checked = createListInput.safeParse({ ...input, idBoard: boardId });
      if (!checked.success)
        throw invalid(String(checked.error.issues[0]!.path[0] ?? "name"), checked.error.issues[0]!.message);
      return presentList(
        await execute(ctx, createList, { actor: me, boardId, mutationId, input: checked.data }),
      );
    },
  });

  api.define({
    method: "POST",
    path: "/1/boards/:id/labels",
    summary: "Create a label on the board",
    input: boardLabelInput,
    access: writeBoard,
    handler: async ({ me, target, input, mutationId }) => {
      const label = await execute(ctx, createLabel, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        name: input.name ?? "",
        color: input.color,
      });
      return presentLabel(label);
    },
  });

  const presentMembers = (boardId: string, { me }: { me: { memberId: string } }) =>
    presentBoardById(boardId, { members: "all", memberships: "all" }, me.memberId);

  api.define({
    method: "PUT",
    path: "/1/boards/:id/members/:idMember",
    summary: "Add a member or change their role (type=admin|normal|observer)",
    input: boardMemberInput,
    access: adminBoard,
    handler: async ({ me, target: { boardId }, params, input, mutationId }) => {
      const member = await ctx.store.memberById(params.idMember);
      if (!member) throw notFound("member");
      await execute(ctx, setBoardMember, {
        actor: me,
        boardId,
        mutationId,
        member,
        role: input.type ?? "normal",
      });
      return boardId;
    },
    present: presentMembers,
  });

  // PUT /1/boards/:id/members (invitations by username or e-mail) lives in invitations.ts.

  api.define({
    method: "PUT",
    path: "/1/boards/:id/memberships/:idMembership",
    summary: "Change a membership's role",
    input: z.object({ type: z.enum(BOARD_ROLES) }),
    access: adminBoard,
    handler: async ({ me, target: { boardId }, params, input, mutationId }) => {
      const snapshot = await snapshotOf(boardId);
      const membership = snapshot.memberships.find((m) => m.id === params.idMembership);
      const member = membership && snapshot.members.find((m) => m.id === membership.idMember);
      if (!membership || !member) throw notFound("membership");
      const written = await execute(ctx, setBoardMember, {
        actor: me,
        boardId,
        mutationId,
        member,
        role: input.type,
      });
      return presentMembership(written);
    },
  });

  /** `me` for yourself. */
  const leaving = (idMember: string, me: MemberActor | null) =>
    idMember === "me" && me ? me.memberId : idMember;
  const adminOrSelf = {
    board: true,
    permission: ({ params, me }: Parameters<PermissionOf>[0]) =>
      leaving(params.idMember ?? "", me) === me?.memberId ? "read" : "admin",
  } as const;
  api.define({
    method: "DELETE",
    path: "/1/boards/:id/members/:idMember",
    summary: "Remove a member from the board (admins; or yourself)",
    access: adminOrSelf,
    handler: ({ me, target, params, mutationId }) =>
      execute(ctx, removeBoardMember, {
        actor: me,
        boardId: target.boardId,
        mutationId,
        memberId: leaving(params.idMember, me),
      }),
  });
}

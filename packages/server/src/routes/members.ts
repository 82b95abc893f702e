import { notFound } from "@tack/shared/errors";
import { createTokenInput, id } from "@tack/shared/schemas";
import { z } from "zod";
import { createToken } from "../accounts/accounts.ts";
import { requireMember } from "../auth/actor.ts";
import { starBoard } from "../commands/boards/star-board.ts";
import { execute } from "../commands/command.ts";
import { presentBoard } from "../presenters/board.ts";
import { filterCards, presentCards } from "../presenters/board-read.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { presentMember } from "../presenters/member.ts";
import type { Api } from "./api.ts";

const tokenInput = createTokenInput.extend({
  /** Days until the token stops working; absent = never. */
  expiresInDays: z.coerce.number().int().min(1, "must be at least 1").max(3650).optional(),
});

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function memberRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  api.define({
    method: "GET",
    path: "/1/members/:idMember",
    summary: "A member's profile (`me` for yourself)",
    // Anyone may read a profile; `me` needs you signed in (checked below).
    access: { who: "anyone" },
    handler: async ({ actor, params: { idMember }, query }) => {
      const member =
        idMember === "me"
          ? await ctx.store.memberById(requireMember(actor).memberId)
          : /^[0-9a-f]{24}$/.test(idMember)
            ? await ctx.store.memberById(idMember)
            : await ctx.store.memberByUsername(idMember);
      if (!member) throw notFound("member");
      const presented: Record<string, unknown> = presentMember(base, member);
      if (idMember === "me" || (actor.kind === "member" && actor.memberId === member.id)) {
        const boards = await ctx.store.boardsOf(member.id);
        presented.idBoards = boards.map((b) => b.board.id);
        presented.idOrganizations = (await ctx.store.organizationsOf(member.id)).map((o) => o.id);
        // Trello shows your own address to you, and to no one else.
        presented.email = await ctx.store.emailOf(member.id);
      }
      return selectFields(presented, fieldSelection(query.fields));
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/me/boards",
    summary: "Boards you are a member of (filter=open|closed|starred|all)",
    access: { who: "member" },
    handler: async ({ me, query }) => {
      const filter = typeof query.filter === "string" ? query.filter : "all";
      const rows = await ctx.store.boardsOf(me.memberId);
      const kept = rows.filter(({ board, membership }) =>
        filter === "open"
          ? !board.closed
          : filter === "closed"
            ? board.closed
            : filter === "starred"
              ? membership.starred
              : true,
      );
      const selection = fieldSelection(query.fields);
      return kept
        .sort((a, b) => a.board.name.localeCompare(b.board.name))
        .map(({ board, membership }) =>
          selectFields(
            presentBoard(base, board, { memberships: [membership], viewer: me.memberId }),
            selection,
          ),
        );
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/:idMember/boards",
    summary: "Another member's open boards that you are on too (boards in common)",
    // Only boards both people are members of: someone's other boards are not yours to list.
    access: { who: "member" },
    handler: async ({ me, params: { idMember }, query }) => {
      const member = /^[0-9a-f]{24}$/.test(idMember)
        ? await ctx.store.memberById(idMember)
        : await ctx.store.memberByUsername(idMember);
      if (!member) throw notFound("member");
      const mine = new Set((await ctx.store.boardsOf(me.memberId)).map(({ board }) => board.id));
      const selection = fieldSelection(query.fields);
      return (await ctx.store.boardsOf(member.id))
        .filter(({ board }) => !board.closed && mine.has(board.id))
        .sort((a, b) => a.board.name.localeCompare(b.board.name))
        .map(({ board }) => selectFields(presentBoard(base, board, { viewer: me.memberId }), selection));
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/me/organizations",
    summary: "Workspaces you belong to",
    access: { who: "member" },
    handler: async ({ me }) =>
      (await ctx.store.organizationsOf(me.memberId)).map((o) => ({ ...o, url: `${base}/w/${o.name}` })),
  });

  api.define({
    method: "POST",
    path: "/1/members/me/tokens",
    summary: "Create a personal API token",
    input: tokenInput,
    access: { who: "member" },
    handler: async ({ me, input }) => {
      const name = input.name ?? "API token";
      const expiresAt =
        input.expiresInDays === undefined ? null : Date.now() + input.expiresInDays * 86_400_000;
      const { id: tokenId, token } = await createToken(ctx, me.memberId, name, expiresAt);
      return { id: tokenId, token, idMember: me.memberId, name, dateExpires: isoOrNull(expiresAt) };
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/me/tokens",
    summary: "Your personal API tokens (without their secrets)",
    access: { who: "member" },
    handler: async ({ me }) =>
      (await ctx.store.tokensOf(me.memberId)).map((t) => ({
        id: t.id,
        name: t.name,
        dateCreated: t.createdAt,
        idMember: t.memberId,
        dateExpires: isoOrNull(t.expiresAt),
        dateLastUsed: isoOrNull(t.lastUsed?.at ?? null),
        address: t.lastUsed?.address ?? null,
        userAgent: t.lastUsed?.userAgent ?? null,
      })),
  });

  api.define({
    method: "DELETE",
    path: "/1/members/me/tokens/:idToken",
    summary: "Revoke a personal API token",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      if (!(await ctx.store.deleteToken(me.memberId, params.idToken))) throw notFound("token");
      // Answer only once every process has dropped the token.
      await ctx.sessions.end({ tokenId: params.idToken });
    },
  });

  api.define({
    method: "POST",
    path: "/1/members/me/boardStars",
    summary: "Star a board",
    input: z.object({ idBoard: id, pos: z.unknown().optional() }),
    access: { board: true, id: "idBoard", permission: "read" },
    handler: async ({ me, target: { boardId } }) => {
      await execute(ctx, starBoard, { actor: me, boardId, starred: true });
      return { id: boardId, idBoard: boardId, pos: 1 };
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/members/me/boardStars/:idBoard",
    summary: "Unstar a board",
    access: { board: true, id: "idBoard", permission: "read" },
    handler: async ({ me, target: { boardId } }) => {
      await execute(ctx, starBoard, { actor: me, boardId, starred: false });
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/me/cards",
    summary: "Open cards you are a member of",
    access: { who: "member" },
    handler: async ({ me, query }) => {
      const out: unknown[] = [];
      for (const { board } of await ctx.store.boardsOf(me.memberId)) {
        if (board.closed) continue;
        const snapshot = await ctx.store.loadBoard(board.id);
        if (!snapshot) continue;
        const mine = filterCards(snapshot, "visible").filter((c) => c.idMembers.includes(me.memberId));
        out.push(...presentCards(base, snapshot, mine, query.fields));
      }
      return out;
    },
  });
}

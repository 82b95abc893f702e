import { notFound } from "@tack/shared/errors";
import { createTokenInput, id } from "@tack/shared/schemas";
import { z } from "zod";
import { createToken } from "../accounts/accounts.ts";
import { authorizeBoard } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import { starBoard } from "../commands/boards/board-members.ts";
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

  api.get(
    "/1/members/:idMember",
    "A member's profile (`me` for yourself)",
    async ({ actor, params, query }) => {
      const idMember = params.idMember!;
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
      }
      return selectFields(presented, fieldSelection(query.fields));
    },
  );

  api.get(
    "/1/members/me/boards",
    "Boards you are a member of (filter=open|closed|starred|all)",
    async ({ actor, query }) => {
      const me = requireMember(actor);
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
  );

  api.get("/1/members/me/organizations", "Workspaces you belong to", async ({ actor }) => {
    const me = requireMember(actor);
    return (await ctx.store.organizationsOf(me.memberId)).map((o) => ({ ...o, url: `${base}/w/${o.name}` }));
  });

  api.route(
    "POST",
    "/1/members/me/tokens",
    "Create a personal API token, optionally expiring",
    tokenInput,
    async ({ actor, input }) => {
      const me = requireMember(actor);
      const name = input.name ?? "API token";
      const expiresAt =
        input.expiresInDays === undefined ? null : Date.now() + input.expiresInDays * 86_400_000;
      const { id: tokenId, token } = await createToken(ctx, me.memberId, name, expiresAt);
      return { id: tokenId, token, idMember: me.memberId, name, dateExpires: isoOrNull(expiresAt) };
    },
  );

  api.get(
    "/1/members/me/tokens",
    "Your personal API tokens (without their secrets), with where and when each was last used",
    async ({ actor }) => {
      const me = requireMember(actor);
      return (await ctx.store.tokensOf(me.memberId)).map((t) => ({
        id: t.id,
        name: t.name,
        dateCreated: t.createdAt,
        idMember: t.memberId,
        dateExpires: isoOrNull(t.expiresAt),
        dateLastUsed: isoOrNull(t.lastUsed?.at ?? null),
        address: t.lastUsed?.address ?? null,
        userAgent: t.lastUsed?.userAgent ?? null,
      }));
    },
  );

  api.route(
    "DELETE",
    "/1/members/me/tokens/:idToken",
    "Revoke a personal API token",
    undefined,
    async ({ actor, params }) => {
      const me = requireMember(actor);
      if (!(await ctx.store.deleteToken(me.memberId, params.idToken!))) throw notFound("token");
      // Answer only once every process has dropped the token.
      await ctx.sessions.end({ tokenId: params.idToken! });
    },
  );

  api.route(
    "POST",
    "/1/members/me/boardStars",
    "Star a board",
    z.object({ idBoard: id, pos: z.unknown().optional() }),
    async ({ actor, input }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, input.idBoard, "read");
      await starBoard(ctx, me, boardId, true);
      return { id: boardId, idBoard: boardId, pos: 1 };
    },
  );

  api.route(
    "DELETE",
    "/1/members/me/boardStars/:idBoard",
    "Unstar a board",
    undefined,
    async ({ actor, params }) => {
      const me = requireMember(actor);
      const { boardId } = await authorizeBoard(ctx, actor, params.idBoard!, "read");
      await starBoard(ctx, me, boardId, false);
    },
  );

  api.get("/1/members/me/cards", "Open cards you are a member of", async ({ actor, query }) => {
    const me = requireMember(actor);
    const out: unknown[] = [];
    for (const { board } of await ctx.store.boardsOf(me.memberId)) {
      if (board.closed) continue;
      const snapshot = await ctx.store.loadBoard(board.id);
      if (!snapshot) continue;
      const mine = filterCards(snapshot, "visible").filter((c) => c.idMembers.includes(me.memberId));
      out.push(...presentCards(base, snapshot, mine, query.fields));
    }
    return out;
  });
}

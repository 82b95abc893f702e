// Claims of placeholder members (people an import brought in who have no login): a board admin
// asks an account to claim one; that account lists its pending claims and accepts or declines.
// Authorization: asking and withdrawing need the board's admin (a stranger gets 404, a member
// 403); a claim is visible to and answerable by only the account it is addressed to (404 for
// everyone else, exactly like a claim that does not exist).
import { ErrorCode, TackError } from "@tack/shared/errors";
import { isId } from "@tack/shared/ids";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { acceptClaim, declineClaim, pendingClaims, requestClaim, withdrawClaim } from "../import/claims.ts";
import { presentMember } from "../presenters/member.ts";
import { boardUrl } from "../presenters/urls.ts";
import type { Api } from "./api.ts";

const claimInput = z.object({
  member: z.string().trim().min(1, "name the account (username or id) asked to claim").max(254),
});

export function claimRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  // These answer over HTTP only, as they did before they were specs.
  api.define({
    method: "POST",
    path: "/1/boards/:id/placeholders/:idPlaceholder/claim",
    summary:
      "Ask an account to claim an imported placeholder member (board admins); nothing moves until they accept",
    input: claimInput,
    access: { board: true, permission: "admin" },
    httpOnly: true,
    handler: async ({ me, target: { boardId }, params, input }) => {
      const account = await accountNamed(ctx, input.member.replace(/^@/, ""));
      const placeholder = await requestClaim(ctx, me, boardId, params.idPlaceholder, account);
      return {
        placeholder: presentMember(base, placeholder),
        idMemberAsked: account.id,
        date: placeholder.placeholder!.claim!.date,
      };
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/boards/:id/placeholders/:idPlaceholder/claim",
    summary: "Withdraw a pending claim request (board admins)",
    access: { board: true, permission: "admin" },
    httpOnly: true,
    handler: async ({ target: { boardId }, params }) => {
      await withdrawClaim(ctx, boardId, params.idPlaceholder);
      return {};
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/me/claims",
    summary: "Placeholder members board admins asked you to claim, still waiting for your answer",
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me }) =>
      (await pendingClaims(ctx, me)).map(({ placeholder, board, requester, date }) => ({
        id: placeholder.id,
        placeholder: presentMember(base, placeholder),
        board: {
          id: board.id,
          name: board.name,
          shortLink: board.shortLink,
          url: boardUrl(base, board.shortLink, board.name),
        },
        requestedBy: requester ? presentMember(base, requester) : null,
        date,
      })),
  });

  api.define({
    method: "POST",
    path: "/1/members/me/claims/:idPlaceholder/accept",
    summary: "Accept a claim: the placeholder's comments, actions, cards and board membership become yours",
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me, params, mutationId }) => {
      const { boardId } = await acceptClaim(ctx, {
        actor: me,
        placeholderId: params.idPlaceholder,
        mutationId,
      });
      return { idBoard: boardId };
    },
  });

  api.define({
    method: "POST",
    path: "/1/members/me/claims/:idPlaceholder/decline",
    summary: "Decline a claim: nothing changes but the request is gone",
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me, params }) => {
      await declineClaim(ctx, me, params.idPlaceholder);
      return {};
    },
  });
}

/** A real account by username or id; a placeholder is not one. */
async function accountNamed(ctx: AppContext, name: string) {
  const account =
    (isId(name) ? await ctx.store.memberById(name) : null) ??
    (await ctx.store.memberByUsername(name.toLowerCase()));
  if (!account || account.placeholder)
    throw new TackError(ErrorCode.notFound, `No account "${name}": ask them to sign up first`, "member");
  return account;
}

// Sharing a board: invite by username (an existing account joins at once), by e-mail address (a
// pending invitation whose link signs up or logs in and lands on the board), or by a join link an
// admin makes, and turns off. docs/security.md, "Sharing and invitations".
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { BOARD_ROLES } from "@tack/shared/models";
import { z } from "zod";
import { ensureMayInvite } from "../commands/boards/invitation-rules.ts";
import { setBoardMember } from "../commands/boards/set-board-member.ts";
import { execute } from "../commands/command.ts";
import type { AppContext } from "../context.ts";
import { presentMembership } from "../presenters/board.ts";
import { presentInvitation, presentInvitedWorkspace } from "../presenters/invitation.ts";
import { presentMember } from "../presenters/member.ts";
import { createInvitation } from "../sharing/create-invitation.ts";
import { joinThroughInvitation, previewInvitation } from "../sharing/use-invitation.ts";
import type { Api } from "./api.ts";

const email = z.email("must be an e-mail address").max(254);
const fullName = z.string().trim().max(100, "must be at most 100 characters").optional();
const role = z.enum(BOARD_ROLES).optional();

/** Trello's `PUT /1/boards/{id}/members`: `email` (and `fullName`), or Tack's `username`. */
export const inviteToBoardInput = z
  .object({
    email: email.optional(),
    username: z.string().min(1).max(254).optional(),
    fullName,
    type: role,
  })
  .refine((i) => (i.email === undefined) !== (i.username === undefined), {
    message: "give either the username or the e-mail address of the person to invite",
    path: ["email"],
  });

const createInvitationInput = z.object({ email: email.optional(), fullName, type: role });

async function membersAnswer(ctx: AppContext, boardId: string) {
  const snapshot = await ctx.store.loadBoard(boardId);
  if (!snapshot) throw notFound("board");
  return {
    id: boardId,
    members: snapshot.members.map((m) => presentMember(ctx.config.publicUrl, m)),
    memberships: snapshot.memberships.map(presentMembership),
  };
}

async function boardOf(ctx: AppContext, boardId: string) {
  const found = await ctx.store.boardById(boardId);
  if (!found) throw notFound("board");
  return found.board;
}

export function invitationRoutes(api: Api): void {
  const { ctx } = api;
  // Readers of the board reach these routes; who may invite is decided inside (ensureMayInvite), so
  // someone who cannot read the board gets not-found and a reader who may not invite gets 403.
  const readBoard = { board: true, permission: "read" } as const;

  api.define({
    method: "PUT",
    path: "/1/boards/:id/members",
    // The summary is pinned by route-specs.test.ts. By username the account joins at once; by e-mail
    // nobody is added: a pending invitation with a link is made (docs/security.md).
    summary: "Invite an existing account by username or e-mail",
    input: inviteToBoardInput,
    access: readBoard,
    handler: async ({ me, target, input, mutationId }) => {
      const type = input.type ?? "normal";
      if (input.email !== undefined) {
        // The same answer whether or not an account has this address: nobody is added until the
        // link is used, and the answer never says who (if anyone) owns the address.
        const created = await createInvitation(ctx, me, target, { ...input, role: type });
        return {
          ...(await membersAnswer(ctx, target.boardId)),
          invitation: { ...presentInvitation(created.invitation), url: created.url },
        };
      }
      ensureMayInvite(await boardOf(ctx, target.boardId), target.access, type);
      const member = await ctx.store.memberByUsername(input.username!);
      if (!member || member.placeholder)
        throw new TackError(
          ErrorCode.notFound,
          `No account has the username "${input.username}": invite them by e-mail address instead`,
          "username",
        );
      const already = (await ctx.store.loadBoard(target.boardId))?.memberships.some(
        (m) => m.idMember === member.id,
      );
      // Inviting someone already on the board changes nothing (a role change is PUT …/members/{id}).
      if (!already)
        await execute(ctx, setBoardMember, {
          actor: me,
          boardId: target.boardId,
          mutationId,
          member,
          role: type,
        });
      return membersAnswer(ctx, target.boardId);
    },
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/invitations",
    summary: "The board's pending invitations and join links (for those who may invite)",
    access: readBoard,
    handler: async ({ target }) => {
      ensureMayInvite(await boardOf(ctx, target.boardId), target.access, "normal");
      return (await ctx.store.invitationsOf({ kind: "board", id: target.boardId })).map(presentInvitation);
    },
  });

  api.define({
    method: "POST",
    path: "/1/boards/:id/invitations",
    summary:
      "Invite an e-mail address, or (without `email`, admins) make a join link; the link is shown once",
    input: createInvitationInput,
    access: readBoard,
    handler: async ({ me, target, input }) => {
      const created = await createInvitation(ctx, me, target, { ...input, role: input.type ?? "normal" });
      return { ...presentInvitation(created.invitation), url: created.url };
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/boards/:id/invitations/:idInvitation",
    summary: "Revoke an invitation or turn off a join link: its link stops working at once",
    access: readBoard,
    handler: async ({ me, target, params }) => {
      ensureMayInvite(await boardOf(ctx, target.boardId), target.access, "normal");
      const board = { kind: "board", id: target.boardId } as const;
      const pending = (await ctx.store.invitationsOf(board)).find((i) => i.id === params.idInvitation);
      if (!pending) throw notFound("invitation");
      // Members who may invite revoke their own invitations; admins revoke any.
      if (target.access.role !== "admin" && pending.invitedBy !== me.memberId)
        throw new TackError(ErrorCode.forbidden, "Only board admins can revoke other people's invitations");
      if (!(await ctx.store.deleteInvitation(board, pending.id))) throw notFound("invitation");
    },
  });

  api.define({
    method: "GET",
    path: "/1/invitations/:token",
    summary: "Where an invitation link leads (the board's name and the role), without using it",
    access: { who: "anyone" },
    handler: async ({ params }) => {
      const { invitation, board, organization, inviter } = await previewInvitation(ctx, params.token);
      return {
        kind: invitation.kind,
        memberType: invitation.role,
        email: invitation.email,
        fullName: invitation.fullName,
        ...(board && {
          board: { id: board.id, name: board.name, shortLink: board.shortLink, prefs: board.prefs },
        }),
        ...(organization && { organization: presentInvitedWorkspace(organization) }),
        inviter: inviter ? { fullName: inviter.fullName, username: inviter.username } : null,
      };
    },
  });

  api.define({
    method: "POST",
    path: "/1/invitations/:token/accept",
    summary: "Join the board an invitation link leads to",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      const { board, organization } = await joinThroughInvitation(ctx, me, params.token);
      if (organization) return { organization: presentInvitedWorkspace(organization) };
      return { id: board.id, name: board.name, shortLink: board.shortLink };
    },
  });
}

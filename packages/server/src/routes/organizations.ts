// Workspaces (Trello's organizations): members with roles (admin, normal) and boards. A workspace
// is visible to its members only; anyone else gets not-found. Boards with `permissionLevel: "org"`
// are readable by every member of their workspace (auth/access.ts, through the store's access read).
import { notFound } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { canReadBoard } from "@tack/shared/permissions";
import { createOrganizationInput } from "@tack/shared/schemas";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { presentBoard } from "../presenters/board.ts";
import { presentInvitation } from "../presenters/invitation.ts";
import { presentMember } from "../presenters/member.ts";
import { presentOrganization, presentOrganizationMembership } from "../presenters/organization.ts";
import {
  inviteToOrganization,
  organizationInvitations,
  readableOrganization,
  removeOrganizationMember,
  revokeOrganizationInvitation,
  setOrganizationMember,
} from "../sharing/organization-members.ts";
import type { Api } from "./api.ts";

const roleInput = z.object({ type: z.enum(["admin", "normal"]).optional() });
/** Trello's `PUT /1/organizations/{id}/members`: `email` (and `fullName`), or Tack's `username`. */
const addMemberInput = z
  .object({
    email: z.email("must be an e-mail address").max(254).optional(),
    fullName: z.string().trim().max(100, "must be at most 100 characters").optional(),
    username: z.string().min(1, "give the username of the person to add").max(254).optional(),
    type: z.enum(["admin", "normal"]).optional(),
  })
  .refine((i) => (i.email === undefined) !== (i.username === undefined), {
    message: "give either the username or the e-mail address of the person to add",
    path: ["email"],
  });

/** An account by id or username; placeholders (imported people) cannot join workspaces. */
async function accountOf(ctx: AppContext, idOrUsername: string) {
  const member = /^[0-9a-f]{24}$/.test(idOrUsername)
    ? await ctx.store.memberById(idOrUsername)
    : await ctx.store.memberByUsername(idOrUsername);
  if (!member || member.placeholder) throw notFound("member");
  return member;
}

export function organizationRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;
  // A workspace is visible to its members only: each handler reads it through
  // `readableOrganization`, which answers anyone else like a missing workspace.
  const member = { who: "member" } as const;

  api.define({
    method: "POST",
    path: "/1/organizations",
    summary: "Create a workspace",
    input: createOrganizationInput,
    access: member,
    handler: async ({ me, input }) => {
      const name =
        input.name ??
        `${input.displayName.toLowerCase().replace(/[^a-z0-9]+/g, "")}${Math.random().toString(36).slice(2, 7)}`;
      const org = {
        id: newId(),
        name: name.padEnd(3, "0"),
        displayName: input.displayName,
        desc: input.desc ?? "",
      };
      await ctx.store.insertOrganization(org, me.memberId);
      return presentOrganization(base, org);
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id",
    summary: "A workspace",
    access: member,
    handler: async ({ me, params }) => {
      const { organization } = await readableOrganization(ctx, me, params.id);
      return presentOrganization(base, organization);
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id/members",
    summary: "A workspace's members",
    access: member,
    handler: async ({ me, params }) => {
      const { organization } = await readableOrganization(ctx, me, params.id);
      const members = await ctx.store.membersByIds(await ctx.store.organizationMemberIds(organization.id));
      return members.map((m) => presentMember(base, m));
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id/memberships",
    summary: "A workspace's memberships with roles",
    access: member,
    handler: async ({ me, params }) => {
      const { organization } = await readableOrganization(ctx, me, params.id);
      return (await ctx.store.organizationMemberships(organization.id)).map(presentOrganizationMembership);
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id/boards",
    summary: "A workspace's boards that you can see",
    access: member,
    handler: async ({ me, params }) => {
      const { organization } = await readableOrganization(ctx, me, params.id);
      const mine = new Map((await ctx.store.boardsOf(me.memberId)).map((r) => [r.board.id, r.membership]));
      const boards = await ctx.store.boardsOfOrganization(organization.id);
      return boards
        .filter((board) =>
          canReadBoard({
            role: mine.get(board.id)?.memberType ?? null,
            visibility: board.prefs.permissionLevel,
            inOrganization: true,
            commentsPref: board.prefs.comments,
            closed: board.closed,
          }),
        )
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((board) => {
          const membership = mine.get(board.id);
          return presentBoard(base, board, {
            memberships: membership ? [membership] : [],
            viewer: me.memberId,
          });
        });
    },
  });

  api.define({
    method: "PUT",
    path: "/1/organizations/:id/members",
    summary: "Add an account to the workspace by username (admins)",
    input: addMemberInput,
    access: member,
    handler: async ({ me, params, input }) => {
      const org = await readableOrganization(ctx, me, params.id);
      const role = input.type ?? "normal";
      if (input.email !== undefined) {
        // By e-mail nobody is added: a pending invitation is made and its link mailed (the same
        // answer whether or not an account has the address).
        const created = await inviteToOrganization(ctx, me, org, { ...input, email: input.email, role });
        return { ...presentInvitation(created.invitation), url: created.url };
      }
      const account = await accountOf(ctx, input.username!);
      await setOrganizationMember(ctx, org, account.id, role);
      return (await ctx.store.organizationMemberships(org.organization.id)).map(
        presentOrganizationMembership,
      );
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id/invitations",
    summary: "The workspace's pending e-mail invitations (admins)",
    access: member,
    handler: async ({ me, params }) => {
      const org = await readableOrganization(ctx, me, params.id);
      return (await organizationInvitations(ctx, org)).map(presentInvitation);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/organizations/:id/invitations/:idInvitation",
    summary: "Revoke a workspace invitation (admins): its link stops working at once",
    access: member,
    handler: async ({ me, params }) => {
      const org = await readableOrganization(ctx, me, params.id);
      await revokeOrganizationInvitation(ctx, org, params.idInvitation);
    },
  });

  api.define({
    method: "PUT",
    path: "/1/organizations/:id/members/:idMember",
    summary: "Add a member to a workspace",
    input: roleInput,
    access: member,
    handler: async ({ me, params, input }) => {
      const org = await readableOrganization(ctx, me, params.id);
      const account = await accountOf(ctx, params.idMember);
      const role = input.type ?? "normal";
      await setOrganizationMember(ctx, org, account.id, role);
      return { id: org.organization.id, idMember: account.id, memberType: role };
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/organizations/:id/members/:idMember",
    summary: "Remove a member from the workspace (admins), or leave it (`me`)",
    access: member,
    handler: async ({ me, params }) => {
      const org = await readableOrganization(ctx, me, params.id);
      const memberId = params.idMember === "me" ? me.memberId : (await accountOf(ctx, params.idMember)).id;
      await removeOrganizationMember(ctx, me, org, memberId);
    },
  });
}

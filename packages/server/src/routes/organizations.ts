import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { createOrganizationInput } from "@tack/shared/schemas";
import { z } from "zod";
import type { MemberActor } from "../auth/actor.ts";
import { presentBoard } from "../presenters/board.ts";
import { presentMember } from "../presenters/member.ts";
import type { Api } from "./api.ts";

export function organizationRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  /** Workspaces are visible to their members only; anyone else gets not-found. */
  async function readable(me: MemberActor, idOrName: string) {
    const org = await ctx.store.organizationById(idOrName);
    if (!org || !(await ctx.store.organizationMemberIds(org.id)).includes(me.memberId))
      throw notFound("workspace");
    return org;
  }

  api.define({
    method: "POST",
    path: "/1/organizations",
    summary: "Create a workspace",
    input: createOrganizationInput,
    access: { who: "member" },
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
      return { ...org, url: `${base}/w/${org.name}` };
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id",
    summary: "A workspace",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      const org = await readable(me, params.id);
      return { ...org, url: `${base}/w/${org.name}` };
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id/members",
    summary: "A workspace's members",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      const org = await readable(me, params.id);
      const members = await ctx.store.membersByIds(await ctx.store.organizationMemberIds(org.id));
      return members.map((m) => presentMember(base, m));
    },
  });

  api.define({
    method: "GET",
    path: "/1/organizations/:id/boards",
    summary: "A workspace's boards that you can see",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      const org = await readable(me, params.id);
      const mine = await ctx.store.boardsOf(me.memberId);
      return mine
        .filter((r) => r.board.idOrganization === org.id)
        .map((r) => presentBoard(base, r.board, { memberships: [r.membership], viewer: me.memberId }));
    },
  });

  api.define({
    method: "PUT",
    path: "/1/organizations/:id/members/:idMember",
    summary: "Add a member to a workspace",
    input: z.object({ type: z.enum(["admin", "normal"]).optional() }),
    access: { who: "member" },
    handler: async ({ me, params, input }) => {
      const org = await readable(me, params.id);
      const member = await ctx.store.memberById(params.idMember);
      if (!member) throw notFound("member");
      if (!(await ctx.store.organizationMemberIds(org.id)).includes(me.memberId)) {
        throw new TackError(ErrorCode.forbidden, "Only workspace members can add members");
      }
      await ctx.store.addOrganizationMember(org.id, member.id, input.type ?? "normal");
      return { id: org.id, idMember: member.id, memberType: input.type ?? "normal" };
    },
  });
}

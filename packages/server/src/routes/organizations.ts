import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { createOrganizationInput } from "@tack/shared/schemas";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { requireMember } from "../auth/actor.ts";
import { presentBoard } from "../presenters/board.ts";
import { presentMember } from "../presenters/member.ts";
import type { Api } from "./api.ts";

export function organizationRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  /** Workspaces are visible to their members only; anyone else gets not-found. */
  async function readable(actor: Actor, idOrName: string) {
    const me = requireMember(actor);
    const org = await ctx.store.organizationById(idOrName);
    if (!org || !(await ctx.store.organizationMemberIds(org.id)).includes(me.memberId))
      throw notFound("workspace");
    return org;
  }

  api.route(
    "POST",
    "/1/organizations",
    "Create a workspace",
    createOrganizationInput,
    async ({ actor, input }) => {
      const me = requireMember(actor);
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
  );

  api.get("/1/organizations/:id", "A workspace", async ({ actor, params }) => {
    const org = await readable(actor, params.id!);
    return { ...org, url: `${base}/w/${org.name}` };
  });

  api.get("/1/organizations/:id/members", "A workspace's members", async ({ actor, params }) => {
    const org = await readable(actor, params.id!);
    const members = await ctx.store.membersByIds(await ctx.store.organizationMemberIds(org.id));
    return members.map((m) => presentMember(base, m));
  });

  api.get(
    "/1/organizations/:id/boards",
    "A workspace's boards that you can see",
    async ({ actor, params }) => {
      const org = await readable(actor, params.id!);
      const me = requireMember(actor);
      const mine = await ctx.store.boardsOf(me.memberId);
      return mine
        .filter((r) => r.board.idOrganization === org.id)
        .map((r) => presentBoard(base, r.board, { memberships: [r.membership], viewer: me.memberId }));
    },
  );

  api.route(
    "PUT",
    "/1/organizations/:id/members/:idMember",
    "Add a member to a workspace",
    z.object({ type: z.enum(["admin", "normal"]).optional() }),
    async ({ actor, params, input }) => {
      const org = await readable(actor, params.id!);
      const member = await ctx.store.memberById(params.idMember!);
      if (!member) throw notFound("member");
      if (!(await ctx.store.organizationMemberIds(org.id)).includes(requireMember(actor).memberId)) {
        throw new TackError(ErrorCode.forbidden, "Only workspace members can add members");
      }
      await ctx.store.addOrganizationMember(org.id, member.id, input.type ?? "normal");
      return { id: org.id, idMember: member.id, memberType: input.type ?? "normal" };
    },
  );
}

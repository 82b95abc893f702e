// A member's own sessions: list them with where and when each was last used, end one, or end all
// ("log out everywhere"). Ending answers only once every process has dropped the session.
import { notFound } from "@tack/shared/errors";
import { z } from "zod";
import { endSessionById, endSessionsOf, liveSessionsOf, sessionPublicId } from "../accounts/sessions.ts";
import { requireMember } from "../auth/actor.ts";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import type { Api } from "./api.ts";

export function sessionRoutes(api: Api): void {
  const { ctx } = api;

  api.get("/auth/sessions", "Your browser sessions, most recently used first", async ({ actor }) => {
    const me = requireMember(actor);
    const current = me.via === "session" ? me.sessionHash : null;
    return (await liveSessionsOf(ctx, me.memberId)).map((s) => ({
      id: sessionPublicId(s.idHash),
      current: s.idHash === current,
      // Sessions from before these were recorded (schema version 1) have 0: unknown.
      dateCreated: s.createdAt > 0 ? new Date(s.createdAt).toISOString() : null,
      dateLastUsed: s.lastUsed.at > 0 ? new Date(s.lastUsed.at).toISOString() : null,
      address: s.lastUsed.address,
      userAgent: s.lastUsed.userAgent,
      dateExpires: new Date(s.expiresAt).toISOString(),
    }));
  });

  api.route(
    "DELETE",
    "/auth/sessions/:idSession",
    "End one of your sessions",
    undefined,
    async ({ actor, params }) => {
      const me = requireMember(actor);
      if (!(await endSessionById(ctx, me.memberId, params.idSession!))) throw notFound("session");
      return { ok: true };
    },
  );

  api.route(
    "POST",
    "/auth/logout-everywhere",
    "End all your sessions, this one included",
    z.object({}).loose(),
    async ({ actor, reply }) => {
      const me = requireMember(actor);
      const endedSessions = await endSessionsOf(ctx, me.memberId, null);
      if (me.via === "session") void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true, endedSessions };
    },
  );
}

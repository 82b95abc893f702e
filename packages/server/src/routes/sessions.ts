// A member's own sessions: list them with where and when each was last used, end one, or end all
// ("log out everywhere"). Ending answers only once every process has dropped the session.
import { notFound } from "@tack/shared/errors";
import { z } from "zod";
import { endSessionById, endSessionsOf, liveSessionsOf, sessionPublicId } from "../accounts/sessions.ts";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import { type Api, exchangeOf } from "./api.ts";

export function sessionRoutes(api: Api): void {
  const { ctx } = api;

  // Account routes answer over HTTP only, as they did before they were specs.
  api.define({
    method: "GET",
    path: "/auth/sessions",
    summary: "Your browser sessions, most recently used first",
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me }) => {
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
    },
  });

  api.define({
    method: "DELETE",
    path: "/auth/sessions/:idSession",
    summary: "End one of your sessions",
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me, params }) => {
      if (!(await endSessionById(ctx, me.memberId, params.idSession))) throw notFound("session");
      return { ok: true };
    },
  });

  api.define({
    method: "POST",
    path: "/auth/logout-everywhere",
    summary: "End all your sessions, this one included",
    input: z.object({}).loose(),
    access: { who: "member" },
    httpOnly: true,
    handler: async (call) => {
      const { me } = call;
      const endedSessions = await endSessionsOf(ctx, me.memberId, null);
      if (me.via === "session") void exchangeOf(call).reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true, endedSessions };
    },
  });
}

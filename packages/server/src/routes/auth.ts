// Tack's own account routes for the web client (Trello has no public equivalent).
import { ErrorCode, TackError } from "@tack/shared/errors";
import { loginInput, signupInput } from "@tack/shared/schemas";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { login, signup, startSession } from "../accounts/accounts.ts";
import { requireMember } from "../auth/actor.ts";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import type { AppContext } from "../context.ts";
import { presentMember } from "../presenters/member.ts";
import type { Api } from "./api.ts";

function setSessionCookie(ctx: AppContext, reply: FastifyReply, secret: string, expiresAt: number): void {
  void reply.setCookie(SESSION_COOKIE, secret, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.secureCookies,
    expires: new Date(expiresAt),
  });
}

export function authRoutes(api: Api): void {
  const { ctx } = api;
  const limited = { rateLimit: { max: ctx.config.authRateLimit, timeWindow: 60_000 } };

  api.route(
    "POST",
    "/auth/signup",
    "Create an account and log in",
    signupInput,
    async ({ input, reply }) => {
      const member = await signup(ctx, input);
      const session = await startSession(ctx, member.id);
      setSessionCookie(ctx, reply, session.secret, session.expiresAt);
      return { member: presentMember(ctx.config.publicUrl, member), csrfToken: session.csrfToken };
    },
    limited,
  );

  api.route(
    "POST",
    "/auth/login",
    "Log in with username (or e-mail) and password",
    loginInput,
    async ({ input, reply }) => {
      const member = await login(ctx, input.username, input.password);
      const session = await startSession(ctx, member.id);
      setSessionCookie(ctx, reply, session.secret, session.expiresAt);
      return { member: presentMember(ctx.config.publicUrl, member), csrfToken: session.csrfToken };
    },
    limited,
  );

  api.route("POST", "/auth/logout", "End this session", z.object({}).loose(), async ({ actor, reply }) => {
    if (actor.kind === "member" && actor.via === "session") {
      await ctx.store.deleteSession(actor.sessionHash);
      ctx.sessions.ended({ sessionHash: actor.sessionHash });
    }
    void reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });

  api.get("/auth/session", "The logged-in member and the CSRF token for writes", async ({ actor }) => {
    const me = requireMember(actor);
    if (me.via !== "session")
      throw new TackError(ErrorCode.invalidInput, "This route is for browser sessions");
    const member = await ctx.store.memberById(me.memberId);
    if (!member) throw new TackError(ErrorCode.unauthenticated, "Your account no longer exists");
    return { member: presentMember(ctx.config.publicUrl, member), csrfToken: me.csrfToken };
  });
}

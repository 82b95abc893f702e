// Tack's own account routes for the web client (Trello has no public equivalent): sign up, log in
// and out, change or reset a password.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { loginInput, signupInput } from "@tack/shared/schemas";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { signup } from "../accounts/accounts.ts";
import { checkInvitation, joinOnSignup } from "../accounts/join-on-signup.ts";
import { DEVICE_COOKIE, login } from "../accounts/login.ts";
import { changePassword, resetPassword } from "../accounts/passwords.ts";
import { startSession } from "../accounts/sessions.ts";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import type { AppContext } from "../context.ts";
import { presentInvitedWorkspace } from "../presenters/invitation.ts";
import { presentMember } from "../presenters/member.ts";
import { type Api, exchangeOf } from "./api.ts";

const DEVICE_COOKIE_DAYS = 400;
const newPassword = signupInput.shape.password;
/** An invitation link's token: signing up through it joins its board (accounts/join-on-signup.ts). */
const signupThroughInvitationInput = signupInput.extend({ invitation: z.string().max(200).optional() });

function setSessionCookie(ctx: AppContext, reply: FastifyReply, secret: string, expiresAt: number): void {
  void reply.setCookie(SESSION_COOKIE, secret, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.secureCookies,
    expires: new Date(expiresAt),
  });
}

function setDeviceCookie(ctx: AppContext, reply: FastifyReply, device: string): void {
  void reply.setCookie(DEVICE_COOKIE, device, {
    // Only the login route needs it.
    path: "/auth/login",
    httpOnly: true,
    sameSite: "strict",
    secure: ctx.config.secureCookies,
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
}

export function authRoutes(api: Api): void {
  const { ctx } = api;
  // Every account route sets or reads cookies, or is throttled by client address: HTTP only.

  api.define({
    method: "POST",
    path: "/auth/signup",
    summary: "Create an account and log in",
    input: signupThroughInvitationInput,
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const { input } = call;
      const { request, reply } = exchangeOf(call);
      await ctx.auth.throttle.attempt("signup", request.ip);
      const { invitation, ...account } = input;
      if (invitation !== undefined) await checkInvitation(ctx, invitation);
      const member = await signup(ctx, account);
      const session = await startSession(ctx, member.id, request);
      setSessionCookie(ctx, reply, session.secret, session.expiresAt);
      const joined =
        invitation === undefined ? null : await joinOnSignup(ctx, member.id, session, invitation);
      return {
        member: presentMember(ctx.config.publicUrl, member),
        csrfToken: session.csrfToken,
        ...(joined?.board && {
          board: { id: joined.board.id, name: joined.board.name, shortLink: joined.board.shortLink },
        }),
        ...(joined?.organization && { organization: presentInvitedWorkspace(joined.organization) }),
      };
    },
  });

  api.define({
    method: "POST",
    path: "/auth/login",
    summary: "Log in with username (or e-mail) and password",
    input: loginInput,
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const { input } = call;
      const { request, reply } = exchangeOf(call);
      const { member, newDevice } = await login(ctx, {
        usernameOrEmail: input.username,
        password: input.password,
        address: request.ip,
        device: request.cookies[DEVICE_COOKIE],
      });
      const session = await startSession(ctx, member.id, request);
      setSessionCookie(ctx, reply, session.secret, session.expiresAt);
      if (newDevice) setDeviceCookie(ctx, reply, newDevice);
      return { member: presentMember(ctx.config.publicUrl, member), csrfToken: session.csrfToken };
    },
  });

  api.define({
    method: "POST",
    path: "/auth/logout",
    summary: "End this session",
    input: z.object({}).loose(),
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const { actor } = call;
      if (actor.kind === "member" && actor.via === "session") {
        await ctx.store.deleteSession(actor.sessionHash);
        await ctx.sessions.end({ sessionHash: actor.sessionHash });
      }
      void exchangeOf(call).reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  });

  api.define({
    method: "GET",
    path: "/auth/session",
    summary: "The logged-in member and the CSRF token for writes",
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me }) => {
      if (me.via !== "session")
        throw new TackError(ErrorCode.invalidInput, "This route is for browser sessions");
      const member = await ctx.store.memberById(me.memberId);
      if (!member) throw new TackError(ErrorCode.unauthenticated, "Your account no longer exists");
      return { member: presentMember(ctx.config.publicUrl, member), csrfToken: me.csrfToken };
    },
  });

  api.define({
    method: "POST",
    path: "/auth/password",
    summary: "Change your password (ends your other sessions)",
    input: z.object({ currentPassword: z.string().min(1, "is required").max(1000), newPassword }),
    access: { who: "member" },
    httpOnly: true,
    handler: async ({ me, input }) => {
      if (me.via !== "session")
        throw new TackError(
          ErrorCode.forbidden,
          "Change your password from the web client, not with an API token",
        );
      const endedSessions = await changePassword(
        ctx,
        me.memberId,
        me.sessionHash,
        input.currentPassword,
        input.newPassword,
      );
      return { ok: true, endedSessions };
    },
  });

  api.define({
    method: "POST",
    path: "/auth/reset-password",
    summary: "Set a new password with a reset token (from `npm run tack -- reset-password USER`)",
    input: z.object({ token: z.string().min(1, "is required").max(200), newPassword }),
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      await ctx.auth.throttle.attempt("reset-password", exchangeOf(call).request.ip);
      await resetPassword(ctx, call.input.token, call.input.newPassword);
      return { ok: true };
    },
  });
}

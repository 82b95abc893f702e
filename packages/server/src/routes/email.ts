// E-mail routes: the one-click unsubscribe link of every notification mail (RFC 8058: a POST
// from the mail client, or the page a person opens from the link), the person's e-mail setting,
// and "forgot my password", which mails the single-use reset link.
import { invalid } from "@tack/shared/errors";
import { z } from "zod";
import { createPasswordReset } from "../accounts/passwords.ts";
import type { Mailer } from "../email/mailer.ts";
import { EMAIL_MODES, type EmailMode } from "../store/notify-store.ts";
import { type Api, exchangeOf } from "./api.ts";

const FORGOT_ANSWER = {
  ok: true,
  message: "If an account has this e-mail address, a link to set a new password is on its way.",
};

const tokenOf = (params: { readonly token: string }): string => {
  const token = params.token;
  if (typeof token !== "string" || !/^[0-9a-f]{48}$/.test(token))
    throw invalid("token", "this unsubscribe link is incomplete: open the whole link from the e-mail");
  return token;
};

export function emailRoutes(api: Api, mailer: Mailer | null): void {
  const { ctx } = api;
  const notify = ctx.store.notify;

  api.define({
    method: "GET",
    path: "/1/members/me/notificationEmail",
    summary: "How your notifications are e-mailed",
    access: { who: "member" },
    handler: async ({ me }) => {
      const [target] = await notify.emailTargets([me.memberId]);
      return { mode: target?.mode ?? "each", enabled: mailer !== null };
    },
  });

  api.define({
    method: "PUT",
    path: "/1/members/me/notificationEmail",
    summary: "E-mail each notification, a periodic summary, or never",
    input: z.object({ mode: z.enum(EMAIL_MODES as [EmailMode, ...EmailMode[]]) }),
    access: { who: "member" },
    handler: async ({ me, input }) => {
      await notify.setEmailMode(me.memberId, input.mode);
      return { mode: input.mode, enabled: mailer !== null };
    },
  });

  // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link. The token
  // alone says who: no session is needed, and it can do nothing but turn the e-mails off. It answers
  // plain text, so it needs the HTTP reply.
  api.define({
    method: "POST",
    path: "/email/unsubscribe/:token",
    summary: "Stop notification e-mails (the one-click link in every mail)",
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const done = await notify.unsubscribe(tokenOf(call.params));
      if (!done)
        throw invalid("token", "this unsubscribe link is not valid (anymore): change the setting in Tack");
      void exchangeOf(call).reply.type("text/plain; charset=utf-8");
      return "You will get no more notification e-mails from Tack.";
    },
  });

  // Opening the link in a browser shows a button rather than unsubscribing on GET: link scanners
  // in mail systems fetch every link, and must not turn the e-mails off.
  api.define({
    method: "GET",
    path: "/email/unsubscribe/:token",
    summary: "The unsubscribe page of the link in every mail",
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const token = tokenOf(call.params);
      void exchangeOf(call).reply.type("text/html; charset=utf-8");
      return `<!doctype html><meta charset="utf-8"><title>Unsubscribe from Tack e-mails</title>
<form method="post" action="/email/unsubscribe/${token}"><p>Stop all notification e-mails from Tack?</p>
<button type="submit">Unsubscribe</button></form>`;
    },
  });

  // Throttled per client address like login, so it needs the HTTP request.
  api.define({
    method: "POST",
    path: "/auth/forgot-password",
    summary: "E-mail a link to set a new password (the same answer whether or not the account exists)",
    input: z.object({ email: z.string().trim().min(3, "is required").max(320) }),
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const { input } = call;
      const request = exchangeOf(call).request;
      await ctx.auth.throttle.attempt("forgot-password", request.ip);
      if (!mailer) return FORGOT_ANSWER;
      // The mail goes out after the answer, so how long the answer takes says nothing either.
      void (async () => {
        const found = await ctx.store.credentialsOf(input.email);
        if (!found || found.member.username.toLowerCase() === input.email.toLowerCase()) return;
        const [target] = await notify.emailTargets([found.member.id]);
        if (!target) return;
        const reset = await createPasswordReset(ctx.store, ctx.config, found.member.id);
        const hours = Math.round(ctx.config.passwordResetMs / 3_600_000);
        await mailer.send({
          to: target.email,
          subject: "Set a new password for Tack",
          text: [
            `Someone (hopefully you) asked to set a new password for @${found.member.username} on Tack.`,
            "",
            `Set it here (the link works once, for ${hours} hours): ${reset.url}`,
            "",
            "If it was not you, ignore this e-mail: your password stays as it is.",
          ].join("\n"),
        });
      })().catch((error: unknown) =>
        ctx.log.error({ err: error }, "forgot-password: the e-mail was not sent"),
      );
      return FORGOT_ANSWER;
    },
  });
}

// Resolves the actor of every request (onRequest hook) and enforces CSRF and Origin checks on
// cookie-authenticated writes.

import type {} from "@fastify/cookie";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../context.ts";
import { type Actor, ANONYMOUS } from "./actor.ts";
import { configuredOrigins, originAllowed } from "./origin.ts";
import { safeEqual, sha256 } from "./secrets.ts";

export const SESSION_COOKIE = "tack_session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Routes a browser may call before it has a session (and so before it has a CSRF token). */
// Routes that need no session (the unsubscribe link carries its own secret), so no CSRF token.
const CSRF_EXEMPT = new Set(["/auth/login", "/auth/signup", "/auth/reset-password", "/auth/forgot-password"]);
/** Path prefixes exempt in the same way. */
const CSRF_EXEMPT_PREFIXES = ["/email/unsubscribe/"];
const csrfExempt = (path: string): boolean =>
  CSRF_EXEMPT.has(path) || CSRF_EXEMPT_PREFIXES.some((prefix) => path.startsWith(prefix));

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
  }
}

const OAUTH_TOKEN = /oauth_token="?([^",\s]+)"?/i;

/** The API token of a request, from the OAuth header or the `token` query parameter. */
export function apiTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith("oauth ")) return OAUTH_TOKEN.exec(header)?.[1] ?? null;
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.token;
  return typeof token === "string" && token !== "" ? token : null;
}

export async function resolveActor(ctx: AppContext, request: FastifyRequest): Promise<Actor> {
  const token = apiTokenOf(request);
  if (token !== null) {
    const hash = sha256(token);
    let record = ctx.credentials.token(hash) ?? null;
    if (!record) {
      record = await ctx.store.tokenByHash(hash);
      if (record) ctx.credentials.rememberToken(hash, record);
    }
    if (!record)
      throw new TackError(
        ErrorCode.unauthenticated,
        "invalid token: create one with POST /1/members/me/tokens",
      );
    if (record.expiresAt !== null && record.expiresAt <= Date.now())
      throw new TackError(
        ErrorCode.unauthenticated,
        "This token has expired: create a new one with POST /1/members/me/tokens",
      );
    return { kind: "member", memberId: record.memberId, via: "token", tokenId: record.id };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return ANONYMOUS;
  const hash = sha256(cookie);
  let session = ctx.credentials.session(hash) ?? null;
  if (!session) {
    session = await ctx.store.sessionByHash(hash);
    if (session) ctx.credentials.rememberSession(hash, session);
  }
  if (!session || session.expiresAt < Date.now()) return ANONYMOUS;
  return {
    kind: "member",
    memberId: session.memberId,
    via: "session",
    sessionHash: session.idHash,
    csrfToken: session.csrfToken,
  };
}

export function installAuthentication(app: FastifyInstance, ctx: AppContext): void {
  const origins = configuredOrigins(ctx);
  app.decorateRequest("actor", null as unknown as never);
  app.addHook("onRequest", (request, _reply, done) => {
    request.actor = ANONYMOUS;
    done();
  });
  app.addHook("preHandler", async (request) => {
    request.actor = await resolveActor(ctx, request);
    ctx.auth.uses.record(request.actor, request);
    if (!UNSAFE_METHODS.has(request.method)) return;
    const path = request.url.split("?")[0]!.toLowerCase();
    const bySession = request.actor.kind === "member" && request.actor.via === "session";
    // Browser writes: the Origin, when sent, must be ours (defence in depth beside SameSite cookies);
    // this also stops login CSRF. Token clients may call from anywhere: no ambient credential.
    const origin = request.headers.origin;
    if (
      (bySession || csrfExempt(path)) &&
      origin !== undefined &&
      !originAllowed(ctx, origins, origin, request.headers.host)
    ) {
      throw new TackError(
        ErrorCode.csrf,
        `Origin ${origin} may not write here: open Tack at ${ctx.config.publicUrl}`,
      );
    }
    if (request.actor.kind === "member" && request.actor.via === "session" && !csrfExempt(path)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !safeEqual(sent, request.actor.csrfToken)) {
        throw new TackError(
          ErrorCode.csrf,
          "Missing or wrong X-CSRF-Token header: read it from GET /auth/session",
        );
      }
    }
  });
}

// Browser sessions: start one, list a member's, end one or all. Each session has a public id (a
// hash of its stored hash) for the account page, so the list never carries anything that would
// work as a cookie.
import { newSecret } from "@tack/shared/ids";
import type { FastifyRequest } from "fastify";
import { useOf } from "../auth/credential-use.ts";
import { sha256 } from "../auth/secrets.ts";
import type { AppContext } from "../context.ts";
import type { SessionRecord } from "../store/store.ts";

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: number;
}

export function sessionPublicId(idHash: string): string {
  return sha256(`session:${idHash}`).slice(0, 24);
}

export async function startSession(
  ctx: AppContext,
  memberId: string,
  request: FastifyRequest,
): Promise<NewSession> {
  const use = useOf(request);
  const session: NewSession = {
    secret: newSecret(),
    csrfToken: newSecret(),
    expiresAt: use.at + ctx.config.sessionDays * 86_400_000,
  };
  await ctx.store.insertSession({
    idHash: sha256(session.secret),
    memberId,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    createdAt: use.at,
    lastUsed: use,
  });
  return session;
}

export async function liveSessionsOf(ctx: AppContext, memberId: string): Promise<SessionRecord[]> {
  const now = Date.now();
  return (await ctx.store.sessionsOf(memberId)).filter((s) => s.expiresAt > now);
}

/** Ends one session of the member by its public id; false when they have no such session. */
export async function endSessionById(ctx: AppContext, memberId: string, publicId: string): Promise<boolean> {
  const found = (await ctx.store.sessionsOf(memberId)).find((s) => sessionPublicId(s.idHash) === publicId);
  if (!found) return false;
  await ctx.store.deleteSession(found.idHash);
  await ctx.sessions.end({ sessionHash: found.idHash });
  return true;
}

/** Ends every session of the member but `keepIdHash`; answers once every process dropped them. */
export async function endSessionsOf(
  ctx: AppContext,
  memberId: string,
  keepIdHash: string | null,
): Promise<number> {
  const ended = await ctx.store.deleteSessionsOf(memberId, keepIdHash);
  await ctx.sessions.end(...ended.map((sessionHash) => ({ sessionHash })));
  return ended.length;
}

// Accounts: sign up, log in, sessions and personal API tokens.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newSecret } from "@tack/shared/ids";
import { initialsOf, type Member } from "@tack/shared/models";
import type { SignupInput } from "@tack/shared/schemas";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../auth/passwords.ts";
import { sha256 } from "../auth/secrets.ts";
import type { AppContext } from "../context.ts";

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: number;
}

export async function signup(ctx: AppContext, input: SignupInput): Promise<Member> {
  if (await ctx.store.memberByUsername(input.username)) {
    throw new TackError(ErrorCode.conflict, "That username is already taken: pick another", "username");
  }
  const fullName = input.fullName || input.username;
  const member: Member = {
    id: newId(),
    username: input.username,
    fullName,
    initials: initialsOf(fullName, input.username),
    avatarUrl: null,
  };
  await ctx.store.insertMember({
    member,
    email: input.email.toLowerCase(),
    passwordHash: await hashPassword(input.password),
  });
  return member;
}

export async function login(ctx: AppContext, usernameOrEmail: string, password: string): Promise<Member> {
  const found = await ctx.store.credentialsOf(usernameOrEmail.trim());
  // Verify against a dummy hash when there is no account, so timing does not reveal usernames.
  const ok = await verifyPassword(found?.passwordHash ?? DUMMY_HASH, password);
  if (!found || !ok) throw new TackError(ErrorCode.invalidCredentials, "Wrong username or password");
  return found.member;
}

export async function startSession(ctx: AppContext, memberId: string): Promise<NewSession> {
  const session: NewSession = {
    secret: newSecret(),
    csrfToken: newSecret(),
    expiresAt: Date.now() + ctx.config.sessionDays * 86_400_000,
  };
  await ctx.store.insertSession({
    idHash: sha256(session.secret),
    memberId,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  });
  return session;
}

export async function createToken(
  ctx: AppContext,
  memberId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = newSecret();
  const id = newId();
  await ctx.store.insertToken({
    id,
    tokenHash: sha256(token),
    memberId,
    name,
    createdAt: new Date().toISOString(),
  });
  return { id, token };
}

// Accounts: sign up and personal API tokens.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newSecret } from "@tack/shared/ids";
import { initialsOf, type Member } from "@tack/shared/models";
import type { SignupInput } from "@tack/shared/schemas";
import { hashPassword } from "../auth/passwords.ts";
import { sha256 } from "../auth/secrets.ts";
import type { AppContext } from "../context.ts";

/** Stands in for an e-mail address another account already has (RFC 2606 reserves `.invalid`). */
function unconfirmedEmail(memberId: string): string {
  return `${memberId}@unconfirmed.invalid`;
}

/**
 * Usernames are public (as on Trello), so a taken one is said plainly. E-mail addresses are not:
 * signing up with an address another account has succeeds like any signup, and the new account is
 * created without an e-mail address (it logs in by username), so the answer tells a stranger
 * nothing about who uses which address. Only the owner of an address can ever log in with it.
 */
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
  const email = input.email.toLowerCase();
  // Hash first: both branches then take the same time.
  const passwordHash = await hashPassword(input.password);
  const emailTaken = (await ctx.store.credentialsOf(email)) !== null;
  await ctx.store.insertMember({
    member,
    email: emailTaken ? unconfirmedEmail(member.id) : email,
    passwordHash,
  });
  return member;
}

export async function createToken(
  ctx: AppContext,
  memberId: string,
  name: string,
  expiresAt: number | null,
): Promise<{ id: string; token: string }> {
  const token = newSecret();
  const id = newId();
  await ctx.store.insertToken({
    id,
    tokenHash: sha256(token),
    memberId,
    name,
    createdAt: new Date().toISOString(),
    expiresAt,
    lastUsed: null,
  });
  return { id, token };
}

// Changing a password, and resetting a forgotten one with a single-use reset token. The operator
// command makes the token today (`npm run tack -- reset-password USER` prints a link); a "forgot my
// password" e-mail can later send the very same link. Either way the token is stored hashed, works
// once, expires, and only the newest one per account works.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newSecret } from "@tack/shared/ids";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { sha256 } from "../auth/secrets.ts";
import type { Config } from "../config.ts";
import type { AppContext } from "../context.ts";
import type { Store } from "../store/store.ts";
import { endSessionsOf } from "./sessions.ts";

/** Sets a new password after checking the current one; ends every other session. */
export async function changePassword(
  ctx: AppContext,
  memberId: string,
  currentSessionHash: string,
  currentPassword: string,
  newPassword: string,
): Promise<number> {
  const stored = await ctx.store.passwordHashOf(memberId);
  // A stolen session must not become a way to guess the password, so failures are counted; per
  // session (like a known device), so a stranger spending the account's budget from outside
  // cannot stop the owner from changing it.
  const budget = { kind: "device", deviceHash: `session:${currentSessionHash}` } as const;
  await ctx.auth.throttle.ensureBudget(budget);
  if (!stored || !(await verifyPassword(stored, currentPassword))) {
    await ctx.auth.throttle.failed(budget);
    throw new TackError(ErrorCode.invalidCredentials, "Your current password is wrong", "currentPassword");
  }
  await ctx.store.setPasswordHash(memberId, await hashPassword(newPassword));
  return endSessionsOf(ctx, memberId, currentSessionHash);
}

export interface PasswordReset {
  token: string;
  url: string;
  expiresAt: number;
}

/** Makes a reset token for the member (any older one stops working). */
export async function createPasswordReset(
  store: Store,
  config: Config,
  memberId: string,
): Promise<PasswordReset> {
  const token = newSecret();
  const expiresAt = Date.now() + config.passwordResetMs;
  await store.insertPasswordReset({ idHash: sha256(token), memberId, expiresAt });
  // The token rides in the fragment, so it never reaches a server log or a Referer header.
  return { token, url: `${config.publicUrl}/reset-password#token=${token}`, expiresAt };
}

/** Spends a reset token: sets the new password and ends every session of the account. */
export async function resetPassword(ctx: AppContext, token: string, newPassword: string): Promise<void> {
  const reset = await ctx.store.takePasswordReset(sha256(token));
  if (!reset || reset.expiresAt <= Date.now())
    throw new TackError(
      ErrorCode.invalidInput,
      "This reset link is invalid, used or expired: ask an operator for a new one",
      "token",
    );
  await ctx.store.setPasswordHash(reset.memberId, await hashPassword(newPassword));
  await endSessionsOf(ctx, reset.memberId, null);
}

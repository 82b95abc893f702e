// Logging in with a password, throttled per address and per account (auth/login-throttle.ts).
// A browser that logs in successfully gets a device cookie: its later failures count against its
// own budget instead of the account's shared one, so a stranger guessing cannot lock it out.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newSecret } from "@tack/shared/ids";
import type { Member } from "@tack/shared/models";
import type { LoginBudget } from "../auth/login-throttle.ts";
import { DUMMY_HASH, verifyPassword } from "../auth/passwords.ts";
import { sha256 } from "../auth/secrets.ts";
import type { AppContext } from "../context.ts";

export const DEVICE_COOKIE = "tack_device";

export interface LoginAttempt {
  usernameOrEmail: string;
  password: string;
  address: string;
  /** The request's device cookie, if any. */
  device: string | undefined;
}

export interface LoggedIn {
  member: Member;
  /** A new device cookie to set, when this browser had none for the account. */
  newDevice: string | null;
}

export async function login(ctx: AppContext, attempt: LoginAttempt): Promise<LoggedIn> {
  const { throttle } = ctx.auth;
  await throttle.attempt("login", attempt.address);
  const identifier = attempt.usernameOrEmail.trim();
  const found = await ctx.store.credentialsOf(identifier);
  const deviceHash = attempt.device ? sha256(attempt.device) : null;
  const knownDevice =
    found !== null &&
    deviceHash !== null &&
    (await ctx.store.loginDeviceOwner(deviceHash)) === found.member.id;
  const budget: LoginBudget =
    knownDevice && deviceHash
      ? { kind: "device", deviceHash }
      : { kind: "account", account: found ? found.member.id : `unknown:${identifier.toLowerCase()}` };
  await throttle.ensureBudget(budget);
  // Verify against a dummy hash when there is no account, so timing does not reveal usernames.
  const ok = await verifyPassword(found?.passwordHash ?? DUMMY_HASH, attempt.password);
  if (!found || !ok) {
    await throttle.failed(budget);
    throw new TackError(ErrorCode.invalidCredentials, "Wrong username or password");
  }
  await throttle.succeeded(budget);
  if (knownDevice) return { member: found.member, newDevice: null };
  return { member: found.member, newDevice: await rememberDevice(ctx, found.member.id) };
}

/** A new device cookie value for a browser that just proved it knows the account's password. */
export async function rememberDevice(ctx: AppContext, memberId: string): Promise<string> {
  const device = newSecret();
  await ctx.store.insertLoginDevice(sha256(device), memberId, Date.now());
  return device;
}

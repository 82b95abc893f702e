// Slows password guessing in two ways (OWASP's "device cookies"):
// - per client address: a fixed number of login/signup/reset attempts per minute;
// - per account: failed logins from browsers the account does not know share one small budget per
//   lockout window. A browser that logged in to the account before carries a device cookie and has
//   its own budget, so a stranger who burns the shared budget does not lock the owner out of the
//   browsers they already use.
// An unknown username gets a budget of its own too, so the answers do not tell which accounts exist.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { AttemptCounter } from "./attempt-counter.ts";

const MINUTE = 60_000;

export interface LoginThrottleOptions {
  perAddressPerMinute: number;
  accountFailures: number;
  deviceFailures: number;
  lockoutMs: number;
}

/** Whose failures an attempt counts against. */
export type LoginBudget = { kind: "device"; deviceHash: string } | { kind: "account"; account: string };

export class LoginThrottle {
  private readonly counter: AttemptCounter;
  private readonly options: LoginThrottleOptions;

  constructor(counter: AttemptCounter, options: LoginThrottleOptions) {
    this.counter = counter;
    this.options = options;
  }

  /** Counts one attempt at an account route from this address; refuses past the limit. */
  async attempt(route: string, address: string): Promise<void> {
    const count = await this.counter.hit(`address:${route}:${address}`, MINUTE);
    if (count > this.options.perAddressPerMinute)
      throw new TackError(
        ErrorCode.rateLimited,
        "Too many attempts from your address: wait a minute and try again",
      );
  }

  /** Refuses before checking the password when this budget is spent. */
  async ensureBudget(budget: LoginBudget): Promise<void> {
    if ((await this.counter.count(keyOf(budget))) < this.limitOf(budget)) return;
    const minutes = Math.ceil(this.options.lockoutMs / MINUTE);
    throw new TackError(
      ErrorCode.rateLimited,
      budget.kind === "device"
        ? `Too many failed logins from this browser: wait ${minutes} minutes and try again`
        : `Too many failed logins to this account from new browsers: wait ${minutes} minutes, log in from a browser you used before, or ask an operator to reset your password`,
    );
  }

  async failed(budget: LoginBudget): Promise<void> {
    await this.counter.hit(keyOf(budget), this.options.lockoutMs);
  }

  /** A known browser that got the password right starts afresh; the shared account budget does
   * not (an attacker's failures keep counting until their window ends). */
  async succeeded(budget: LoginBudget): Promise<void> {
    if (budget.kind === "device") await this.counter.reset(keyOf(budget));
  }

  private limitOf(budget: LoginBudget): number {
    return budget.kind === "device" ? this.options.deviceFailures : this.options.accountFailures;
  }
}

function keyOf(budget: LoginBudget): string {
  return budget.kind === "device" ? `device:${budget.deviceHash}` : `account:${budget.account}`;
}

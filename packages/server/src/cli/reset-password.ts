// `tack reset-password USER`: prints a single-use link that lets USER set a new password (for an
// operator to pass on). Nothing changes until the link is used: then the password is set and every
// session of the account ends. The same link format is what a "forgot my password" e-mail will send.

import { createPasswordReset } from "../accounts/passwords.ts";
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open-store.ts";
import { UsageError } from "./usage-error.ts";

export async function resetPasswordCommand(args: string[]): Promise<void> {
  const [username, extra] = args;
  if (!username || extra !== undefined || username.startsWith("-"))
    throw new UsageError("give exactly one username: tack reset-password USER");
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const member = await store.memberByUsername(username.replace(/^@/, "").toLowerCase());
    if (!member) throw new UsageError(`no Tack account "${username}"`);
    const reset = await createPasswordReset(store, config, member.id);
    const hours = Math.round(config.passwordResetMs / 3_600_000);
    console.log(`Password reset link for @${member.username} (works once, for ${hours} hours):`);
    console.log(reset.url);
  } finally {
    await store.close();
  }
}

// Signing up through an invitation link: the link is checked before the account is written (a bad
// link is a 404 and no account), then the new account joins the board or workspace with the
// invited role.
import { TackError } from "@tack/shared/errors";
import type { MemberActor } from "../auth/actor.ts";
import { sha256 } from "../auth/secrets.ts";
import type { AppContext } from "../context.ts";
import { type InvitedInto, joinThroughInvitation, previewInvitation } from "../sharing/use-invitation.ts";
import type { NewSession } from "./sessions.ts";

/** Throws the invitation's 404 when the link no longer works; run it before creating the account. */
export async function checkInvitation(ctx: AppContext, token: string): Promise<void> {
  await previewInvitation(ctx, token);
}

/**
 * Joins the new account to the invitation's board or workspace. The account exists by now, so a
 * link used up in the meantime (by another signup racing this one) answers null, not an error: the
 * person is signed up and lands on their home page instead.
 */
export async function joinOnSignup(
  ctx: AppContext,
  memberId: string,
  session: NewSession,
  token: string,
): Promise<InvitedInto | null> {
  const actor: MemberActor = {
    kind: "member",
    memberId,
    via: "session",
    sessionHash: sha256(session.secret),
    csrfToken: session.csrfToken,
  };
  try {
    return await joinThroughInvitation(ctx, actor, token);
  } catch (error) {
    if (error instanceof TackError) return null;
    throw error;
  }
}

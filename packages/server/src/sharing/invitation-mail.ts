// E-mailing an invitation's sign-up link to the invited address, through the outbox (decision 0024)
// so a crash between the answer and the send loses nothing. Invitations are rows beside the board
// or workspace, not board commands: the entry is written in the same transaction as the invitation
// row (InvitationStore.insertInvitation), so neither is ever there without the other.
//
// Only the token's hash is kept with the invitation, so the entry carries the token itself until
// it is delivered. That is bounded: the token works once and expires with the invitation, and the
// handler sends only while the invitation is still live under that very token (a revoked or
// replaced invitation mails nothing). The mail names the board or workspace and the inviter,
// nothing else of it: the recipient may not read it yet.
import { sha256 } from "../auth/secrets.ts";
import { EMAIL_INVITATION_LIFETIME_MS, invitationUrl, isLive } from "../commands/boards/invitation-rules.ts";
import type { AppContext } from "../context.ts";
import type { Mailer } from "../email/mailer.ts";
import { eachOnItsOwn, type OutboxHandler } from "../outbox/outbox-worker.ts";
import type { InvitationRecord, OutboxDraft } from "../store/store.ts";

export const INVITATION_MAIL_TOPIC = "invitation-mail";

/** The outbox entry that mails a just-made e-mail invitation; none for a join link or when e-mail is off. */
export function invitationMailDraft(
  ctx: AppContext,
  invitation: InvitationRecord,
  token: string,
): OutboxDraft | undefined {
  if (!ctx.config.email || invitation.kind !== "email" || !invitation.email) return undefined;
  return { topic: INVITATION_MAIL_TOPIC, payload: { invitation: invitation.id, token } };
}

/** What the invitation leads into, as the mail names it; null once it is gone. */
async function targetOf(
  ctx: AppContext,
  invitation: InvitationRecord,
): Promise<{ noun: "board" | "workspace"; name: string } | null> {
  if (invitation.target.kind === "board") {
    const found = await ctx.store.boardById(invitation.target.id);
    return found ? { noun: "board", name: found.board.name } : null;
  }
  const organization = await ctx.store.organizationById(invitation.target.id);
  return organization ? { noun: "workspace", name: organization.displayName } : null;
}

/** The outbox handler: sends once per invitation, while it is still live under its token. */
export function invitationMailHandler(ctx: AppContext, mailer: Mailer | null): OutboxHandler {
  const { store } = ctx;
  const days = Math.round(EMAIL_INVITATION_LIFETIME_MS / 86_400_000);
  return eachOnItsOwn(async (entry) => {
    const { invitation: invitationId, token } = entry.payload;
    if (!mailer || typeof invitationId !== "string" || typeof token !== "string") return;
    const invitation = await store.invitationByHash(sha256(token));
    if (!invitation || invitation.id !== invitationId || !isLive(invitation) || !invitation.email) return;
    const key = `invite:${invitation.id}`;
    if (await store.notify.wasEmailed(key)) return;
    const [what, inviter] = await Promise.all([
      targetOf(ctx, invitation),
      store.memberById(invitation.invitedBy),
    ]);
    if (!what) return;
    const who = inviter ? `${inviter.fullName || inviter.username} (@${inviter.username})` : "Someone";
    await mailer.send({
      to: invitation.email,
      subject: `${inviter?.fullName || inviter?.username || "Someone"} invited you to the ${what.noun} ${what.name} on Tack`,
      text: [
        `${who} invited you to the ${what.noun} "${what.name}" on Tack.`,
        "",
        `Join it here (the link works once, for ${days} days): ${invitationUrl(ctx, token)}`,
        "",
        "If you do not know them, ignore this e-mail: nothing happens unless you open the link.",
      ].join("\n"),
    });
    await store.notify.recordEmailed(key, invitation.invitedBy);
  });
}

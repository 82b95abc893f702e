// E-mailing an invitation's sign-up link to the invited address, through the outbox (decision 0024)
// so a crash between the answer and the send loses nothing. Invitations are rows beside the board,
// not board commands, so the entry is written in a board transaction of its own right AFTER the
// invitation row committed: the worker can never see an entry whose invitation is not there yet,
// and a crash between the two fails the request (the inviter sees an error and invites again).
//
// Only the token's hash is kept with the invitation, so the entry carries the token itself until
// it is delivered. That is bounded: the token works once and expires with the invitation, and the
// handler sends only while the invitation is still live under that very token (a revoked or
// replaced invitation mails nothing). The mail names the board and the inviter, nothing else of the
// board: the recipient may not read it yet.
import { sha256 } from "../auth/secrets.ts";
import { EMAIL_INVITATION_LIFETIME_MS, invitationUrl, isLive } from "../commands/boards/invitation-rules.ts";
import type { AppContext } from "../context.ts";
import type { Mailer } from "../email/mailer.ts";
import type { OutboxHandler } from "../outbox/outbox-worker.ts";
import type { InvitationRecord } from "../store/store.ts";

export const INVITATION_MAIL_TOPIC = "invitation-mail";

/** Queues the mail of a just-created e-mail invitation; nothing when e-mail is off. */
export async function enqueueInvitationMail(
  ctx: AppContext,
  invitation: InvitationRecord,
  token: string,
): Promise<void> {
  if (!ctx.config.email || invitation.kind !== "email" || !invitation.email) return;
  await ctx.store.transact(invitation.boardId, (tx) =>
    tx.enqueue({ topic: INVITATION_MAIL_TOPIC, payload: { invitation: invitation.id, token } }),
  );
}

/** The outbox handler: sends once per invitation, while it is still live under its token. */
export function invitationMailHandler(ctx: AppContext, mailer: Mailer | null): OutboxHandler {
  const { store } = ctx;
  const days = Math.round(EMAIL_INVITATION_LIFETIME_MS / 86_400_000);
  return async (entry) => {
    const { invitation: invitationId, token } = entry.payload;
    if (!mailer || typeof invitationId !== "string" || typeof token !== "string") return;
    const invitation = await store.invitationByHash(sha256(token));
    if (!invitation || invitation.id !== invitationId || !isLive(invitation) || !invitation.email) return;
    const key = `invite:${invitation.id}`;
    if (await store.notify.wasEmailed(key)) return;
    const [found, inviter] = await Promise.all([
      store.boardById(invitation.boardId),
      store.memberById(invitation.invitedBy),
    ]);
    if (!found) return;
    const who = inviter ? `${inviter.fullName || inviter.username} (@${inviter.username})` : "Someone";
    await mailer.send({
      to: invitation.email,
      subject: `${inviter?.fullName || inviter?.username || "Someone"} invited you to the board ${found.board.name} on Tack`,
      text: [
        `${who} invited you to the board "${found.board.name}" on Tack.`,
        "",
        `Join it here (the link works once, for ${days} days): ${invitationUrl(ctx, token)}`,
        "",
        "If you do not know them, ignore this e-mail: nothing happens unless you open the link.",
      ].join("\n"),
    });
    await store.notify.recordEmailed(key, invitation.invitedBy);
  };
}

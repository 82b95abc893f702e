// The text of a notification e-mail: who did what on which card of which board, a deep link to it,
// and a one-click unsubscribe link (RFC 8058: `List-Unsubscribe` + `List-Unsubscribe-Post`, so a
// mail client's "unsubscribe" button works without opening a page). The recipient is a member of
// the board when it is sent (notifications/recipients.ts), so nothing here is beyond what they may read.
import type { Notification } from "@tack/shared/notifications";
import type { MailMessage } from "./mailer.ts";

const PHRASES: Record<Notification["type"], string> = {
  addedToBoard: "added you to the board",
  addedToCard: "added you to the card",
  mentionedOnCard: "mentioned you on the card",
  commentCard: "commented on the card",
  changeCard: "changed the card",
  addAttachmentToCard: "attached a file to the card",
  cardDueSoon: "reminds you the card is due soon:",
  cardOverdue: "reminds you the card is overdue:",
};

export function unsubscribeUrl(publicUrl: string, token: string): string {
  // In the path, not the query: `?token=` is how API clients pass their API token.
  return `${publicUrl}/email/unsubscribe/${encodeURIComponent(token)}`;
}

export function deepLink(publicUrl: string, notification: Notification): string {
  const { card, board } = notification.data;
  return card ? `${publicUrl}/c/${card.shortLink}` : `${publicUrl}/b/${board.shortLink}`;
}

export function notificationMail(
  notification: Notification,
  to: string,
  publicUrl: string,
  unsubscribeToken: string,
): MailMessage {
  const who = notification.memberCreator?.fullName || notification.memberCreator?.username || "Tack";
  const { card, board } = notification.data;
  const where = card ? `"${card.name}" on the board "${board.name}"` : `"${board.name}"`;
  const unsubscribe = unsubscribeUrl(publicUrl, unsubscribeToken);
  const lines = [
    `${who} ${PHRASES[notification.type]} ${where}.`,
    ...(notification.data.text ? ["", quote(notification.data.text)] : []),
    "",
    `Open it: ${deepLink(publicUrl, notification)}`,
    "",
    "--",
    "You get this because you are on this card or board, watch it, or were mentioned.",
    `Stop these e-mails: ${unsubscribe}`,
  ];
  return {
    to,
    subject: card
      ? `${who} ${PHRASES[notification.type]} ${card.name}`
      : `${who} ${PHRASES[notification.type]} ${board.name}`,
    text: lines.join("\n"),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/** A summary of several unread notifications (the periodic e-mail). */
export function digestMail(
  notifications: readonly Notification[],
  to: string,
  publicUrl: string,
  unsubscribeToken: string,
): MailMessage {
  const unsubscribe = unsubscribeUrl(publicUrl, unsubscribeToken);
  const lines = notifications.map((n) => {
    const who = n.memberCreator?.fullName || n.memberCreator?.username || "Tack";
    const what = n.data.card ? `${n.data.card.name} (${n.data.board.name})` : n.data.board.name;
    return `- ${who} ${PHRASES[n.type]} ${what}: ${deepLink(publicUrl, n)}`;
  });
  return {
    to,
    subject: `${notifications.length} unread notification${notifications.length === 1 ? "" : "s"} on Tack`,
    text: [...lines, "", "--", `Stop these e-mails: ${unsubscribe}`].join("\n"),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

const quote = (text: string): string =>
  text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");

// Notifications as Trello's API shows them (`GET /1/members/me/notifications`), and the @mention
// syntax shared by the server (who to notify) and the web client (rendering a mention as a link).

/** The notification types Tack produces (Trello's names). */
export const NotificationType = {
  addedToBoard: "addedToBoard",
  addedToCard: "addedToCard",
  mentionedOnCard: "mentionedOnCard",
  commentCard: "commentCard",
  changeCard: "changeCard",
  addAttachmentToCard: "addAttachmentToCard",
  cardDueSoon: "cardDueSoon",
  cardOverdue: "cardOverdue",
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];

export interface NotificationRef {
  id: string;
  name: string;
  shortLink: string;
}

export interface Notification {
  id: string;
  type: NotificationType;
  date: string;
  unread: boolean;
  idMemberCreator: string | null;
  /** Who caused it, as Trello shows it beside the notification. */
  memberCreator: { id: string; username: string; fullName: string } | null;
  /** What it is about: the board, the card (when it is about one), and a comment's text. */
  data: { board: NotificationRef; card?: NotificationRef & { idShort?: number }; text?: string };
}

/** Usernames are 3–100 lowercase letters, digits and underscores (Trello's rule). */
const MENTION = /(^|[^\w@])@([a-z0-9_]{3,100})\b/gi;

/** The distinct usernames a text mentions with `@username`, lowercased, in order of appearance. */
export function mentionsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(MENTION)) {
    const username = match[2]!.toLowerCase();
    if (!found.includes(username)) found.push(username);
  }
  return found;
}

/** A text cut into plain parts and mentions, for rendering mentions as links. */
export function splitMentions(text: string): Array<{ text: string } | { mention: string }> {
  const parts: Array<{ text: string } | { mention: string }> = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const at = match.index + match[1]!.length;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push({ mention: match[2]! });
    last = at + 1 + match[2]!.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

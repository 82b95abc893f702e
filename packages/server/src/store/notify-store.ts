// What notifications, watching and the outbox keep durably (docs/decisions/0024-notify-outbox.md).
// One interface, implemented by both adapters (sqlite/notify.ts, postgres/notify.ts) next to the
// board store, whose transactions write outbox entries (`BoardTx.enqueue`).
import type { Action, Card, Member } from "@tack/shared/models";
import type { Notification, NotificationType } from "@tack/shared/notifications";

/** What a command asks to deliver after its commit: a topic and a JSON payload. */
export interface OutboxDraft {
  /** Who consumes it ("notify"; webhooks later): each topic has one handler. */
  topic: string;
  payload: Record<string, unknown>;
  /**
   * Written only if the install has a webhook when the transaction writes it: a webhook's fan-out
   * is then never queued on an install without webhooks (issue 16). The board transaction and
   * the webhook insert are ordered so that a webhook a write did not see was stamped after that
   * write committed, hence hears of none of its actions anyway (decision 0036).
   */
  onlyWithWebhooks?: boolean;
  /**
   * Written only if someone other than `byOtherThan` watches one of `objectIds` when the
   * transaction writes it (notifications/recipients.ts `whoMayHear`): a card change that only
   * its watchers could hear of queues nothing when no one watches. A watch made as the write
   * commits may miss it, as a watch made just after would.
   */
  onlyIfWatched?: { readonly objectIds: readonly string[]; readonly byOtherThan: string };
}

/** A committed outbox entry, numbered in commit order within its board. */
export interface OutboxEntry {
  id: number;
  boardId: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
  attempts: number;
}

export interface NotificationDraft {
  id: string;
  memberId: string;
  boardId: string;
  cardId: string | null;
  type: NotificationType;
  date: string;
  idMemberCreator: string | null;
  memberCreator: Notification["memberCreator"];
  data: Notification["data"];
  /** One notification per event and recipient: a redelivered event inserts nothing. */
  idempotencyKey: string;
}

export interface NotificationQuery {
  memberId: string;
  readFilter: "all" | "read" | "unread";
  types: readonly string[];
  limit: number;
  /** Skip this many (Trello's `page` × `limit`). */
  offset: number;
  /** Only notifications older than this one (Trello's `before`). */
  before: string | null;
}

export interface BoardPerson {
  memberId: string;
  username: string;
  role: "admin" | "normal" | "observer";
}

export interface NotifyFacts {
  action: Action & { idBoard: string };
  /** The card `data.card` names, as it is now; null when none or deleted since. */
  card: Card | null;
  people: BoardPerson[];
  /** Who watches the card, its list or the board (none without a card). */
  watchers: string[];
  creator: Member | null;
}

/** How a person wants notifications e-mailed: each one, a periodic summary, or never. */
export type EmailMode = "each" | "digest" | "never";
export const EMAIL_MODES: readonly EmailMode[] = ["each", "digest", "never"];

export interface EmailTarget {
  memberId: string;
  email: string;
  mode: EmailMode;
  /** The secret of the one-click unsubscribe link in every mail to this person. */
  unsubscribeToken: string;
}

export type WatchedKind = "board" | "list" | "card";

export interface NotifyStore {
  // Outbox
  /** Oldest undelivered entries first (board order is preserved: ids grow in commit order per board). */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /**
   * Marks entries delivered, in one statement: they are not handed out again, and their payloads
   * are emptied (one may carry a secret, such as the token of an invitation's link, that must not
   * outlive the delivery).
   */
  outboxDone(ids: readonly number[]): Promise<void>;
  /** One entry, delivered or not (null once pruned). */
  outboxEntry(id: number): Promise<(OutboxEntry & { done: boolean; doneAt: string | null }) | null>;
  /** Deletes delivered entries marked done before `before` (ISO time); answers how many. */
  pruneOutbox(before: string): Promise<number>;
  /** Counts a failed delivery attempt; the entry stays pending. */
  outboxFailed(id: number): Promise<void>;
  /**
   * Takes or renews the named lease for `holder` until now + ttlMs; true when `holder` holds it.
   * Whoever holds the lease is the only one delivering.
   */
  takeLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;

  // Notifications
  /** Inserts the drafts whose idempotency key is new; returns those it inserted. */
  insertNotifications(drafts: readonly NotificationDraft[]): Promise<NotificationDraft[]>;
  notificationsOf(query: NotificationQuery): Promise<Notification[]>;
  /** A notification of this member, or null (also for someone else's). */
  notificationOf(memberId: string, id: string): Promise<Notification | null>;
  /** Sets one notification's unread flag; false when the member has no such notification. */
  setUnread(memberId: string, id: string, unread: boolean): Promise<boolean>;
  /** Marks every (or the given) notification of the member read. */
  markAllRead(memberId: string, ids: readonly string[] | null): Promise<void>;
  unreadCount(memberId: string): Promise<number>;
  /** `unreadCount` for many people in one read (a delivery to hundreds of recipients). */
  unreadCounts(memberIds: readonly string[]): Promise<Map<string, number>>;

  /** The board's members now (not placeholders), with their role and username: who may hear of it. */
  boardPeople(boardId: string): Promise<BoardPerson[]>;
  /**
   * What the notifier decides from, for every action of an outbox pass at once (one round trip on
   * PostgreSQL), by action id: the action, its card as it is now, the board's people, who watches
   * the card, its list or the board, and the author. An action hidden or gone has no entry.
   */
  notifyFacts(actionIds: readonly string[]): Promise<Map<string, NotifyFacts>>;

  // E-mail
  /** The addresses, settings and unsubscribe tokens of these accounts (placeholders have none). */
  emailTargets(memberIds: readonly string[]): Promise<EmailTarget[]>;
  setEmailMode(memberId: string, mode: EmailMode): Promise<void>;
  /** Sets the mode of the person this unsubscribe token belongs to to "never"; false when unknown. */
  unsubscribe(token: string): Promise<boolean>;
  /** Whether the mail with this key was already accepted by the SMTP server. */
  wasEmailed(key: string): Promise<boolean>;
  recordEmailed(key: string, memberId: string): Promise<void>;
  /** People who chose a summary and whose last one was sent before `cutoff` (or never). */
  digestsDue(cutoff: string): Promise<Array<EmailTarget & { since: string | null }>>;
  /**
   * Unread notifications newer than `since`, only of boards the person is still on (a summary
   * tells nothing of a board they were removed from).
   */
  unreadForDigest(memberId: string, since: string | null, limit: number): Promise<Notification[]>;
  markDigestSent(memberId: string, at: string): Promise<void>;

  // Due-date reminders
  /** Open, unfinished cards with a due date, on boards that still exist. */
  cardsWithDueDates(): Promise<Array<{ card: Card; boardId: string }>>;
  /** Claims a reminder (card, event): true the first time only, so it fires once across workers. */
  claimReminder(cardId: string, event: string): Promise<boolean>;
  /** Which of these (card, event) reminders already fired. */
  firedReminders(keys: ReadonlyArray<{ cardId: string; event: string }>): Promise<Set<string>>;

  // Watching
  setWatching(
    memberId: string,
    kind: WatchedKind,
    objectId: string,
    boardId: string,
    on: boolean,
  ): Promise<void>;
  /** Which of these objects the member watches. */
  watchedBy(memberId: string, objectIds: readonly string[]): Promise<Set<string>>;
  /** Who watches any of these objects. */
  watchersOf(objectIds: readonly string[]): Promise<string[]>;
}

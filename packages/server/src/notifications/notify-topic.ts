// Which recorded actions may notify someone: for these, the board transaction that records the
// action also writes an outbox entry (commands/mutate.ts), and the notifier reads the action back
// after commit to decide who hears of it (notifications/notifier.ts).

/** The outbox topic of notifications. */
export const NOTIFY_TOPIC = "notify";

export const NOTIFYING_ACTIONS: ReadonlySet<string> = new Set([
  "commentCard",
  "updateCard",
  "addMemberToCard",
  "addMemberToBoard",
  "addAttachmentToCard",
  "createCheckItem",
  "updateCheckItem",
  "createCard",
]);

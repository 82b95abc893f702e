// Which recorded actions may notify someone: for these, the board transaction that records the
// action also writes an outbox entry (commands/mutate.ts), and the notifier reads the action back
// after commit to decide who hears of it (notifications/notifier.ts).

/** The outbox topic of notifications. */
export const NOTIFY_TOPIC = "notify";

/**
 * Facts of the moment of a write that the action's data does not carry, sent with its entry:
 * a new card's members and description as it was created. Delivered later, the card may have
 * gained members or mentions since; those hear of it by their own actions, not twice.
 */
export interface NotifyNotice {
  readonly created?: { readonly idMembers: readonly string[]; readonly desc: string };
}

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

// The outbox handler of the "notify" topic: reads the action back as it stands after commit, every
// action of an outbox pass in one statement (a comment deleted before delivery notifies no one, and
// its text goes nowhere), decides who hears of it (recipients.ts), stores one notification per
// recipient under an idempotency key (a redelivered entry inserts nothing new), then pushes the new
// ones to their people's sockets and hands them to e-mail. Pushing and e-mail happen only for
// notifications this delivery inserted.
import { newId } from "@tack/shared/ids";
import type { Notification } from "@tack/shared/notifications";
import type { OutboxHandler } from "../outbox/outbox-worker.ts";
import type { NotificationDraft, NotifyFacts, OutboxEntry } from "../store/notify-store.ts";
import type { Store } from "../store/store.ts";
import type { NotifyNotice } from "./notify-topic.ts";
import { recipientsOf } from "./recipients.ts";

export interface NotificationSink {
  /** Notifications this delivery stored: tell their people's open sockets. */
  delivered(items: ReadonlyArray<{ memberId: string; notification: Notification }>): Promise<void>;
  /**
   * Every notification of the event, new or stored by an earlier attempt of this entry: e-mail
   * keeps its own record of what was sent, so a retry after a crash mails what was not.
   */
  settled(
    items: ReadonlyArray<{ memberId: string; idempotencyKey: string; notification: Notification }>,
  ): Promise<void>;
}

/** The action an entry of the notify topic is about, when it names one. */
const actionOf = (entry: OutboxEntry): string | null =>
  typeof entry.payload.action === "string" ? entry.payload.action : null;

export function notifyHandler(store: Store, sink: NotificationSink): OutboxHandler {
  return async (entries) => {
    // Every action of the pass read in one statement, before the first is delivered.
    const factsOf = await store.notify.notifyFacts(
      entries.map(actionOf).filter((id): id is string => id !== null),
    );
    return (entry) => deliverNotice(store, sink, entry, factsOf);
  };
}

async function deliverNotice(
  store: Store,
  sink: NotificationSink,
  entry: OutboxEntry,
  factsOf: ReadonlyMap<string, NotifyFacts>,
): Promise<void> {
  const actionId = actionOf(entry);
  if (actionId === null) return;
  const facts = factsOf.get(actionId);
  if (!facts) return; // deleted since (a comment), or its board is gone
  const { action, card, people, watchers, creator } = facts;
  const memberCreator = creator
    ? { id: creator.id, username: creator.username, fullName: creator.fullName }
    : null;
  const notice = (entry.payload.notice ?? undefined) as NotifyNotice | undefined;
  const recipients = recipientsOf({ action, card, people, watchers, ...(notice && { notice }) });
  if (recipients.size === 0) return;
  const board = action.data.board as { id: string; name: string; shortLink: string };
  const data: Notification["data"] = {
    board: { id: board.id, name: board.name, shortLink: board.shortLink },
    ...(card && {
      card: { id: card.id, name: card.name, shortLink: card.shortLink, idShort: card.idShort },
    }),
  };
  const text = action.type === "commentCard" ? action.data.text : undefined;
  const drafts: NotificationDraft[] = [...recipients].map(([memberId, type]) => ({
    id: newId(),
    memberId,
    boardId: action.idBoard,
    cardId: card?.id ?? null,
    type,
    date: action.date,
    idMemberCreator: action.idMemberCreator,
    memberCreator,
    data: typeof text === "string" ? { ...data, text } : data,
    idempotencyKey: `${action.id}:${memberId}`,
  }));
  await storeAndDeliver(store, sink, drafts);
}

/**
 * Stores notifications (those whose idempotency key is new), pushes the new ones, and hands all of
 * them to e-mail, which skips what it already sent.
 */
export async function storeAndDeliver(
  store: Store,
  sink: NotificationSink,
  drafts: readonly NotificationDraft[],
): Promise<void> {
  if (drafts.length === 0) return;
  const inserted = new Set((await store.notify.insertNotifications(drafts)).map((d) => d.id));
  const items = drafts.map((draft) => ({
    memberId: draft.memberId,
    idempotencyKey: draft.idempotencyKey,
    notification: {
      id: draft.id,
      type: draft.type,
      date: draft.date,
      unread: true,
      idMemberCreator: draft.idMemberCreator,
      memberCreator: draft.memberCreator,
      data: draft.data,
    } satisfies Notification,
  }));
  await sink.delivered(items.filter((item) => inserted.has(item.notification.id)));
  await sink.settled(items);
}

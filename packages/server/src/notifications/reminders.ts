// Due-date reminders (Trello's `dueReminder`: -1 or null = none, 0 = at the due time, n = n
// minutes before), and "overdue" once the due time has passed. A scheduler looks every
// `intervalMs` while its process holds the "reminders" lease, so with several workers one looks
// at a time. What it fired is durable: notifications carry an idempotency key per card, due date
// and person, and a fired reminder is recorded after its notifications, so a restart (or another
// worker taking over after kill -9) fires what was missed and nothing twice. Only the card's
// members and watchers who are still on the board are reminded.
import { newId } from "@tack/shared/ids";
import type { Card } from "@tack/shared/models";
import { NotificationType } from "@tack/shared/notifications";
import type { NotificationDraft } from "../store/notify-store.ts";
import type { Store } from "../store/store.ts";
import { type NotificationSink, storeAndDeliver } from "./notifier.ts";

const LEASE_NAME = "reminders";
/** An overdue card is announced only this long after its due time (not years-old due dates). */
const OVERDUE_WINDOW_MS = 24 * 3_600_000;

interface DueEvent {
  event: string;
  type: NotificationType;
}

/** The reminders a card has fired or will fire by `now`, newest rules first. */
export function dueEvents(card: Card, now: number): DueEvent[] {
  if (!card.due || card.dueComplete || card.closed) return [];
  const due = Date.parse(card.due);
  if (Number.isNaN(due)) return [];
  const reminder = card.dueReminder ?? -1;
  const events: DueEvent[] = [];
  if (reminder > 0 && now >= due - reminder * 60_000 && now < due)
    events.push({ event: `soon:${card.due}:${reminder}`, type: NotificationType.cardDueSoon });
  if (reminder === 0 && now >= due && now < due + OVERDUE_WINDOW_MS)
    events.push({ event: `soon:${card.due}:0`, type: NotificationType.cardDueSoon });
  if (reminder > 0 && now >= due && now < due + OVERDUE_WINDOW_MS)
    events.push({ event: `overdue:${card.due}`, type: NotificationType.cardOverdue });
  return events;
}

export class ReminderScheduler {
  private readonly store: Store;
  private readonly sink: NotificationSink;
  private readonly holder: string;
  private readonly intervalMs: number;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    store: Store,
    sink: NotificationSink,
    options: { holder: string; intervalMs: number; onError(error: unknown): void },
  ) {
    this.store = store;
    this.sink = sink;
    this.holder = options.holder;
    this.intervalMs = options.intervalMs;
    this.onError = options.onError;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick().catch(this.onError));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.store.notify.releaseLease(LEASE_NAME, this.holder).catch(() => undefined);
  }

  /** One look at every due date (tests call it with a chosen `now`). */
  async tick(now = Date.now()): Promise<void> {
    const notify = this.store.notify;
    if (!(await notify.takeLease(LEASE_NAME, this.holder, this.intervalMs * 3))) return;
    const candidates = (await notify.cardsWithDueDates()).flatMap(({ card, boardId }) =>
      dueEvents(card, now).map((e) => ({ card, boardId, ...e })),
    );
    const fired = await notify.firedReminders(candidates.map((c) => ({ cardId: c.card.id, event: c.event })));
    for (const due of candidates) {
      if (fired.has(`${due.card.id} ${due.event}`)) continue;
      await this.fire(due.card, due.boardId, due.event, due.type, now);
      await notify.claimReminder(due.card.id, due.event);
    }
  }

  private async fire(card: Card, boardId: string, event: string, type: NotificationType, now: number) {
    const [found, people, watchers] = await Promise.all([
      this.store.boardById(boardId),
      this.store.notify.boardPeople(boardId),
      this.store.notify.watchersOf([card.id]),
    ]);
    if (!found) return;
    const onBoard = new Set(people.map((p) => p.memberId));
    const recipients = [...new Set([...card.idMembers, ...watchers])].filter((id) => onBoard.has(id));
    const board = found.board;
    const drafts: NotificationDraft[] = recipients.map((memberId) => ({
      id: newId(now),
      memberId,
      boardId,
      cardId: card.id,
      type,
      date: new Date(now).toISOString(),
      idMemberCreator: null,
      memberCreator: null,
      data: {
        board: { id: board.id, name: board.name, shortLink: board.shortLink },
        card: { id: card.id, name: card.name, shortLink: card.shortLink, idShort: card.idShort },
      },
      idempotencyKey: `reminder:${card.id}:${event}:${memberId}`,
    }));
    await storeAndDeliver(this.store, this.sink, drafts);
  }
}

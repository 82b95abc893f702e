// E-mails the notifications of one outbox entry to the people who want each one by mail. Each mail
// has a key (the notification's idempotency key): it is recorded once the SMTP server accepted the
// mail, and a redelivered entry skips recorded keys. A mail is sent twice only if the process dies
// between the server's acceptance and that record.
import type { Notification } from "@tack/shared/notifications";
import type { NotifyStore } from "../store/notify-store.ts";
import type { Mailer } from "./mailer.ts";
import { notificationMail } from "./notification-mail.ts";

export interface Mailable {
  memberId: string;
  idempotencyKey: string;
  notification: Notification;
}

export async function mailNotifications(
  store: NotifyStore,
  mailer: Mailer,
  publicUrl: string,
  items: readonly Mailable[],
): Promise<void> {
  if (items.length === 0) return;
  const targets = new Map(
    (await store.emailTargets([...new Set(items.map((i) => i.memberId))])).map((t) => [t.memberId, t]),
  );
  for (const item of items) {
    const target = targets.get(item.memberId);
    if (target?.mode !== "each") continue;
    const key = `mail:${item.idempotencyKey}`;
    if (await store.wasEmailed(key)) continue;
    await mailer.send(notificationMail(item.notification, target.email, publicUrl, target.unsubscribeToken));
    await store.recordEmailed(key, item.memberId);
  }
}

// The notification layer of one process, assembled: the outbox worker (delivering while this
// process holds the lease), the "notify" handler, and pushes to people's sockets here and, through
// Redis, on other processes.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.ts";
import { DigestSender } from "../email/digest.ts";
import { mailNotifications } from "../email/email-notifier.ts";
import { type Mailer, smtpMailer } from "../email/mailer.ts";
import { OutboxWake } from "../outbox/outbox-wake.ts";
import { eachOnItsOwn, OutboxWorker } from "../outbox/outbox-worker.ts";
import type { SocketServer } from "../realtime/socket-server.ts";
import type { Api } from "../routes/api.ts";
import { emailRoutes } from "../routes/email.ts";
import { notificationRoutes } from "../routes/notifications.ts";
import { webhookRoutes } from "../routes/webhooks.ts";
import { INVITATION_MAIL_TOPIC, invitationMailHandler } from "../sharing/invitation-mail.ts";
import { WEBHOOK_TOPIC } from "../webhooks/webhook-topic.ts";
import { startWebhooks, type Webhooks } from "../webhooks/webhooks.ts";
import { MemberPush } from "./member-push.ts";
import { type NotificationSink, notifyHandler } from "./notifier.ts";
import { NOTIFY_TOPIC } from "./notify-topic.ts";
import { ReminderScheduler } from "./reminders.ts";
import { addSubscribedField } from "./subscribed-field.ts";

export interface Notifications {
  readonly outbox: OutboxWorker;
  /** Null when e-mail is off (no TACK_SMTP_URL). */
  readonly mailer: Mailer | null;
  readonly reminders: ReminderScheduler;
  /** Null when e-mail is off. */
  readonly digests: DigestSender | null;
  /** Webhooks: fanned out by the outbox, sent under their own lease (webhooks/webhooks.ts). */
  readonly webhooks: Webhooks;
  routes(api: Api): void;
  close(): Promise<void>;
}

export function startNotifications(
  ctx: AppContext,
  http: FastifyInstance,
  sockets: SocketServer,
): Notifications {
  const { config, store, log } = ctx;
  const push = new MemberPush((memberId, message) => sockets.toMember(memberId, message), {
    redisUrl: config.redisUrl ?? null,
    prefix: config.redisPrefix,
    instanceId: config.instanceId,
  });
  addSubscribedField(http, store);
  const mailer = config.email ? smtpMailer(config.email) : null;
  const sink: NotificationSink = {
    async delivered(items) {
      if (items.length === 0) return;
      const unread = await store.notify.unreadCounts(items.map((i) => i.memberId));
      await push.pushAll(
        items.map(({ memberId, notification }) => ({
          memberId,
          message: { type: "notification", notification, unread: unread.get(memberId) ?? 1 },
        })),
      );
    },
    async settled(items) {
      if (mailer) await mailNotifications(store.notify, mailer, config.publicUrl, items);
    },
  };
  const webhooks = startWebhooks(ctx);
  const handlers = new Map([
    [NOTIFY_TOPIC, notifyHandler(store, sink)],
    [INVITATION_MAIL_TOPIC, invitationMailHandler(ctx, mailer)],
    [WEBHOOK_TOPIC, eachOnItsOwn(webhooks.fanOut)],
  ]);
  const outbox = new OutboxWorker(store.notify, handlers, {
    holder: config.instanceId,
    retentionMs: config.outboxRetentionMs,
    onError: (error, entry) =>
      log.error({ err: error, outboxId: entry?.id, topic: entry?.topic }, "outbox: a delivery failed"),
  });
  // A commit anywhere wakes the lease holder at once (here directly, elsewhere through Redis);
  // the holder's poll remains for a lost wake-up.
  const wake = new OutboxWake(
    () => outbox.kick(),
    { redisUrl: config.redisUrl ?? null, prefix: config.redisPrefix, instanceId: config.instanceId },
    () => outbox.leaseFreed(),
  );
  const stopCommits = ctx.commits.listen((_changes, { outbox }) => {
    if (outbox) wake.committed();
  });
  outbox.start();
  const reminders = new ReminderScheduler(store, sink, {
    holder: config.instanceId,
    intervalMs: config.reminderIntervalMs,
    onError: (error) => log.error({ err: error }, "reminders: a look at due dates failed"),
  });
  reminders.start();
  const digests =
    mailer && config.email
      ? new DigestSender(store.notify, mailer, {
          holder: config.instanceId,
          publicUrl: config.publicUrl,
          intervalMs: config.email.digestIntervalMs,
          onError: (error) => log.error({ err: error }, "e-mail: sending summaries failed"),
        })
      : null;
  digests?.start();
  return {
    outbox,
    mailer,
    reminders,
    digests,
    webhooks,
    routes: (api) => {
      notificationRoutes(api);
      emailRoutes(api, mailer);
      webhookRoutes(api, webhooks);
    },
    async close() {
      stopCommits();
      await outbox.stop();
      await wake.leaseFreed();
      wake.close();
      await webhooks.close();
      await reminders.stop();
      await digests?.stop();
      await push.close();
      mailer?.close();
    },
  };
}

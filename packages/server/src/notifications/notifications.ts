// The notification layer of one process, assembled: the outbox worker (delivering while this
// process holds the lease), the "notify" handler, and pushes to people's sockets here and, through
// Redis, on other processes.
import type { AppContext } from "../context.ts";
import { OutboxWorker } from "../outbox/outbox-worker.ts";
import type { SocketServer } from "../realtime/socket-server.ts";
import type { Api } from "../routes/api.ts";
import { notificationRoutes } from "../routes/notifications.ts";
import { MemberPush } from "./member-push.ts";
import { notifyHandler } from "./notifier.ts";
import { NOTIFY_TOPIC } from "./notify-topic.ts";

export interface Notifications {
  readonly outbox: OutboxWorker;
  routes(api: Api): void;
  close(): Promise<void>;
}

export function startNotifications(ctx: AppContext, sockets: SocketServer): Notifications {
  const { config, store, log } = ctx;
  const push = new MemberPush((memberId, message) => sockets.toMember(memberId, message), {
    redisUrl: config.redisUrl ?? null,
    prefix: config.redisPrefix,
    instanceId: config.instanceId,
  });
  const handlers = new Map([
    [
      NOTIFY_TOPIC,
      notifyHandler(store, {
        async delivered(memberId, notification) {
          const unread = await store.notify.unreadCount(memberId);
          await push.push(memberId, { type: "notification", notification, unread });
        },
      }),
    ],
  ]);
  const outbox = new OutboxWorker(store.notify, handlers, {
    holder: config.instanceId,
    onError: (error, entry) =>
      log.error({ err: error, outboxId: entry?.id, topic: entry?.topic }, "outbox: a delivery failed"),
  });
  // A commit here is delivered at once if this process holds the lease; otherwise the holder's
  // next poll finds it.
  const stopCommits = ctx.commits.listen(() => outbox.kick());
  outbox.start();
  return {
    outbox,
    routes: notificationRoutes,
    async close() {
      stopCommits();
      await outbox.stop();
      await push.close();
    },
  };
}

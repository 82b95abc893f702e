// Notifications (Trello's `/1/members/me/notifications`, `/1/notifications/…`) and watching
// (`subscribed` on boards, lists and cards). A person only ever sees their own notifications:
// someone else's id answers like a missing one.
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { isId } from "@tack/shared/ids";
import { NotificationType } from "@tack/shared/notifications";
import { z } from "zod";
import { authorizeBoard, authorizeObject } from "../auth/access.ts";
import { requireMember } from "../auth/actor.ts";
import type { WatchedKind } from "../store/notify-store.ts";
import type { Api } from "./api.ts";

const KNOWN_TYPES = new Set<string>(Object.values(NotificationType));

const listQuery = z.object({
  read_filter: z.enum(["all", "read", "unread"]).default("all"),
  filter: z
    .string()
    .default("all")
    .transform((value) => (value === "all" ? [] : value.split(",").map((t) => t.trim())))
    .refine((types) => types.every((t) => KNOWN_TYPES.has(t)), {
      message: `must be "all" or a comma-separated list of ${[...KNOWN_TYPES].join(", ")}`,
    }),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  page: z.coerce.number().int().min(0).max(100).default(0),
  before: z.string().refine(isId, { message: "must be a notification id" }).nullable().default(null),
});

/** Trello accepts booleans as "true"/"false" strings too. */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
const valueInput = z.object({ value: flag });
const allReadInput = z.object({ ids: z.union([z.array(z.string()), z.string()]).optional() });

export function notificationRoutes(api: Api): void {
  const { ctx } = api;
  const notify = ctx.store.notify;

  api.get("/1/members/me/notifications", "Your notifications, newest first", async ({ actor, query }) => {
    const me = requireMember(actor);
    const parsed = listQuery.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(String(issue.path[0] ?? "query"), issue.message);
    }
    const q = parsed.data;
    return notify.notificationsOf({
      memberId: me.memberId,
      readFilter: q.read_filter,
      types: q.filter,
      limit: q.limit,
      offset: q.page * q.limit,
      before: q.before,
    });
  });

  api.get(
    "/1/members/me/notificationsCount",
    "How many of your notifications are unread",
    async ({ actor }) => {
      const me = requireMember(actor);
      return { unread: await notify.unreadCount(me.memberId) };
    },
  );

  api.get("/1/notifications/:id", "One of your notifications", async ({ actor, params }) => {
    const me = requireMember(actor);
    const found = await notify.notificationOf(me.memberId, params.id!);
    if (!found) throw notFound("notification");
    return found;
  });

  const setUnread = async (memberId: string, id: string, unread: boolean) => {
    if (!(await notify.setUnread(memberId, id, unread))) throw notFound("notification");
    return (await notify.notificationOf(memberId, id))!;
  };

  api.route(
    "PUT",
    "/1/notifications/:id/unread",
    "Mark a notification read (false) or unread (true)",
    valueInput,
    async ({ actor, params, input }) => setUnread(requireMember(actor).memberId, params.id!, input.value),
  );

  api.route(
    "PUT",
    "/1/notifications/:id",
    "Update a notification (its unread flag)",
    z.object({ unread: flag }),
    async ({ actor, params, input }) => setUnread(requireMember(actor).memberId, params.id!, input.unread),
  );

  api.route(
    "POST",
    "/1/notifications/all/read",
    "Mark all your notifications read (or only those in `ids`)",
    allReadInput,
    async ({ actor, input }) => {
      const me = requireMember(actor);
      const ids =
        input.ids === undefined ? null : Array.isArray(input.ids) ? input.ids : input.ids.split(",");
      if (ids && !ids.every(isId)) throw invalid("ids", "must be notification ids");
      await notify.markAllRead(me.memberId, ids);
      return { unread: await notify.unreadCount(me.memberId) };
    },
  );

  // Watching. Only the board's members hear of what they watch, so only they may watch.
  const watchRoutes = (kind: WatchedKind, path: string) => {
    const resolve = async (actor: Parameters<typeof requireMember>[0], id: string) => {
      if (kind === "board") {
        const found = await authorizeBoard(ctx, actor, id, "read");
        return { objectId: found.boardId, boardId: found.boardId, role: found.access.role };
      }
      const found = await authorizeObject(ctx, actor, kind, id, "read");
      return { objectId: found.object.id, boardId: found.boardId, role: found.access.role };
    };
    api.get(`/1/${path}/:id/subscribed`, `Whether you watch this ${kind}`, async ({ actor, params }) => {
      const me = requireMember(actor);
      const { objectId } = await resolve(actor, params.id!);
      return { _value: (await notify.watchedBy(me.memberId, [objectId])).has(objectId) };
    });
    api.route(
      "PUT",
      `/1/${path}/:id/subscribed`,
      `Watch (true) or stop watching (false) this ${kind}`,
      valueInput,
      async ({ actor, params, input }) => {
        const me = requireMember(actor);
        const { objectId, boardId, role } = await resolve(actor, params.id!);
        if (role === null)
          throw new TackError(
            ErrorCode.forbidden,
            `Only the board's members can watch ${kind === "board" ? "it" : `its ${kind}s`}: ask an admin to add you`,
          );
        await notify.setWatching(me.memberId, kind, objectId, boardId, input.value);
        return { id: objectId, subscribed: input.value };
      },
    );
  };
  watchRoutes("board", "boards");
  watchRoutes("list", "lists");
  watchRoutes("card", "cards");
}

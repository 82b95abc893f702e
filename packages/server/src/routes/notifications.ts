// Notifications (Trello's `/1/members/me/notifications`, `/1/notifications/…`) and watching
// (`subscribed` on boards, lists and cards). A person only ever sees their own notifications:
// someone else's id answers like a missing one.
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { isId } from "@tack/shared/ids";
import { NotificationType } from "@tack/shared/notifications";
import type { BoardAccess } from "@tack/shared/permissions";
import { z } from "zod";
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

  api.define({
    method: "GET",
    path: "/1/members/me/notifications",
    summary: "Your notifications, newest first",
    access: { who: "member" },
    handler: async ({ me, query }) => {
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
    },
  });

  api.define({
    method: "GET",
    path: "/1/members/me/notificationsCount",
    summary: "How many of your notifications are unread",
    access: { who: "member" },
    handler: async ({ me }) => ({ unread: await notify.unreadCount(me.memberId) }),
  });

  // Someone else's notification answers 404 like a missing one: the store looks ids up per person.
  api.define({
    method: "GET",
    path: "/1/notifications/:id",
    summary: "One of your notifications",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      const found = await notify.notificationOf(me.memberId, params.id);
      if (!found) throw notFound("notification");
      return found;
    },
  });

  const setUnread = async (memberId: string, id: string, unread: boolean) => {
    if (!(await notify.setUnread(memberId, id, unread))) throw notFound("notification");
    return (await notify.notificationOf(memberId, id))!;
  };

  api.define({
    method: "PUT",
    path: "/1/notifications/:id/unread",
    summary: "Mark a notification read (false) or unread (true)",
    input: valueInput,
    access: { who: "member" },
    handler: async ({ me, params, input }) => setUnread(me.memberId, params.id, input.value),
  });

  api.define({
    method: "PUT",
    path: "/1/notifications/:id",
    summary: "Update a notification (its unread flag)",
    input: z.object({ unread: flag }),
    access: { who: "member" },
    handler: async ({ me, params, input }) => setUnread(me.memberId, params.id, input.unread),
  });

  api.define({
    method: "POST",
    path: "/1/notifications/all/read",
    summary: "Mark all your notifications read (or only those in `ids`)",
    input: allReadInput,
    access: { who: "member" },
    handler: async ({ me, input }) => {
      const ids =
        input.ids === undefined ? null : Array.isArray(input.ids) ? input.ids : input.ids.split(",");
      if (ids && !ids.every(isId)) throw invalid("ids", "must be notification ids");
      await notify.markAllRead(me.memberId, ids);
      return { unread: await notify.unreadCount(me.memberId) };
    },
  });

  // Watching. Only the board's members hear of what they watch, so only they may watch; reading
  // the board is checked first (an unreadable id answers 404 like a missing one).
  const setWatching = async (
    memberId: string,
    kind: WatchedKind,
    watched: { objectId: string; boardId: string; role: BoardAccess["role"] },
    value: boolean,
  ) => {
    if (watched.role === null)
      throw new TackError(
        ErrorCode.forbidden,
        `Only the board's members can watch ${kind === "board" ? "it" : `its ${kind}s`}: ask an admin to add you`,
      );
    await notify.setWatching(memberId, kind, watched.objectId, watched.boardId, value);
    return { id: watched.objectId, subscribed: value };
  };
  const isWatching = async (memberId: string, objectId: string) => ({
    _value: (await notify.watchedBy(memberId, [objectId])).has(objectId),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/subscribed",
    summary: "Whether you watch this board",
    access: { board: true, permission: "read" },
    handler: async ({ actor, target }) => isWatching(requireMember(actor).memberId, target.boardId),
  });
  api.define({
    method: "PUT",
    path: "/1/boards/:id/subscribed",
    summary: "Watch (true) or stop watching (false) this board",
    input: valueInput,
    access: { board: true, permission: "read" },
    handler: async ({ me, target, input }) =>
      setWatching(
        me.memberId,
        "board",
        { objectId: target.boardId, boardId: target.boardId, role: target.access.role },
        input.value,
      ),
  });

  api.define({
    method: "GET",
    path: "/1/boards/:id/watching",
    summary: "What you watch on this board: the board itself, and the ids of the lists and cards",
    access: { board: true, permission: "read" },
    handler: async ({ actor, target }) => {
      if (actor.kind !== "member") return { board: false, idLists: [], idCards: [] };
      const snapshot = await ctx.store.loadBoard(target.boardId);
      const lists = snapshot?.lists.map((l) => l.id) ?? [];
      const cards = snapshot?.cards.map((c) => c.id) ?? [];
      const watched = await notify.watchedBy(actor.memberId, [target.boardId, ...lists, ...cards]);
      return {
        board: watched.has(target.boardId),
        idLists: lists.filter((id) => watched.has(id)),
        idCards: cards.filter((id) => watched.has(id)),
      };
    },
  });

  for (const [kind, path] of [
    ["list", "lists"],
    ["card", "cards"],
  ] as const) {
    api.define({
      method: "GET",
      path: `/1/${path}/:id/subscribed`,
      summary: `Whether you watch this ${kind}`,
      access: { object: kind, permission: "read" },
      handler: async ({ actor, target }) => isWatching(requireMember(actor).memberId, target.object.id),
    });
    api.define({
      method: "PUT",
      path: `/1/${path}/:id/subscribed`,
      summary: `Watch (true) or stop watching (false) this ${kind}`,
      input: valueInput,
      access: { object: kind, permission: "read" },
      handler: async ({ me, target, input }) =>
        setWatching(
          me.memberId,
          kind,
          { objectId: target.object.id, boardId: target.boardId, role: target.access.role },
          input.value,
        ),
    });
  }
}

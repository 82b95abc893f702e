// The signed-in person's notifications: the unread count the bell shows, and the list the panel
// shows. The count is loaded once signed in and whenever the panel opens; in between, the board
// socket pushes each new notification with the count as the server sees it.
import { signal } from "@preact/signals";
import type { Notification } from "@tack/shared/notifications";
import { get, post, put } from "../api/http.ts";

export const unreadCount = signal(0);
export const notifications = signal<Notification[]>([]);
export const notificationsLoaded = signal(false);

export async function loadUnreadCount(): Promise<void> {
  const answer = await get<{ unread: number }>("/1/members/me/notificationsCount");
  unreadCount.value = answer.unread;
}

export async function loadNotifications(): Promise<void> {
  const [list] = await Promise.all([
    get<Notification[]>("/1/members/me/notifications?limit=50"),
    loadUnreadCount(),
  ]);
  notifications.value = list;
  notificationsLoaded.value = true;
}

/** A notification pushed over the socket (live/board-feed.ts). */
export function notificationPushed(notification: Notification, unread: number): void {
  unreadCount.value = unread;
  if (notificationsLoaded.value && !notifications.value.some((n) => n.id === notification.id))
    notifications.value = [notification, ...notifications.value];
}

export async function markRead(id: string): Promise<void> {
  const target = notifications.value.find((n) => n.id === id);
  if (!target?.unread) return;
  notifications.value = notifications.value.map((n) => (n.id === id ? { ...n, unread: false } : n));
  unreadCount.value = Math.max(0, unreadCount.value - 1);
  await put(`/1/notifications/${id}/unread`, { value: false });
}

export async function markAllRead(): Promise<void> {
  notifications.value = notifications.value.map((n) => ({ ...n, unread: false }));
  const answer = await post<{ unread: number }>("/1/notifications/all/read");
  unreadCount.value = answer.unread;
}

/** Notifications grouped by the card they are about (or the board, for board-level ones), newest group first. */
export function groupByCard(
  list: readonly Notification[],
): Array<{ key: string; title: string; items: Notification[] }> {
  const groups = new Map<string, { key: string; title: string; items: Notification[] }>();
  for (const n of list) {
    const key = n.data.card?.id ?? `board:${n.data.board.id}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        title: n.data.card ? `${n.data.card.name} · ${n.data.board.name}` : n.data.board.name,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push(n);
  }
  return [...groups.values()];
}

const PHRASES: Record<Notification["type"], string> = {
  addedToBoard: "added you to the board",
  addedToCard: "added you to the card",
  mentionedOnCard: "mentioned you on",
  commentCard: "commented on",
  changeCard: "changed",
  addAttachmentToCard: "attached a file to",
  cardDueSoon: "is due soon:",
  cardOverdue: "is overdue:",
};

export function describeNotification(n: Notification): string {
  const who = n.memberCreator?.fullName || n.memberCreator?.username || "Someone";
  const what = n.data.card?.name ?? n.data.board.name;
  if (n.type === "cardDueSoon" || n.type === "cardOverdue")
    return `${what} ${PHRASES[n.type].replace(/:$/, "")}`;
  return `${who} ${PHRASES[n.type]} ${what}`;
}

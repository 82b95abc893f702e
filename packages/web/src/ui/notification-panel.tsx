// The bell's panel: notifications grouped by card. Opening one marks it read and goes to its card
// (or board); "Mark all read" clears them. The bell loads and refreshes the list; this shows it.
import { slugify } from "@tack/shared/ids";
import type { Notification } from "@tack/shared/notifications";
import {
  describeNotification,
  groupByCard,
  markAllRead,
  markRead,
  notifications,
  notificationsLoaded,
  unreadCount,
} from "../notifications/notifications.ts";
import { navigate } from "../router.ts";

function pathOf(n: Notification): string {
  if (n.data.card) return `/c/${n.data.card.shortLink || n.data.card.id}/${slugify(n.data.card.name)}`;
  return `/b/${n.data.board.shortLink || n.data.board.id}/${slugify(n.data.board.name)}`;
}

export function NotificationPanel({ failed, onClose }: { failed: boolean; onClose: () => void }) {
  const count = unreadCount.value;
  return (
    <section class="bell-panel" aria-label="Notifications" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <header class="bell-panel-head">
        <h2>Notifications</h2>
        <button type="button" class="link-button" disabled={count === 0} onClick={() => void markAllRead()}>
          Mark all read
        </button>
      </header>
      {failed && (
        <p class="muted">Could not load notifications: check your connection and open the bell again.</p>
      )}
      {!failed && notificationsLoaded.value && notifications.value.length === 0 && (
        <p class="muted">Nothing yet. You hear here of mentions, and of cards you are on or watch.</p>
      )}
      {groupByCard(notifications.value).map((group) => (
        <section class="bell-group" key={group.key}>
          <h3>{group.title}</h3>
          <ul>
            {group.items.map((n) => (
              <li key={n.id} class={`bell-item ${n.unread ? "is-unread" : ""}`}>
                <button
                  type="button"
                  class="bell-open"
                  onClick={() => {
                    void markRead(n.id).catch(() => undefined);
                    onClose();
                    navigate(pathOf(n));
                  }}
                >
                  <span>{describeNotification(n)}</span>
                  {n.data.text && <span class="bell-text">{n.data.text}</span>}
                  <time class="muted">{new Date(n.date).toLocaleString()}</time>
                </button>
                {n.unread && (
                  <button
                    type="button"
                    class="link-button"
                    aria-label="Mark read"
                    title="Mark read"
                    onClick={() => void markRead(n.id).catch(() => undefined)}
                  >
                    ✓
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

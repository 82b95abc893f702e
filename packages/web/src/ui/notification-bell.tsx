// The bell in the top bar: the unread count (pushed live), and a panel of notifications grouped
// by card. Opening one marks it read and goes to its card (or board); "Mark all read" clears them.
import { slugify } from "@tack/shared/ids";
import type { Notification } from "@tack/shared/notifications";
import { useEffect, useRef, useState } from "preact/hooks";
import {
  describeNotification,
  groupByCard,
  loadNotifications,
  loadUnreadCount,
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

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    void loadUnreadCount().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!open) return;
    setFailed(false);
    void loadNotifications().catch(() => setFailed(true));
    const close = (event: MouseEvent) => {
      if (panel.current && !panel.current.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const count = unreadCount.value;
  return (
    <div class="bell">
      <button
        type="button"
        class={`top-link bell-button ${count > 0 ? "has-unread" : ""}`}
        aria-label={count > 0 ? `Notifications: ${count} unread` : "Notifications"}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-5-1.5-1.5V11a5.5 5.5 0 0 0-4.5-5.41V4.5a1 1 0 0 0-2 0v1.09A5.5 5.5 0 0 0 6.5 11v4.5L5 17v1.5h14Z"
          />
        </svg>
        {count > 0 && (
          <span class="bell-count" data-testid="bell-count">
            {count > 99 ? "99+" : count}
          </span>
        )}
      </button>
      {open && (
        <section
          class="bell-panel"
          ref={panel}
          aria-label="Notifications"
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          <header class="bell-panel-head">
            <h2>Notifications</h2>
            <button
              type="button"
              class="link-button"
              disabled={count === 0}
              onClick={() => void markAllRead()}
            >
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
                        setOpen(false);
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
      )}
    </div>
  );
}

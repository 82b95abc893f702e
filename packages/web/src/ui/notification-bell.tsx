// The bell in the top bar: the unread count (pushed live) stays in the first bundle; the panel of
// notifications (notification-panel.tsx) loads its code the first time the bell opens.
import { useEffect, useRef, useState } from "preact/hooks";
import { loadNotifications, loadUnreadCount, unreadCount } from "../notifications/notifications.ts";
import { lazyComponent } from "./lazy.tsx";

const NotificationPanel = lazyComponent(
  () => import("./notification-panel.tsx").then((m) => m.NotificationPanel),
  {
    loading: <section class="bell-panel" aria-label="Notifications" aria-busy="true" />,
    what: "notifications",
    failed: (_props, message) => (
      <section class="bell-panel" aria-label="Notifications">
        <p class="muted" role="alert">
          {message}
        </p>
      </section>
    ),
  },
);

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const bell = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void loadUnreadCount().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!open) return;
    setFailed(false);
    void loadNotifications().catch(() => setFailed(true));
    const close = (event: MouseEvent) => {
      if (bell.current && !bell.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const count = unreadCount.value;
  return (
    <div class="bell" ref={bell}>
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
      {open && <NotificationPanel failed={failed} onClose={() => setOpen(false)} />}
    </div>
  );
}

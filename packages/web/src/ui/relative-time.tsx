// "5 minutes ago", with the exact date and time on hover, kept fresh by one shared clock.
import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";

/** Ticks every 30 s while any relative time is on screen. */
const now = signal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function useClock(): number {
  return now.value;
}

function subscribe(): () => void {
  users++;
  if (users === 1) timer = setInterval(() => (now.value = Date.now()), 30_000);
  return () => {
    users--;
    if (users === 0) clearInterval(timer);
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(iso: string, at: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const ago = Math.max(0, at - then);
  if (ago < MINUTE) return "just now";
  if (ago < HOUR) {
    const m = Math.floor(ago / MINUTE);
    return `${m} minute${m === 1 ? "" : "s"} ago`;
  }
  if (ago < DAY) {
    const h = Math.floor(ago / HOUR);
    return `${h} hour${h === 1 ? "" : "s"} ago`;
  }
  const date = new Date(then);
  const time = date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  if (ago < 2 * DAY && new Date(at - DAY).getDate() === date.getDate()) return `yesterday at ${time}`;
  const sameYear = date.getFullYear() === new Date(at).getFullYear();
  const day = date.toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  });
  return `${day} at ${time}`;
}

export function RelativeTime({ iso }: { iso: string }) {
  const at = useClock();
  useEffect(subscribe, []);
  return (
    <time class="muted relative-time" dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relativeTime(iso, at)}
    </time>
  );
}

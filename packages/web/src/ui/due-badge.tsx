import { Icon } from "./icons.tsx";

// The due date as Trello shows it: green when complete, red when overdue, yellow when due soon.
export function dueState(
  due: string,
  complete: boolean,
  now = Date.now(),
): "complete" | "overdue" | "soon" | "later" {
  if (complete) return "complete";
  const at = Date.parse(due);
  if (at < now) return "overdue";
  return at - now < 86_400_000 ? "soon" : "later";
}

// Formatters built once: toLocale*String builds one per call, which costs a board of thousands
// of due dates tens of milliseconds.
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const FULL_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });

export function formatDate(iso: string): string {
  return SHORT_DATE.format(new Date(iso));
}

export function DueBadge({ due, complete }: { due: string; complete: boolean }) {
  const state = dueState(due, complete);
  const extra = complete ? ", complete" : state === "overdue" ? ", overdue" : "";
  return (
    <span class={`badge due-${state}`} title={`Due ${FULL_DATE.format(new Date(due))}`}>
      <Icon name="clock" size={12} /> <span class="sr-only">Due </span>
      {formatDate(due)}
      <span class="sr-only">{extra}</span>
    </span>
  );
}

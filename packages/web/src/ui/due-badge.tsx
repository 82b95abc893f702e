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

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

export function DueBadge({ due, complete }: { due: string; complete: boolean }) {
  const state = dueState(due, complete);
  const extra = complete ? ", complete" : state === "overdue" ? ", overdue" : "";
  return (
    <span class={`badge due-${state}`} title={`Due ${new Date(due).toLocaleString()}`}>
      <Icon name="clock" size={12} /> <span class="sr-only">Due </span>
      {formatDate(due)}
      <span class="sr-only">{extra}</span>
    </span>
  );
}

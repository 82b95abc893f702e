// The card dialog's small editors: labels, members, start and due dates.
import type { Card } from "@tack/shared/models";
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { toggleLabel, toggleMember, updateCard } from "../model/card-edits.ts";
import { Avatar } from "./avatar.tsx";
import { labelCss } from "./colors.ts";

interface PickerProps {
  cache: BoardCache;
  card: Card;
  onClose: () => void;
}

export function PickerFrame(props: {
  title: string;
  onClose: () => void;
  children: preact.ComponentChildren;
}) {
  return (
    <fieldset
      class="popover inline-popover"
      aria-label={props.title}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="popover-title">
        <h3>{props.title}</h3>
        <button
          type="button"
          class="icon-button"
          aria-label={`Close ${props.title.toLowerCase()}`}
          onClick={props.onClose}
        >
          ×
        </button>
      </div>
      {props.children}
    </fieldset>
  );
}

export function LabelsPicker({ cache, card, onClose }: PickerProps) {
  const labels = cache.labels.value;
  return (
    <PickerFrame title="Labels" onClose={onClose}>
      {labels.length === 0 && <p class="muted">This board has no labels yet: add them in the board menu.</p>}
      {labels.map((l, i) => (
        <label key={l.id} class="check-row">
          <input
            type="checkbox"
            autoFocus={i === 0}
            checked={card.idLabels.includes(l.id)}
            onChange={() => void toggleLabel(cache, card.id, l.id)}
          />
          <span class="label-chip label-chip-wide" style={{ background: labelCss(l.color) }}>
            {l.name || l.color || "no color"}
          </span>
        </label>
      ))}
    </PickerFrame>
  );
}

export function MembersPicker({ cache, card, onClose }: PickerProps) {
  const members = cache.members.value;
  return (
    <PickerFrame title="Members" onClose={onClose}>
      {cache.memberships.value.map((m, i) => {
        const member = members.get(m.idMember);
        return (
          <label key={m.id} class="check-row">
            <input
              type="checkbox"
              autoFocus={i === 0}
              checked={card.idMembers.includes(m.idMember)}
              onChange={() => void toggleMember(cache, card.id, m.idMember)}
            />
            <Avatar member={member} size="sm" />
            {member?.fullName ?? m.idMember}
          </label>
        );
      })}
    </PickerFrame>
  );
}

const toLocalInput = (iso: string | null): string => {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);

/** Trello's reminder choices: minutes before the due time (-1 none, 0 at the due time). */
const REMINDERS: ReadonlyArray<[number, string]> = [
  [-1, "None"],
  [0, "At the due time"],
  [5, "5 minutes before"],
  [10, "10 minutes before"],
  [15, "15 minutes before"],
  [60, "1 hour before"],
  [120, "2 hours before"],
  [1440, "1 day before"],
  [2880, "2 days before"],
];

export function DatesPicker({ cache, card, onClose }: PickerProps) {
  const [start, setStart] = useState(toLocalInput(card.start));
  const [due, setDue] = useState(toLocalInput(card.due));
  const [reminder, setReminder] = useState(card.dueReminder ?? -1);
  return (
    <PickerFrame title="Dates" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onClose();
          void updateCard(
            cache,
            card.id,
            { start: fromLocalInput(start), due: fromLocalInput(due), dueReminder: due ? reminder : -1 },
            "set the dates",
          );
        }}
      >
        <label>
          Start date
          <input
            type="datetime-local"
            value={start}
            onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          Due date
          <input
            type="datetime-local"
            autoFocus
            value={due}
            onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          Reminder
          <select
            value={String(reminder)}
            onChange={(e) => setReminder(Number((e.currentTarget as HTMLSelectElement).value))}
          >
            {REMINDERS.map(([minutes, text]) => (
              <option key={minutes} value={String(minutes)}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            Save
          </button>
          <button
            type="button"
            class="button"
            onClick={() => {
              onClose();
              void updateCard(
                cache,
                card.id,
                { start: null, due: null, dueComplete: false },
                "remove the dates",
              );
            }}
          >
            Remove
          </button>
        </div>
      </form>
    </PickerFrame>
  );
}

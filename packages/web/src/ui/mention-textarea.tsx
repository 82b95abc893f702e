// A textarea (or, `single`, a one-line field) that offers the board's members when you type `@`:
// ↑/↓ choose, Enter or Tab takes one (as `@username `), Escape closes the list. Used for comments,
// descriptions and checklist items; the server notifies whoever is mentioned and is on the board.
import type { Member } from "@tack/shared/models";
import { useRef, useState } from "preact/hooks";

const TYPING_MENTION = /(^|\s)@([a-z0-9_]*)$/i;
const MAX_SUGGESTIONS = 6;

interface Props {
  value: string;
  onValue(value: string): void;
  members: readonly Member[];
  "aria-label": string;
  placeholder?: string;
  rows?: number;
  autoFocus?: boolean;
  /** A one-line field (checklist items) instead of a textarea. */
  single?: boolean;
  class?: string;
  onBlur?(): void;
  onKeyDown?(event: KeyboardEvent): void;
}

export function MentionTextarea({ value, onValue, members, onKeyDown, single, ...rest }: Props) {
  const area = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const lowered = query?.toLowerCase() ?? "";
  const suggestions =
    query === null
      ? []
      : members
          .filter(
            (m) => m.username.toLowerCase().startsWith(lowered) || m.fullName.toLowerCase().includes(lowered),
          )
          .slice(0, MAX_SUGGESTIONS);

  function update(text: string, caret: number) {
    onValue(text);
    const typed = TYPING_MENTION.exec(text.slice(0, caret));
    setQuery(typed ? typed[2]! : null);
    setActive(0);
  }

  function choose(member: Member) {
    const el = area.current;
    if (!el || query === null) return;
    const caret = el.selectionStart ?? value.length;
    const start = caret - query.length - 1;
    const text = `${value.slice(0, start)}@${member.username} ${value.slice(caret)}`;
    // The text and the caret go into the field at once, not after the next render: keys typed
    // right after choosing (a fast typist, a busy page) land after the mention, not before it.
    const at = start + member.username.length + 2;
    el.value = text;
    el.focus();
    el.setSelectionRange(at, at);
    onValue(text);
    setQuery(null);
  }

  const fieldProps = {
    ...rest,
    ref: area,
    value,
    "aria-autocomplete": "list" as const,
    onInput: (e: Event) => {
      const field = e.currentTarget as HTMLInputElement;
      update(field.value, field.selectionStart ?? field.value.length);
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (suggestions.length > 0) {
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          const step = e.key === "ArrowDown" ? 1 : -1;
          setActive((active + step + suggestions.length) % suggestions.length);
          return;
        }
        if (e.key === "Enter" || e.key === "Tab") {
          e.preventDefault();
          choose(suggestions[active]!);
          return;
        }
        if (e.key === "Escape") {
          e.stopPropagation();
          setQuery(null);
          return;
        }
      }
      onKeyDown?.(e);
    },
  };
  return (
    <div class="mention-box">
      {single ? <input {...fieldProps} /> : <textarea {...fieldProps} />}
      {suggestions.length > 0 && (
        <ul class="mention-list" aria-label="Mention a member">
          {suggestions.map((m, i) => (
            <li key={m.id}>
              <button
                type="button"
                tabIndex={-1}
                class={i === active ? "is-active" : ""}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(m);
                }}
              >
                <strong>{m.fullName}</strong> <span class="muted">@{m.username}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

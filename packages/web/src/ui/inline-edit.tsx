// A title that turns into a text field when clicked. While editing, the field keeps what the person
// typed even if the value changes underneath (a live update): typing is never clobbered.
import type { Member } from "@tack/shared/models";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { MentionTextarea } from "./mention-textarea.tsx";

interface Props {
  value: string;
  label: string;
  onSave: (value: string) => void;
  class?: string;
  multiline?: boolean;
  editing?: boolean;
  onEditingChange?: (editing: boolean) => void;
  /** Offer these people after `@` (one-line fields only). */
  mentions?: readonly Member[];
}

export function InlineEdit(props: Props) {
  const [localEditing, setLocalEditing] = useState(false);
  const editing = props.editing ?? localEditing;
  const setEditing = (on: boolean) => {
    setLocalEditing(on);
    props.onEditingChange?.(on);
  };
  const [draft, setDraft] = useState(props.value);
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const committed = useRef(false);

  // A layout effect, not a plain one: Preact runs plain effects after the next frame, and a draft
  // reset that late would throw away what was typed in the meantime.
  useLayoutEffect(() => {
    if (editing) {
      committed.current = false;
      setDraft(props.value);
      queueMicrotask(() => {
        field.current?.focus();
        field.current?.select();
      });
    }
  }, [editing]);

  // Enter (or Escape) ends editing and unmounts the field, whose blur must not save a second time.
  function commit() {
    if (committed.current) return;
    committed.current = true;
    const text = draft.trim();
    setEditing(false);
    if (text && text !== props.value) props.onSave(text);
  }

  if (!editing) {
    return (
      <button
        type="button"
        class={`inline-edit ${props.class ?? ""}`}
        aria-label={`${props.label}: ${props.value}. Click to edit`}
        onClick={() => setEditing(true)}
      >
        {props.value}
      </button>
    );
  }
  const common = {
    ref: field,
    class: `inline-edit-field ${props.class ?? ""}`,
    "aria-label": props.label,
    value: draft,
    onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
    onBlur: commit,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        commit();
      } else if (e.key === "Escape") {
        e.stopPropagation();
        committed.current = true; // cancelled: the blur that follows saves nothing
        setDraft(props.value);
        setEditing(false);
      }
    },
  };
  if (props.mentions && !props.multiline)
    return (
      <MentionTextarea
        single
        autoFocus
        class={common.class}
        aria-label={props.label}
        value={draft}
        onValue={setDraft}
        members={props.mentions}
        onBlur={commit}
        onKeyDown={common.onKeyDown}
      />
    );
  return props.multiline ? <textarea {...common} rows={2} /> : <input {...common} />;
}

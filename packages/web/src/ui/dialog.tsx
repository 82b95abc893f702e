// A modal dialog: labelled, traps Tab inside, closes on Escape or a click on the backdrop, and
// gives focus back to where it was when it closes.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog(props: {
  labelledBy: string;
  onClose: () => void;
  class?: string;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const element = box.current;
    if (element && !element.contains(document.activeElement)) element.focus();
    // Escape closes the topmost dialog even when focus has fallen to the page (after a button
    // that had focus disappeared). Editors inside stop the event when Escape only cancels them.
    const onEscape = (event: KeyboardEvent) => {
      const dialogs = document.querySelectorAll(".dialog");
      if (event.key === "Escape" && dialogs[dialogs.length - 1] === box.current) {
        event.stopPropagation();
        closeRef.current();
      }
    };
    document.addEventListener("keydown", onEscape);
    return () => {
      document.removeEventListener("keydown", onEscape);
      before?.focus?.();
    };
  }, []);
  const closeRef = useRef(props.onClose);
  closeRef.current = props.onClose;

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "Tab" || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (e) => e.offsetParent !== null,
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a backdrop click is a mouse shortcut; Escape and the close buttons are the keyboard path.
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        class={`dialog ${props.class ?? ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.labelledBy}
        tabIndex={-1}
        ref={box}
        onKeyDown={onKeyDown}
      >
        {props.children}
      </div>
    </div>
  );
}

// What a lazily loaded dialog shows when its code could not be fetched: the reason, in a dialog
// that closes like the one that was asked for.
import { Dialog } from "./dialog.tsx";

export function LazyFailureDialog({ message, onClose }: { message: string; onClose: () => void }) {
  return (
    <Dialog labelledBy="lazy-failure-title" onClose={onClose}>
      <div class="popover-title">
        <h2 id="lazy-failure-title">Could not open</h2>
        <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <p role="alert">{message}</p>
    </Dialog>
  );
}

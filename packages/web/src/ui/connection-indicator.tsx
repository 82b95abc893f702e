// Live / polling / reconnecting / offline, as a small pill in the board header, with the number of
// edits waiting to be sent (queued in the outbox while the network is away).
import { type ConnectionState, connectionState } from "../live/connection-state.ts";
import { pendingEdits } from "../model/outbox.ts";

const TEXT: Record<ConnectionState, { label: string; title: string }> = {
  connecting: { label: "Connecting", title: "Connecting to the server" },
  live: { label: "Live", title: "Changes by others appear instantly" },
  polling: {
    label: "Polling",
    title: "Live updates are unavailable; checking for changes every few seconds",
  },
  reconnecting: { label: "Reconnecting", title: "The connection dropped; reconnecting" },
  offline: {
    label: "Offline",
    title: "No network: your edits are kept on this device and sent when you are back online",
  },
};

export function ConnectionIndicator() {
  const state = connectionState.value;
  const pending = pendingEdits.value;
  const text = TEXT[state];
  const waiting =
    pending === 0 ? "" : `${pending} ${pending === 1 ? "edit" : "edits"} waiting to be sent, in order`;
  return (
    <span
      class={`connection connection-${state}`}
      title={waiting ? `${text.title}. ${waiting}.` : text.title}
      role="status"
      aria-live="polite"
      data-connection={state}
      data-pending={pending}
    >
      <span class="connection-dot" aria-hidden="true" />
      <span class="connection-label">
        {text.label}
        {pending > 0 ? ` · ${pending} pending` : ""}
      </span>
    </span>
  );
}

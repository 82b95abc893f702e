// Live / polling / reconnecting / offline, as a small pill in the board header.
import { type ConnectionState, connectionState } from "../live/connection-state.ts";

const TEXT: Record<ConnectionState, { label: string; title: string }> = {
  connecting: { label: "Connecting", title: "Connecting to the server" },
  live: { label: "Live", title: "Changes by others appear instantly" },
  polling: {
    label: "Polling",
    title: "Live updates are unavailable; checking for changes every few seconds",
  },
  reconnecting: { label: "Reconnecting", title: "The connection dropped; reconnecting" },
  offline: { label: "Offline", title: "No network: changes will sync when you are back online" },
};

export function ConnectionIndicator() {
  const state = connectionState.value;
  const text = TEXT[state];
  return (
    <span
      class={`connection connection-${state}`}
      title={text.title}
      role="status"
      aria-live="polite"
      data-connection={state}
    >
      <span class="connection-dot" aria-hidden="true" />
      <span class="connection-label">{text.label}</span>
    </span>
  );
}

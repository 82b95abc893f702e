// "Watch" on a card, list or board: watchers hear of comments, changes and attachments (members of
// a card always do). Shown to the board's members, observers included; the eye marks what is
// watched (and the card tiles show it too).
import { useEffect } from "preact/hooks";
import { get } from "../api/http.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { noteWatching, setWatching, type WatchedKind, watched } from "../notifications/watching.ts";
import { Icon } from "./icons.tsx";

export const isBoardMember = (cache: BoardCache): boolean => {
  const self = me.value;
  return !!self && cache.memberships.value.some((m) => m.idMember === self.id);
};

export function toggleWatching(kind: WatchedKind, id: string): void {
  const next = !watched.value.has(id);
  setWatching(kind, id, next).catch(() =>
    toast(
      `Could not ${next ? "watch" : "stop watching"} the ${kind}: check your connection and try again.`,
      "error",
    ),
  );
}

export function WatchButton({ cache, kind, id }: { cache: BoardCache; kind: WatchedKind; id: string }) {
  const isMember = isBoardMember(cache);
  useEffect(() => {
    if (!isMember || kind !== "card") return;
    // The card's own answer, in case the board's list of watched cards is older than this card.
    void get<{ _value: boolean }>(`/1/cards/${encodeURIComponent(id)}/subscribed`)
      .then((answer) => noteWatching(id, answer._value))
      .catch(() => undefined);
  }, [id, kind, isMember]);
  if (!isMember) return null;
  const watching = watched.value.has(id);
  return (
    <button
      type="button"
      class="button watch-button"
      aria-pressed={watching}
      title={
        watching
          ? `You hear of this ${kind}'s comments and changes`
          : `Hear of this ${kind}'s comments and changes`
      }
      onClick={() => toggleWatching(kind, id)}
    >
      <Icon name="eye" /> {watching ? "Watching" : "Watch"}
    </button>
  );
}

// "Watch" on a card: its watchers hear of its comments, changes and attachments (members of the
// card always do). Shown to the board's members, observers included; the eye marks a watched card.
import { useEffect, useState } from "preact/hooks";
import { get, put } from "../api/http.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { me } from "../model/session.ts";

export function WatchButton({ cache, cardId }: { cache: BoardCache; cardId: string }) {
  const [watching, setWatching] = useState<boolean | null>(null);
  const self = me.value;
  const isMember = !!self && cache.memberships.value.some((m) => m.idMember === self.id);
  useEffect(() => {
    if (!isMember) return;
    let live = true;
    void get<{ _value: boolean }>(`/1/cards/${cardId}/subscribed`)
      .then((answer) => live && setWatching(answer._value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [cardId, isMember]);
  if (!isMember || watching === null) return null;
  return (
    <button
      type="button"
      class="button watch-button"
      aria-pressed={watching}
      title={
        watching ? "You hear of this card's comments and changes" : "Hear of this card's comments and changes"
      }
      onClick={async () => {
        const next = !watching;
        setWatching(next);
        await put(`/1/cards/${cardId}/subscribed`, { value: next }).catch(() => setWatching(!next));
      }}
    >
      <svg class="watch-badge" aria-hidden="true" viewBox="0 0 24 24" width="14" height="14">
        <path
          fill="currentColor"
          d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5Zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8Zm0-2a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z"
        />
      </svg>{" "}
      {watching ? "Watching" : "Watch"}
    </button>
  );
}

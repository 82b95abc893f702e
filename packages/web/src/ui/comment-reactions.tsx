// A comment's emoji reactions: one chip per emoji with its count (pressed when one of them is
// mine; a click adds or takes back mine) and a small picker of common reactions. The emoji are
// user content drawn as text, like the comment itself.
import { COMMON_REACTIONS, type Reaction } from "@tack/shared/reactions";
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { addReaction, removeReaction } from "../model/comment-edits.ts";
import { me } from "../model/session.ts";

interface Props {
  cache: BoardCache;
  idAction: string;
  reactions: readonly Reaction[];
  /** May I react (the board's comment permission)? */
  canReact: boolean;
}

export function CommentReactions({ cache, idAction, reactions, canReact }: Props) {
  const [picking, setPicking] = useState(false);
  const myId = me.value?.id;
  const groups = new Map<string, Reaction[]>();
  for (const r of reactions) groups.set(r.emoji.unified, [...(groups.get(r.emoji.unified) ?? []), r]);
  const mine = (unified: string) => groups.get(unified)?.find((r) => r.idMember === myId);
  const toggle = (unified: string) => {
    setPicking(false);
    const existing = mine(unified);
    void (existing ? removeReaction(idAction, existing.id) : addReaction(idAction, unified));
  };
  const names = (list: Reaction[]) =>
    list.map((r) => cache.members.value.get(r.idMember)?.fullName ?? "Someone").join(", ");
  if (groups.size === 0 && !canReact) return null;
  return (
    <fieldset class="reactions" aria-label="Reactions">
      {[...groups].map(([unified, list]) => (
        <button
          key={unified}
          type="button"
          class={`reaction-chip ${mine(unified) ? "is-mine" : ""}`}
          aria-pressed={Boolean(mine(unified))}
          aria-label={`${list[0]!.emoji.shortName} ${list.length}: ${names(list)}`}
          title={names(list)}
          disabled={!canReact}
          onClick={() => toggle(unified)}
        >
          <span class="reaction-emoji">{list[0]!.emoji.native}</span> {list.length}
        </button>
      ))}
      {canReact && (
        <span class="reaction-add">
          <button
            type="button"
            class="link-button"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
          >
            Add reaction
          </button>
          {picking && (
            <span class="reaction-picker" role="menu" aria-label="Pick a reaction">
              {COMMON_REACTIONS.map((e) => (
                <button
                  key={e.unified}
                  type="button"
                  role="menuitem"
                  class="reaction-option"
                  aria-label={`React with ${e.shortName}`}
                  onClick={() => toggle(e.unified)}
                >
                  {e.native}
                </button>
              ))}
            </span>
          )}
        </span>
      )}
    </fieldset>
  );
}

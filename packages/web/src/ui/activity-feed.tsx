// The board's activity (board menu → Activity), newest first, in Trello's words. The first page
// and older pages come from `GET /1/boards/{id}/actions` (`limit`, `before`); actions that happen
// while it is open arrive with the board's live changes (the board cache keeps each change's
// action), so the feed grows at the top without asking the server again.
import type { Action, Member } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { boardActivity } from "../api/board-activity.ts";
import { ApiError } from "../api/http.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { actionCardOf, describeAction, isQuietAction } from "./action-text.ts";
import { Avatar } from "./avatar.tsx";
import { cardPath } from "./card-link.ts";
import { RelativeTime } from "./relative-time.tsx";

interface Loaded {
  actions: Action[];
  creators: Map<string, Member>;
  more: boolean;
}

export function ActivityFeed({ cache }: { cache: BoardCache }) {
  const [loaded, setLoaded] = useState<Loaded>({ actions: [], creators: new Map(), more: false });
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string | null>(null);

  async function loadPage(before?: string) {
    setBusy(true);
    setError(null);
    try {
      const page = await boardActivity(cache.id, before);
      setLoaded((prev) => {
        const creators = new Map(prev.creators);
        for (const m of page.creators) creators.set(m.id, m);
        return { actions: [...prev.actions, ...page.actions], creators, more: page.more };
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not load the activity. Check your connection.");
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void loadPage();
  }, [cache.id]);

  const members = cache.members.value;
  const seen = new Set<string>();
  const all: Action[] = [];
  for (const a of [...cache.actions.value, ...loaded.actions]) {
    if (seen.has(a.id) || cache.deletedComments.has(a.id) || isQuietAction(a)) continue;
    seen.add(a.id);
    all.push(a);
  }
  all.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const oldest = loaded.actions[loaded.actions.length - 1];

  return (
    <section class="activity-feed" aria-label="Board activity">
      <ol class="activity">
        {all.map((a) => {
          const creator = members.get(a.idMemberCreator) ?? loaded.creators.get(a.idMemberCreator);
          const about = actionCardOf(a);
          const card = about ? cache.card(about.id) : undefined;
          const text = describeAction(a, "board");
          return (
            <li
              key={a.id}
              class={`activity-item ${a.id.startsWith("pending-") ? "is-pending" : ""}`}
              data-action-id={a.id}
            >
              <Avatar member={creator} size="sm" />
              <div class="activity-body">
                <div>
                  <strong>{creator?.fullName ?? "Someone"}</strong>{" "}
                  {card && about?.name && text.includes(about.name) ? (
                    <LinkedText text={text} name={about.name} href={cardPath(card)} />
                  ) : (
                    text
                  )}
                </div>
                {a.type === "commentCard" && (
                  <p class="activity-comment">{String((a.data as { text?: unknown }).text ?? "")}</p>
                )}
                <RelativeTime iso={a.date} />
              </div>
            </li>
          );
        })}
      </ol>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!busy && all.length === 0 && !error && <p class="muted">No activity yet.</p>}
      {busy && <p class="muted">Loading activity…</p>}
      {!busy && loaded.more && oldest && (
        <button type="button" class="button" onClick={() => void loadPage(oldest.id)}>
          Load more activity
        </button>
      )}
    </section>
  );
}

/** The action's text with the card's name as a link to the card. */
function LinkedText({ text, name, href }: { text: string; name: string; href: string }) {
  const at = text.indexOf(name);
  return (
    <>
      {text.slice(0, at)}
      <a href={href}>{name}</a>
      {text.slice(at + name.length)}
    </>
  );
}

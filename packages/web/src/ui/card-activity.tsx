// Comments and the card's activity, newest first. Actions that arrive live (in the board cache)
// merge with the card's older history loaded from the server when the dialog opens.
import type { Action, Card } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";
import { useEffect, useState } from "preact/hooks";
import { actionFrom, memberFrom } from "../api/normalize.ts";
import * as api from "../api/trello.ts";
import { canOnBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { addComment } from "../model/card-edits.ts";
import { editedTexts, reactionFrom, reactionsByComment } from "../model/comment-edits.ts";
import { me } from "../model/session.ts";
import { describeAction, isQuietAction } from "./action-text.ts";
import { Avatar } from "./avatar.tsx";
import { CommentItem } from "./comment-item.tsx";
import { MentionTextarea } from "./mention-textarea.tsx";
import { RelativeTime } from "./relative-time.tsx";

/** A comment's edit or deletion shows on the comment itself, not as a line of its own. */
const EDITS = new Set(["updateComment", "deleteComment"]);

export function CardActivity({ cache, card }: { cache: BoardCache; card: Card }) {
  const [history, setHistory] = useState<Action[]>([]);
  const [loadedReactions, setLoadedReactions] = useState<Reaction[]>([]);
  const [draft, setDraft] = useState("");
  const [showDetails, setShowDetails] = useState(true);
  // The history read failed even after its retries (api/http.ts getPatiently): said, with a retry,
  // rather than an empty history that looks like a card nobody has commented on.
  const [historyFailed, setHistoryFailed] = useState(false);
  const [historyRead, setHistoryRead] = useState(0);
  useEffect(() => {
    let live = true;
    setHistoryFailed(false);
    api
      .cardActions(card.id)
      .then((raw) => {
        if (!live) return;
        setHistory(raw.map(actionFrom));
        setLoadedReactions(
          raw.flatMap((a) =>
            Array.isArray(a.reactions)
              ? (a.reactions as Record<string, unknown>[]).flatMap((r) => reactionFrom(r) ?? [])
              : [],
          ),
        );
        for (const r of raw) {
          if (r.memberCreator && typeof r.memberCreator === "object") {
            const m = memberFrom(r.memberCreator as Record<string, unknown>);
            if (!cache.members.value.has(m.id))
              cache.members.value = new Map(cache.members.value).set(m.id, m);
          }
        }
      })
      .catch(() => {
        if (live) setHistoryFailed(true);
      });
    return () => {
      live = false;
    };
  }, [card.id, historyRead]);

  const members = cache.members.value;
  const live = cache.actions.value;
  const texts = editedTexts(live);
  const reactions = reactionsByComment(loadedReactions, live);
  const canComment = canOnBoard(cache, "comment");
  const seen = new Set<string>();
  const all: Action[] = [];
  for (const a of [...cache.actions.value, ...history]) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    const about = (a.data.card as { id?: string } | undefined)?.id;
    if (about === card.id) all.push(a);
  }
  const visible = all
    .filter((a) => !cache.deletedComments.has(a.id) && !isQuietAction(a) && !EDITS.has(a.type))
    .filter((a) => showDetails || a.type === "commentCard")
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

  function submit(event: Event) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft("");
    void addComment(cache, card.id, text);
  }

  return (
    <section class="card-section" aria-labelledby="activity-title">
      <div class="card-section-title">
        <h3 id="activity-title">Activity</h3>
        <button
          type="button"
          class="button"
          aria-pressed={!showDetails}
          onClick={() => setShowDetails(!showDetails)}
        >
          {showDetails ? "Hide details" : "Show details"}
        </button>
      </div>
      {canComment && (
        <form class="comment-form" onSubmit={submit}>
          <Avatar member={me.value ?? undefined} />
          <div class="comment-form-body">
            <MentionTextarea
              aria-label="Write a comment"
              placeholder="Write a comment… (@ to mention)"
              rows={2}
              value={draft}
              onValue={setDraft}
              members={[...members.values()].filter((m) => m.id !== me.value?.id)}
              onKeyDown={(e: KeyboardEvent) => e.key === "Enter" && (e.ctrlKey || e.metaKey) && submit(e)}
            />
            {draft.trim() && (
              <button type="submit" class="button button-primary">
                Save
              </button>
            )}
          </div>
        </form>
      )}
      {historyFailed && (
        <p class="activity-failed" role="alert">
          This card's earlier activity could not be loaded.{" "}
          <button type="button" class="button" onClick={() => setHistoryRead(historyRead + 1)}>
            Try again
          </button>
        </p>
      )}
      <ol class="activity">
        {visible.map((a) => {
          const creator = members.get(a.idMemberCreator);
          const name = creator?.fullName ?? "Someone";
          if (a.type === "commentCard") {
            return (
              <CommentItem
                key={a.id}
                cache={cache}
                idCard={card.id}
                comment={a}
                creator={creator}
                text={texts.get(a.id) ?? String((a.data as { text?: unknown }).text ?? "")}
                edited={texts.has(a.id)}
                reactions={reactions.get(a.id) ?? []}
                canComment={canComment}
              />
            );
          }
          return (
            <li key={a.id} class="activity-item">
              <Avatar member={creator} size="sm" />
              <div class="activity-body">
                <strong>{name}</strong> {describeAction(a, "card")} <RelativeTime iso={a.date} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

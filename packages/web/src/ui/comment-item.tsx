// One comment on the card back: its author (the person who wrote it, an imported one included,
// never whoever imported it), the text, Edit and Delete for my own, and its reactions.
import type { Action, Member } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { deleteComment, editComment } from "../model/comment-edits.ts";
import { me } from "../model/session.ts";
import { Avatar } from "./avatar.tsx";
import { CommentReactions } from "./comment-reactions.tsx";
import { Markdown } from "./markdown.tsx";
import { RelativeTime } from "./relative-time.tsx";

interface Props {
  cache: BoardCache;
  idCard: string;
  comment: Action;
  creator: Member | undefined;
  text: string;
  /** The text was edited since it was written (as far as this browser has seen). */
  edited: boolean;
  reactions: readonly Reaction[];
  canComment: boolean;
}

export function CommentItem({ cache, idCard, comment, creator, text, edited, reactions, canComment }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const pending = comment.id.startsWith("pending-");
  const mine = comment.idMemberCreator === me.value?.id && !pending;
  function save(event: Event) {
    event.preventDefault();
    const next = draft.trim();
    setEditing(false);
    if (next && next !== text) void editComment(idCard, comment.id, next);
  }
  return (
    <li class={`activity-item comment ${pending ? "is-pending" : ""}`} data-action-id={comment.id}>
      <Avatar member={creator} size="sm" />
      <div class="activity-body">
        <div>
          <strong class="comment-author">{creator?.fullName || creator?.username || "Someone"}</strong>{" "}
          <RelativeTime iso={comment.date} />
          {edited && <span class="comment-edited"> (edited)</span>}
        </div>
        {editing ? (
          <form class="comment-edit" onSubmit={save}>
            <textarea
              aria-label="Edit the comment"
              rows={3}
              value={draft}
              autoFocus
              onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.stopPropagation();
                  setEditing(false);
                } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save(e);
              }}
            />
            <div class="form-actions">
              <button type="submit" class="button button-primary" disabled={!draft.trim()}>
                Save
              </button>
              <button type="button" class="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <Markdown source={text} class="comment-text" />
        )}
        {!pending && (
          <CommentReactions cache={cache} idAction={comment.id} reactions={reactions} canReact={canComment} />
        )}
        {mine && !editing && (
          <div class="comment-actions">
            <button
              type="button"
              class="link-button"
              onClick={() => {
                setDraft(text);
                setEditing(true);
              }}
            >
              Edit
            </button>
            <button
              type="button"
              class="link-button"
              onClick={() => confirm("Delete this comment?") && void deleteComment(idCard, comment.id)}
            >
              Delete
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

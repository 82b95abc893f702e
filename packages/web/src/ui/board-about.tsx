// "About this board" in the board menu: the description (admins edit it; everyone reads it as
// Markdown) and who administers the board.
import { useState } from "preact/hooks";
import { setBoardDesc } from "../api/board-lifecycle.ts";
import { canOnBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { plainWrite } from "../model/board-edits.ts";
import { Avatar } from "./avatar.tsx";
import { Markdown } from "./markdown.tsx";

export function BoardAbout({ cache }: { cache: BoardCache }) {
  const board = cache.board.value;
  const members = cache.members.value;
  const admins = cache.memberships.value.filter((m) => m.memberType === "admin");
  const amAdmin = canOnBoard(cache, "admin");
  const [draft, setDraft] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    if (draft === null) return;
    if (await plainWrite("save the description", () => setBoardDesc(cache.id, draft))) setDraft(null);
  }

  return (
    <section class="board-about" aria-label="About this board">
      <h3>Board admins</h3>
      <ul class="board-about-admins">
        {admins.map((m) => {
          const person = members.get(m.idMember);
          return (
            <li key={m.id}>
              <Avatar member={person} size="sm" />
              <span>{person?.fullName || person?.username || m.idMember}</span>
              {person?.username && <span class="muted">@{person.username}</span>}
            </li>
          );
        })}
      </ul>
      <h3>Description</h3>
      {draft === null ? (
        <>
          {board.desc ? (
            <Markdown source={board.desc} class="board-about-desc" />
          ) : (
            <p class="muted">
              {amAdmin ? "Add a description to tell people what this board is for." : "No description."}
            </p>
          )}
          {amAdmin && (
            <button type="button" class="button" onClick={() => setDraft(board.desc)}>
              Edit description
            </button>
          )}
        </>
      ) : (
        <form onSubmit={(e) => void save(e)}>
          <textarea
            aria-label="Board description"
            rows={6}
            value={draft}
            autoFocus
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              Save
            </button>
            <button type="button" class="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

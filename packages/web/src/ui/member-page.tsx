// A person's page (/u/<username>), where a mention links to: their name, avatar and username, and
// the open boards you are both on (the server lists only those: someone's other boards are not
// yours to see).
import { slugify } from "@tack/shared/ids";
import type { Member } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { type BoardSummary, boardsInCommon, memberByUsername } from "../api/trello.ts";
import { closeBoard } from "../model/open-board.ts";
import { me } from "../model/session.ts";
import { toast } from "../model/toasts.ts";
import { Avatar } from "./avatar.tsx";
import { backgroundCss } from "./colors.ts";

interface Loaded {
  member: Member;
  boards: BoardSummary[];
}

export function MemberPage({ username }: { username: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    closeBoard();
    let live = true;
    setLoaded(null);
    setMissing(false);
    Promise.all([memberByUsername(username), boardsInCommon(username)])
      .then(([member, boards]) => {
        if (!live) return;
        document.title = `${member.fullName || member.username} | Tack`;
        setLoaded({ member, boards });
      })
      .catch((error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 404) setMissing(true);
        else
          toast(
            `Could not load @${username}: ${error instanceof ApiError ? error.message : "something went wrong"}.`,
            "error",
          );
      });
    return () => {
      live = false;
    };
  }, [username]);

  if (missing)
    return (
      <main class="page-message">
        <h1>Member not found</h1>
        <p>Nobody has the username @{username}.</p>
        <a href="/">Go to your boards</a>
      </main>
    );
  if (!loaded) return <main class="boards-page" aria-busy="true" />;
  const { member, boards } = loaded;
  const itsMe = member.id === me.value?.id;
  return (
    <main class="boards-page member-page">
      <header class="member-head">
        <Avatar member={member} size="lg" />
        <div>
          <h1>{member.fullName || member.username}</h1>
          <p class="muted">@{member.username}</p>
        </div>
      </header>
      <section aria-labelledby="member-boards">
        <h2 id="member-boards">{itsMe ? "Your boards" : "Boards in common"}</h2>
        {boards.length === 0 && <p class="section-note">You are not on any open board together.</p>}
        <ul class="board-grid">
          {boards.map((b) => (
            <li
              key={b.id}
              class="board-tile"
              style={{ background: backgroundCss(b.prefs?.background, b.prefs) }}
            >
              <a class="board-tile-link" href={`/b/${b.shortLink || b.id}/${slugify(b.name)}`}>
                <span class="board-tile-name">{b.name}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

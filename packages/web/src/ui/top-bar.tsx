// The bar across the top: home, search (focus with `/`), and the signed-in person (a link to their
// account page) with log out.

import { slugify } from "@tack/shared/ids";
import { useRef, useState } from "preact/hooks";
import { logout } from "../api/auth.ts";
import { type SearchAnswer, search as searchApi } from "../api/trello.ts";
import { me, signedOut } from "../model/session.ts";
import { navigate } from "../router.ts";
import { Avatar } from "./avatar.tsx";
import { NotificationBell } from "./notification-bell.tsx";

export function TopBar() {
  const [results, setResults] = useState<SearchAnswer | null>(null);
  const [searching, setSearching] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function runSearch(event: Event) {
    event.preventDefault();
    const text = input.current?.value.trim() ?? "";
    if (!text) return setResults(null);
    setSearching(true);
    try {
      setResults(await searchApi(text));
    } catch {
      setResults({ cards: [], boards: [] });
    } finally {
      setSearching(false);
    }
  }

  function go(path: string) {
    setResults(null);
    navigate(path);
  }

  return (
    <header class="top-bar">
      <a class="top-logo" href="/">
        Tack
      </a>
      <a class="top-link" href="/">
        Boards
      </a>
      <search class="top-search">
        <form onSubmit={runSearch}>
          <input
            id="global-search"
            ref={input}
            type="search"
            placeholder="Search"
            aria-label="Search cards and boards"
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              setResults(null);
              e.currentTarget.blur();
            }}
          />
          {(results || searching) && (
            <section class="search-results" aria-label="Search results">
              {searching && <p class="muted">Searching…</p>}
              {results && results.boards.length === 0 && results.cards.length === 0 && (
                <p class="muted">No results.</p>
              )}
              {results && results.boards.length > 0 && <h3>Boards</h3>}
              {results?.boards.map((b) => (
                <button
                  type="button"
                  class="search-hit"
                  key={String(b.id)}
                  onClick={() => go(`/b/${String(b.shortLink || b.id)}/${slugify(String(b.name))}`)}
                >
                  {String(b.name)}
                </button>
              ))}
              {results && results.cards.length > 0 && <h3>Cards</h3>}
              {results?.cards.map((c) => (
                <button
                  type="button"
                  class="search-hit"
                  key={String(c.id)}
                  onClick={() => go(`/c/${String(c.shortLink || c.id)}/${slugify(String(c.name))}`)}
                >
                  {String(c.name)}
                </button>
              ))}
            </section>
          )}
        </form>
      </search>
      <div class="top-spacer" />
      <NotificationBell />
      <a
        class="top-member"
        href="/account"
        aria-label={`Your account: ${me.value?.fullName ?? ""}`}
        title="Your account: password, sessions and tokens"
      >
        <Avatar member={me.value ?? undefined} />
        <span class="top-member-name">{me.value?.fullName}</span>
      </a>
      <button
        type="button"
        class="top-link"
        onClick={async () => {
          await logout().catch(() => undefined);
          signedOut();
          navigate("/login");
        }}
      >
        Log out
      </button>
    </header>
  );
}

// The search box in the top bar: results as you type (debounced; an answer to an older query never
// replaces a newer one), cards grouped by board with their list's name, then boards. Trello's
// operators are understood by the server (GET /1/search); a query it cannot read says why.
import { slugify } from "@tack/shared/ids";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/http.ts";
import { type SearchAnswer, search as searchApi } from "../api/trello.ts";
import { navigate } from "../router.ts";

const DEBOUNCE_MS = 200;
const HINT = 'Try label:, @member, due:week, is:archived, board:, list:, has:cover, "a phrase", -word';

type Raw = Record<string, unknown>;
type State =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "done"; answer: SearchAnswer }
  | { kind: "error"; message: string };

const named = (raw: unknown): { id: string; name: string; shortLink: string } => {
  const r = (raw ?? {}) as Raw;
  return { id: String(r.id ?? ""), name: String(r.name ?? ""), shortLink: String(r.shortLink ?? "") };
};

/** Cards grouped by their board, in the order the server ranked them. */
function byBoard(cards: Raw[]): { board: ReturnType<typeof named>; cards: Raw[] }[] {
  const groups = new Map<string, { board: ReturnType<typeof named>; cards: Raw[] }>();
  for (const card of cards) {
    const board = named(card.board);
    const group = groups.get(board.id) ?? { board, cards: [] };
    group.cards.push(card);
    groups.set(board.id, group);
  }
  return [...groups.values()];
}

export function SearchBox() {
  const [text, setText] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  const latest = useRef(0);

  async function run(query: string, ticket: number) {
    setState((s) => (s.kind === "done" ? s : { kind: "searching" }));
    try {
      const answer = await searchApi(query);
      if (ticket === latest.current) setState({ kind: "done", answer });
    } catch (error) {
      if (ticket !== latest.current) return;
      setState({
        kind: "error",
        message: error instanceof ApiError ? error.message : "Search failed: try again.",
      });
    }
  }

  useEffect(() => {
    const query = text.trim();
    const ticket = ++latest.current;
    if (query === "") {
      setState({ kind: "idle" });
      return;
    }
    const timer = setTimeout(() => void run(query, ticket), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  function go(path: string) {
    setText("");
    navigate(path);
  }

  const answer = state.kind === "done" ? state.answer : null;
  return (
    <search class="top-search">
      <form
        onSubmit={(e) => {
          // Enter searches at once, without waiting for the pause in typing.
          e.preventDefault();
          const query = text.trim();
          if (query !== "") void run(query, ++latest.current);
        }}
      >
        <input
          id="global-search"
          type="search"
          placeholder="Search"
          aria-label="Search cards and boards"
          autoComplete="off"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            setText("");
            e.currentTarget.blur();
          }}
        />
        {state.kind !== "idle" && (
          <section class="search-results" aria-label="Search results" aria-live="polite">
            {state.kind === "searching" && <p class="muted">Searching…</p>}
            {state.kind === "error" && <p class="search-error">{state.message}</p>}
            {answer && answer.boards.length === 0 && answer.cards.length === 0 && (
              <p class="muted">No results. {HINT}</p>
            )}
            {answer &&
              byBoard(answer.cards).map((group) => (
                <div class="search-group" key={group.board.id}>
                  <h3>{group.board.name}</h3>
                  {group.cards.map((c) => (
                    <button
                      type="button"
                      class="search-hit"
                      key={String(c.id)}
                      onClick={() => go(`/c/${String(c.shortLink || c.id)}/${slugify(String(c.name))}`)}
                    >
                      <span class="search-hit-name">{String(c.name)}</span>
                      <span class="search-hit-where">
                        in {named(c.list).name} on {group.board.name}
                        {c.closed === true && " (archived)"}
                      </span>
                    </button>
                  ))}
                </div>
              ))}
            {answer && answer.boards.length > 0 && <h3>Boards</h3>}
            {answer?.boards.map((b) => (
              <button
                type="button"
                class="search-hit"
                key={String(b.id)}
                onClick={() => go(`/b/${String(b.shortLink || b.id)}/${slugify(String(b.name))}`)}
              >
                <span class="search-hit-name">{String(b.name)}</span>
                {b.closed === true && <span class="search-hit-where">closed</span>}
              </button>
            ))}
          </section>
        )}
      </form>
    </search>
  );
}

// Client-side routing with real URLs (pushState): `/`, `/b/<id>/<slug>`, `/c/<id>/<slug>`,
// `/b/<id>/<slug>/calendar`, `/b/<id>/<slug>/table`, `/login`, `/signup`, `/account`, `/reset-password`,
// `/w/<workspace>`, `/u/<username>`, `/invite/<token>`. Back and forward work; a deep link loads directly because the
// answers every app URL with the same shell.
import { signal } from "@preact/signals";

export type Route =
  | { name: "home" }
  | { name: "board"; id: string; view: BoardView }
  | { name: "card"; id: string }
  | { name: "login" }
  | { name: "signup" }
  | { name: "account" }
  | { name: "reset-password" }
  | { name: "workspace"; id: string }
  | { name: "member"; username: string }
  | { name: "invite"; token: string }
  | { name: "not-found" };

/** The ways to look at a board: Trello's lists, and the calendar and table views. */
export const BOARD_VIEWS = ["board", "calendar", "table"] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

function boardViewOf(segment: string | undefined): BoardView | null {
  if (segment === undefined) return "board";
  return segment === "calendar" || segment === "table" ? segment : null;
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  const [first, second, , fourth] = parts;
  if (parts.length === 0) return { name: "home" };
  if (first === "login" && parts.length === 1) return { name: "login" };
  if (first === "signup" && parts.length === 1) return { name: "signup" };
  if (first === "account" && parts.length === 1) return { name: "account" };
  if (first === "reset-password" && parts.length === 1) return { name: "reset-password" };
  if (first === "w" && second && parts.length === 2)
    return { name: "workspace", id: decodeURIComponent(second) };
  if (first === "u" && second && parts.length === 2)
    return { name: "member", username: decodeURIComponent(second) };
  if (first === "invite" && second && parts.length === 2) return { name: "invite", token: second };
  if (first === "b" && second && parts.length <= 4) {
    const view = boardViewOf(fourth);
    if (view) return { name: "board", id: decodeURIComponent(second), view };
  }
  if (first === "c" && second) return { name: "card", id: decodeURIComponent(second) };
  return { name: "not-found" };
}

export const route = signal<Route>(parseRoute(location.pathname));
export const search = signal<string>(location.search);

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = new URL(path, location.origin);
  if (target.pathname + target.search === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", target.pathname + target.search);
  else history.pushState(null, "", target.pathname + target.search);
  route.value = parseRoute(target.pathname);
  search.value = target.search;
}

addEventListener("popstate", () => {
  route.value = parseRoute(location.pathname);
  search.value = location.search;
});

/** Links inside the app navigate without a page load; modified clicks open new tabs as usual. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const anchor = (event.target as Element).closest("a");
  if (!anchor || anchor.target || anchor.origin !== location.origin || anchor.hasAttribute("download"))
    return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

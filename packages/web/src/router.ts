// Client-side routing with real URLs (pushState): `/`, `/b/<id>/<slug>`, `/c/<id>/<slug>`,
// `/login`, `/signup`, `/account`, `/reset-password`, `/w/<workspace>`, `/invite/<token>`. Back and forward work; a deep link loads directly because the server
// answers every app URL with the same shell.
import { signal } from "@preact/signals";

export type Route =
  | { name: "home" }
  | { name: "board"; id: string }
  | { name: "card"; id: string }
  | { name: "login" }
  | { name: "signup" }
  | { name: "account" }
  | { name: "reset-password" }
  | { name: "workspace"; id: string }
  | { name: "invite"; token: string }
  | { name: "not-found" };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0) return { name: "home" };
  if (first === "login" && parts.length === 1) return { name: "login" };
  if (first === "signup" && parts.length === 1) return { name: "signup" };
  if (first === "account" && parts.length === 1) return { name: "account" };
  if (first === "reset-password" && parts.length === 1) return { name: "reset-password" };
  if (first === "w" && second && parts.length === 2)
    return { name: "workspace", id: decodeURIComponent(second) };
  if (first === "invite" && second && parts.length === 2) return { name: "invite", token: second };
  if (first === "b" && second) return { name: "board", id: decodeURIComponent(second) };
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

// Serves the single-page web client: hashed assets under /assets/ are immutable (cached for a
// year), and every other GET that is not an API path answers the tiny HTML shell, so deep links
// (/b/…, /c/…) load directly and pushState URLs survive a reload.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import { boardFirstPaintPath } from "@tack/shared/board-read-query";
import { ErrorCode } from "@tack/shared/errors";
import { isId, isShortLink } from "@tack/shared/ids";
import type { FastifyInstance } from "fastify";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import { installAssets } from "./asset-files.ts";
import { WEB_CLIENT_CSP } from "./security-headers.ts";

const API_PREFIXES = ["/1/", "/auth/", "/livez", "/readyz", "/metrics"];
export const WEB_DIST = resolve(import.meta.dirname, "../../../web/dist");

/** The shell's headers; security-headers.ts adds the rest to every answer. */
const SECURITY_HEADERS = { "content-security-policy": WEB_CLIENT_CSP };

export async function installWebApp(http: FastifyInstance, dist: string = WEB_DIST): Promise<void> {
  const shellPath = join(dist, "index.html");
  const hasShell = existsSync(shellPath);
  // The build writes .br and .gz beside each asset (packages/web/vite.config.ts).
  if (existsSync(join(dist, "assets"))) installAssets(http, join(dist, "assets"));
  // The board backgrounds Tack ships (shared/backgrounds.ts): stable names, so a day's cache.
  if (existsSync(join(dist, "backgrounds"))) {
    await http.register(fastifyStatic, {
      root: join(dist, "backgrounds"),
      prefix: "/backgrounds/",
      decorateReply: false,
      maxAge: "1d",
      wildcard: true,
      index: false,
    });
  }
  const shell = hasShell ? readFileSync(shellPath, "utf8") : null;
  // The service worker (packages/web/service-worker.ts): always revalidated, so a deploy's new
  // worker is found at once, and under the shell's CSP, which is the policy the worker runs with.
  const workerPath = join(dist, "sw.js");
  const worker = existsSync(workerPath) ? readFileSync(workerPath, "utf8") : null;
  http.get("/sw.js", (_request, reply) => {
    if (worker === null)
      return reply
        .status(404)
        .send({ error: ErrorCode.notFound, message: "The web client is not built: run `npm run build`." });
    return reply
      .headers({ ...SECURITY_HEADERS, "cache-control": "no-cache" })
      .type("text/javascript; charset=utf-8")
      .send(worker);
  });
  http.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0]!;
    const isApi =
      API_PREFIXES.some((p) => path.startsWith(p)) ||
      path.startsWith("/assets/") ||
      path.startsWith("/backgrounds/");
    if (request.method === "GET" && !isApi) {
      if (shell === null) {
        return reply
          .status(503)
          .type("text/plain")
          .send("The web client is not built: run `npm run build` (npm start does it for you).");
      }
      return reply
        .headers({ ...SECURITY_HEADERS, "cache-control": "no-cache" })
        .type("text/html; charset=utf-8")
        .send(shellFor(shell, path, { signedIn: request.cookies?.[SESSION_COOKIE] !== undefined }));
    }
    return reply
      .status(404)
      .send({ error: ErrorCode.notFound, message: `No route for ${request.method} ${path}` });
  });
}

/**
 * The shell for a path, with the app's first reads preloaded so the server answers them while the
 * bundle downloads (decision 0035): the session probe when the browser has a session cookie, and on
 * a board's URL (`/b/<id or short link>/…`) the board's first read. The client's `fetch` of the same
 * URLs (model/session.ts, api/trello.ts `loadBoard`) takes the preloaded answers.
 * `crossorigin="anonymous"` is the CORS mode and same-origin credentials a plain `fetch` uses, which
 * a preload must match to be used. Only a well-formed board key is ever written into the page.
 */
export function shellFor(shell: string, path: string, options: { signedIn: boolean }): string {
  const preloads: string[] = [];
  const [, first, key] = path.split("/");
  if (first === "b" && (isShortLink(key) || isId(key))) preloads.push(boardFirstPaintPath(key));
  if (options.signedIn) preloads.push("/auth/session");
  if (preloads.length === 0) return shell;
  const links = preloads.map(
    (href) =>
      `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href.replaceAll("&", "&amp;")}">`,
  );
  // After the shell's own scripts and styles: the server answers those first (from memory,
  // http/asset-files.ts), then reads the board while the scripts compile.
  return shell.replace("</head>", `  ${links.join("\n    ")}\n  </head>`);
}

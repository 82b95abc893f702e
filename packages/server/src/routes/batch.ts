// Trello's batch read: `GET /1/batch?urls=/boards/{id},/cards/{id}` runs up to 10 GET requests and
// answers, in order, `{"200": body}` for each that worked and `{"<status>": error}` for each that did
// not. Each runs through the whole HTTP pipeline with the caller's own credentials (token or
// session cookie), so it is authorized exactly as if the caller had sent it alone and takes from the
// same per-token budget.
import { ErrorCode, invalid, TackError } from "@tack/shared/errors";
import { type Api, exchangeOf } from "./api.ts";

const MAX_URLS = 10;
/** The request headers that say who is asking; nothing else of the batch request is passed on. */
const CREDENTIAL_HEADERS = ["authorization", "cookie"] as const;

function urlsOf(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const urls = list
    .filter((u): u is string => typeof u === "string")
    .flatMap((u) => u.split(","))
    .map((u) => u.trim())
    .filter((u) => u !== "");
  if (urls.length === 0) throw invalid("urls", "give 1 to 10 API paths, comma-separated, e.g. /boards/{id}");
  if (urls.length > MAX_URLS) throw invalid("urls", `at most ${MAX_URLS} paths in one batch`);
  return urls;
}

/** Marks the requests a batch makes, so a batch inside a batch is refused however it is spelled. */
const INNER = "x-tack-batch-item";

/** `/boards/x` (Trello's form, no version) or `/1/boards/x` → `/1/boards/x`; null if not an API read. */
function apiPath(url: string): string | null {
  if (!url.startsWith("/") || url.startsWith("//")) return null;
  const versioned = /^\/1(\/|$)/.test(url) ? url : `/1${url}`;
  // Resolved as a browser would (`..`, `.`, encoded slashes stay encoded): it must stay under /1/.
  const resolved = new URL(versioned, "http://tack.invalid");
  if (!resolved.pathname.startsWith("/1/")) return null;
  return `${resolved.pathname}${resolved.search}`;
}

export function batchRoutes(api: Api): void {
  api.define({
    method: "GET",
    path: "/1/batch",
    summary: "Run up to 10 GET requests (urls=/boards/{id},/cards/{id}): {status: body} for each",
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const { request } = exchangeOf(call);
      if (request.headers[INNER] !== undefined) throw invalid("urls", "a batch cannot run inside a batch");
      const urls = urlsOf(call.query.urls);
      const headers: Record<string, string> = { [INNER]: "1" };
      for (const name of CREDENTIAL_HEADERS) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const credentials = new URLSearchParams();
      for (const name of ["key", "token"] as const) {
        const value = call.query[name];
        if (typeof value === "string") credentials.set(name, value);
      }
      const answers: Array<Record<string, unknown>> = [];
      for (const url of urls) {
        const path = apiPath(url);
        if (path === null) {
          const error = new TackError(ErrorCode.invalidInput, `${url}: not a GET path of this API`, "urls");
          answers.push({ "400": error.toBody() });
          continue;
        }
        if (/^\/1\/batch(\/|\?|$)/i.test(path)) {
          answers.push({ "400": invalid("urls", "a batch cannot run inside a batch").toBody() });
          continue;
        }
        const joiner = path.includes("?") ? "&" : "?";
        const query = credentials.toString();
        const response = await api.http.inject({
          method: "GET",
          url: query === "" ? path : `${path}${joiner}${query}`,
          headers,
        });
        let body: unknown = response.body;
        try {
          body = response.json();
        } catch {
          // Not JSON (a file download): answered as text.
        }
        answers.push({ [String(response.statusCode)]: body });
      }
      return answers;
    },
  });
}

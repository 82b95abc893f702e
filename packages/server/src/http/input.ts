// Reading a request's input. Trello clients put parameters in the query string, a JSON body or a
// form body, so all three are merged (body wins), then checked against the route's one schema.
//
// One text rule holds for every piece of input, whatever route it reaches: a string must be
// well-formed Unicode (no lone surrogate halves, which JSON's `\uD800` escapes can produce) and hold
// no NUL. PostgreSQL cannot store either in a text column nor compare against them (it failed with
// a 500 where SQLite answered), and no person means to type them, so both stores answer 400 the
// same way. `installInputRules` checks path parameters and the query string before anything else
// runs (authentication looks tokens up), and bodies once parsed; `check` and `param` apply it again
// for input routes assemble themselves (multipart form fields).
//
// Two habits of real clients are read the way they mean them
// (docs/decisions/0021-clients-trello-client-compatibility.md): a request that says
// `Content-Type: application/json` but sends no body (every DELETE of some clients) has an empty
// object for a body, and an explicit `null` for a field the route cannot take as null ("desc":
// null from a client that was not given one) means the field was not sent.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import secureJson from "secure-json-parse";
import type { z } from "zod";

/** Nested input deeper than this is refused outright rather than walked. */
const MAX_INPUT_DEPTH = 64;

function isCleanText(text: string): boolean {
  return text.isWellFormed() && !text.includes("\u0000");
}

interface Unclean {
  path: string[];
  reason: "text" | "depth";
}

/**
 * Whether every string and object key in `value` is clean text, nested no deeper than anyone
 * sends: every request's parameters, query and body pass here, so it builds no paths.
 */
function allClean(value: unknown, depth: number): boolean {
  if (typeof value === "string") return isCleanText(value);
  if (value === null || typeof value !== "object") return true;
  if (depth > MAX_INPUT_DEPTH) return false;
  for (const key of Object.keys(value))
    if (!isCleanText(key) || !allClean((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/**
 * The first string or object key in `value` that is not clean text (or the place where nesting
 * goes deeper than anyone sends), with its path (`desc`, `checkItems.0.name`, …); null when all
 * of it is clean. The empty path names the value itself.
 */
function firstUncleanText(value: unknown, path: string[] = [], depth = 0): Unclean | null {
  if (typeof value === "string") return isCleanText(value) ? null : { path, reason: "text" };
  if (value === null || typeof value !== "object") return null;
  if (depth > MAX_INPUT_DEPTH) return { path, reason: "depth" };
  for (const [key, item] of Object.entries(value)) {
    if (!isCleanText(key))
      return { path: [...path, key.toWellFormed().replaceAll("\u0000", "\ufffd")], reason: "text" };
    const found = firstUncleanText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws `invalid_input` naming `where` and the field when `value` holds unclean text. */
export function assertCleanText(value: unknown, where: string): void {
  if (allClean(value, 0)) return;
  const found = firstUncleanText(value);
  if (found === null) return;
  const field = found.path.join(".");
  const problem =
    found.reason === "text"
      ? "text must be valid Unicode without NUL characters (a lone surrogate or \\u0000 was sent)"
      : `nested more than ${MAX_INPUT_DEPTH} levels deep: send flatter input`;
  throw new TackError(
    ErrorCode.invalidInput,
    `${field ? `${field} (${where})` : where}: ${problem}`,
    field || undefined,
  );
}

/** The text rule for every route: path parameters and query first, the body once parsed. */
export function installInputRules(app: FastifyInstance): void {
  // Callback hooks (no I/O): a throw is caught by fastify and answered as the error.
  app.addHook("onRequest", (request, _reply, done) => {
    assertCleanText(request.params, "path");
    assertCleanText(request.query, "query string");
    done();
  });
  app.addHook("preValidation", (request, _reply, done) => {
    if (!(request.routeOptions.config as { checksOwnText?: boolean }).checksOwnText)
      assertCleanText(request.body, "body");
    done();
  });
}

export function rawInput(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body;
  if (body !== undefined && body !== null && (typeof body !== "object" || Array.isArray(body))) {
    throw new TackError(ErrorCode.invalidInput, "The request body must be a JSON object or form fields");
  }
  return { ...query, ...(body as Record<string, unknown> | undefined) };
}

/**
 * Replaces Fastify's JSON body parser with one that reads an empty (or all-blank) body as `{}`.
 * Prototype pollution is refused as Fastify's own parser refuses it.
 */
export function installJsonBodies(http: FastifyInstance, bodyLimit: number): void {
  http.removeContentTypeParser("application/json");
  http.addContentTypeParser("application/json", { parseAs: "string", bodyLimit }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, {});
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" }));
    } catch {
      done(new TackError(ErrorCode.malformedJson, "The request body is not valid JSON"), undefined);
    }
  });
}

type Path = readonly PropertyKey[];

function valueAt(data: unknown, path: Path): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A copy of `data` without the value at `path` (objects along the path are copied, not changed). */
function withoutAt(data: unknown, path: Path): unknown {
  if (path.length === 0 || data === null || typeof data !== "object") return data;
  const [key, ...rest] = path as [PropertyKey, ...PropertyKey[]];
  if (Array.isArray(data)) {
    const copy = [...data];
    if (rest.length > 0) copy[Number(key)] = withoutAt(copy[Number(key)], rest);
    else copy.splice(Number(key), 1);
    return copy;
  }
  const copy: Record<PropertyKey, unknown> = { ...data };
  if (rest.length > 0) copy[key] = withoutAt(copy[key], rest);
  else delete copy[key];
  return copy;
}

/**
 * Validates `data` against `schema`, or throws `invalid_input` naming the first bad field. A field
 * the schema refuses only because it is `null` is dropped and the input checked again: where a
 * schema takes `null` (a due date, a cover, a label colour) it still means "clear it".
 */
export function check<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  assertCleanText(data, "input");
  let input = data;
  for (;;) {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const nulls = result.error.issues.filter((i) => i.path.length > 0 && valueAt(input, i.path) === null);
    if (nulls.length === 0) {
      const issue = result.error.issues[0]!;
      const field = issue.path.map(String).join(".");
      const message = field ? `${field}: ${issue.message}` : issue.message;
      throw new TackError(ErrorCode.invalidInput, message, field || undefined);
    }
    for (const issue of nulls) input = withoutAt(input, issue.path);
  }
}

export function input<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  return check(schema, rawInput(request));
}

/** A route parameter that must be a 24-hex id (or short link where allowed). */
export function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (value === undefined) throw new TackError(ErrorCode.invalidInput, `missing ${name}`, name);
  assertCleanText(value, name);
  return value;
}

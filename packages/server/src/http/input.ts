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
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
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
 * The first string or object key in `value` that is not clean text (or the place where nesting
 * goes deeper than anyone sends), with its path (`desc`, `checkItems.0.name`, …); null when all
 * of it is clean. The empty path names the value itself.
 */
export function firstUncleanText(value: unknown, path: string[] = [], depth = 0): Unclean | null {
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
  app.addHook("onRequest", async (request) => {
    assertCleanText(request.params, "path");
    assertCleanText(request.query, "query string");
  });
  app.addHook("preValidation", async (request) => {
    assertCleanText(request.body, "body");
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

/** Validates `data` against `schema`, or throws `invalid_input` naming the first bad field. */
export function check<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  assertCleanText(data, "input");
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".");
  const message = field ? `${field}: ${issue.message}` : issue.message;
  throw new TackError(ErrorCode.invalidInput, message, field || undefined);
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

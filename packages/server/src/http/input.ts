// Reading a request's input. Trello clients put parameters in the query string, a JSON body or a
// form body, so all three are merged (body wins), then checked against the route's one schema.
// Two habits of real clients are read the way they mean them
// (docs/decisions/0012-clients-trello-client-compatibility.md): a request that says
// `Content-Type: application/json` but sends no body (every DELETE of some clients) has an empty
// object for a body, and an explicit `null` for a field the route cannot take as null ("desc":
// null from a client that was not given one) means the field was not sent.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import secureJson from "secure-json-parse";
import type { z } from "zod";

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
  return value;
}

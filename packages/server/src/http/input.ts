// Reading a request's input. Trello clients put parameters in the query string, a JSON body or a
// form body, so all three are merged (body wins), then checked against the route's one schema.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";

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
  return value;
}

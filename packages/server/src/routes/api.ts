// Every API route is declared through this small registry: method, path, a one-line summary and
// the input schema. Handlers all look alike (authenticate → validate → authorize → command →
// present), and the same declarations generate the OpenAPI document at /1/openapi.json.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type Actor, memberIdOf } from "../auth/actor.ts";
import { deletedByMutation } from "../commands/replayed-deletion.ts";
import type { AppContext } from "../context.ts";
import { check, rawInput } from "../http/input.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Call<I> {
  readonly actor: Actor;
  readonly input: I;
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  /** The client mutation id (`X-Tack-Mutation-Id`), so a retried write is applied once. */
  readonly mutationId: string | null;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

interface Declared {
  method: Method;
  path: string;
  summary: string;
  input: z.ZodType | undefined;
}

export interface RouteOptions {
  /** Requests allowed per window per client address (login, signup). */
  rateLimit?: { max: number; timeWindow: number };
  /** A larger body limit for this route alone (the Trello import takes big files). */
  bodyLimit?: number;
}

const MUTATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

function mutationIdOf(request: FastifyRequest): string | null {
  const header = request.headers["x-tack-mutation-id"];
  if (header === undefined) return null;
  if (typeof header !== "string" || !MUTATION_ID.test(header)) {
    throw new TackError(
      ErrorCode.invalidInput,
      "X-Tack-Mutation-Id must be 8-64 letters, digits, _ or -",
      "X-Tack-Mutation-Id",
    );
  }
  return header;
}

export class Api {
  readonly declared: Declared[] = [];
  readonly http: FastifyInstance;
  readonly ctx: AppContext;

  constructor(http: FastifyInstance, ctx: AppContext) {
    this.http = http;
    this.ctx = ctx;
  }

  route<S extends z.ZodType | undefined>(
    method: Method,
    path: string,
    summary: string,
    input: S,
    handler: (call: Call<S extends z.ZodType ? z.output<S> : Record<string, unknown>>) => Promise<unknown>,
    options: RouteOptions = {},
  ): void {
    this.declared.push({ method, path, summary, input });
    this.http.route({
      method,
      url: path,
      config: options.rateLimit ? { rateLimit: options.rateLimit } : {},
      ...(options.bodyLimit !== undefined && { bodyLimit: options.bodyLimit }),
      handler: async (request, reply) => {
        const raw = rawInput(request);
        const parsed = input ? check(input, raw) : raw;
        const mutationId = method === "GET" ? null : mutationIdOf(request);
        const params = request.params as Record<string, string>;
        const result = await handler({
          actor: request.actor,
          input: parsed as never,
          params,
          query: (request.query ?? {}) as Record<string, unknown>,
          mutationId,
          request,
          reply,
        }).catch(async (error: unknown) => {
          // A retried delete whose first attempt already removed the object: answer as that did.
          const memberId = memberIdOf(request.actor);
          if (
            method === "DELETE" &&
            mutationId !== null &&
            memberId !== null &&
            error instanceof TackError &&
            error.code === ErrorCode.notFound &&
            (await deletedByMutation(this.ctx, memberId, mutationId, Object.values(params)))
          )
            return undefined;
          throw error;
        });
        // A handler that answered itself (a streamed download, a redirect) returns the reply, a
        // thenable that settles once the response is over: nothing is left to send.
        if (reply.sent || reply.raw.headersSent) return undefined;
        return result === undefined ? { _value: null } : result;
      },
    });
  }

  get(
    path: string,
    summary: string,
    handler: (call: Call<Record<string, unknown>>) => Promise<unknown>,
  ): void {
    this.route("GET", path, summary, undefined, handler);
  }
}

/** The OpenAPI 3.1 document of every declared route. */
export function openApiDocument(api: Api): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of api.declared) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const operation: Record<string, unknown> = {
      summary: route.summary,
      parameters,
      responses: {
        "200": { description: "OK" },
        "4XX": { description: "An error: {error, message, field?}" },
      },
    };
    if (route.input) {
      const schema = z.toJSONSchema(route.input, { io: "input", unrepresentable: "any" });
      operation.requestBody = {
        content: { "application/json": { schema }, "application/x-www-form-urlencoded": { schema } },
      };
    }
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tack API (Trello REST API v1 compatible)", version: "1" },
    components: {
      securitySchemes: {
        token: { type: "apiKey", in: "query", name: "token" },
        session: { type: "apiKey", in: "cookie", name: "tack_session" },
      },
    },
    security: [{ token: [] }, { session: [] }],
    paths,
  };
}

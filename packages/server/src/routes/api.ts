// Every API route is a spec (docs/decisions/0015-routes-route-spec.md): method, path (its params
// typed from the path), input schema, the access it needs, the handler and how its answer is
// presented. `Api.define` serves a spec over HTTP; `Api.dispatch` runs the same spec for a write
// that arrived over the WebSocket, with the socket's own actor: one pipeline for validation,
// authentication, authorization (permission before existence), token rate limits and the
// once-only client mutation id. The same specs generate the OpenAPI document at /1/openapi.json.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { BoardObjectKind, BoardObjectOf } from "@tack/shared/models";
import type { BoardPermission } from "@tack/shared/permissions";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import FindMyWay from "find-my-way";
import { z } from "zod";
import {
  type AuthorizedBoard,
  authorizeBoard,
  authorizeBoardRead,
  authorizeObject,
  authorizeObjectCached,
  movedSinceCached,
} from "../auth/access.ts";
import { type Actor, ANONYMOUS, type MemberActor, memberIdOf, requireMember } from "../auth/actor.ts";
import { deletedByMutation } from "../commands/replayed-deletion.ts";
import type { AppContext } from "../context.ts";
import { check, rawInput } from "../http/input.ts";
import type { TokenRateLimit } from "../http/token-rate-limit.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** `{ id: string; idCheckItem: string }` from "/1/cards/:id/checkItem/:idCheckItem". */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { readonly [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { readonly [K in Name]: string }
    : Record<never, string>;

type InputOf<S> = S extends z.ZodType ? z.output<S> : Record<string, unknown>;

/** Decides the permission from the call (a board update that touches prefs needs admin). */
export type PermissionOf = (call: {
  params: Record<string, string>;
  input: Record<string, unknown>;
  me: MemberActor | null;
}) => BoardPermission;

/** What a route needs before its handler runs. */
export type Access =
  /** No one in particular (login, health, a member profile by username). */
  | { readonly who: "anyone" }
  /** The handler checks it itself (the older `api.route` declarations). */
  | { readonly who: "handler" }
  /** A signed-in person (their own tokens, boards, stars). */
  | { readonly who: "member" }
  /**
   * A permission on a board object named by the param (else input field) `id` (default "id");
   * `cached`: the handler needs only the object's id and board, which (with the access) may come
   * from the process's access cache (auth/access.ts `authorizeObjectCached`), and writes nothing
   * when it fails (one transaction): it may be run again once if the object moved boards.
   */
  | {
      readonly object: BoardObjectKind;
      readonly id?: string;
      readonly permission: BoardPermission | PermissionOf;
      readonly cached?: true;
    }
  /**
   * A permission on a board named by the param (else input field) `id` (default "id"); `cached`:
   * a read may be authorized from the process's access cache (auth/access.ts `authorizeBoardRead`).
   */
  | {
      readonly board: true;
      readonly id?: string;
      readonly permission: BoardPermission | PermissionOf;
      readonly cached?: true;
    };

/** The person, known to be signed in on every write and on `who: "member"` routes. */
type MeOf<M extends Method, A> = A extends { who: "anyone" | "handler" }
  ? null
  : M extends "GET"
    ? A extends { who: "member" }
      ? MemberActor
      : null
    : MemberActor;

type TargetOf<A> = A extends { object: BoardObjectKind; cached: true }
  ? AuthorizedBoard & { object: { readonly id: string } }
  : A extends { object: infer K extends BoardObjectKind }
    ? AuthorizedBoard & { object: BoardObjectOf[K] }
    : A extends { board: true }
      ? AuthorizedBoard
      : null;

/** The HTTP exchange, for the few routes that stream, set cookies or headers; null over the socket. */
export interface HttpExchange {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** The HTTP exchange of a route that needs it (declared `httpOnly`, so the socket never runs it). */
export function exchangeOf(call: { readonly http: HttpExchange | null }): HttpExchange {
  if (call.http === null) throw new TackError(ErrorCode.invalidInput, "Send this request over HTTP");
  return call.http;
}

export interface SpecCall<M extends Method, P, I, A> {
  readonly actor: Actor;
  readonly me: MeOf<M, A>;
  /** The authorized board (and object) the access names. */
  readonly target: TargetOf<A>;
  readonly params: P;
  readonly input: I;
  readonly query: Record<string, unknown>;
  /** The client mutation id (`X-Tack-Mutation-Id`, or the socket frame's id): applied once. */
  readonly mutationId: string | null;
  readonly http: HttpExchange | null;
}

export interface RouteOptions {
  /** Requests allowed per window per client address (login, signup). */
  rateLimit?: { max: number; timeWindow: number };
  /** A larger body limit for this route alone (the Trello import takes big files). */
  bodyLimit?: number;
}

export interface RouteSpec<M extends Method, Path extends string, S extends z.ZodType | undefined, A, R>
  extends RouteOptions {
  readonly method: M;
  readonly path: Path;
  readonly summary: string;
  readonly input?: S;
  readonly access: A;
  readonly handler: (call: SpecCall<M, PathParams<Path>, InputOf<S>, A>) => Promise<R>;
  /** Turns the handler's result (often an id) into the answer. */
  readonly present?: (result: R, call: SpecCall<M, PathParams<Path>, InputOf<S>, A>) => Promise<unknown>;
  /** The route needs the HTTP request itself (multipart upload): the socket refuses it. */
  readonly httpOnly?: boolean;
  /**
   * The handler applies the text rule to its body itself, naming places in its own terms (the
   * Trello import: `cards.3.desc`, NUL removed with a warning), so the generic body check stands aside.
   */
  readonly checksOwnText?: boolean;
}

/** A spec with its types erased, as the registry keeps it. */
interface Declared {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly input: z.ZodType | undefined;
  readonly access: Access;
  readonly httpOnly: boolean;
  run(
    call: Omit<SpecCall<Method, never, unknown, never>, "me" | "target" | "params" | "input">,
    raw: RawCall,
  ): Promise<unknown>;
}

interface RawCall {
  readonly params: Record<string, string | undefined>;
  readonly input: Record<string, unknown>;
}

/** The legacy call shape (`api.route`): params by name, the HTTP exchange always present. */
export interface Call<I> {
  readonly actor: Actor;
  readonly input: I;
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly mutationId: string | null;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** A write that arrived over the socket. */
export interface SocketWrite {
  readonly actor: Actor;
  readonly method: Exclude<Method, "GET">;
  /** Path with an optional query string, as a client would request it. */
  readonly path: string;
  readonly body: Record<string, unknown> | undefined;
  readonly mutationId: string;
}

const MUTATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

function checkMutationId(value: unknown): string {
  if (typeof value !== "string" || !MUTATION_ID.test(value)) {
    throw new TackError(
      ErrorCode.invalidInput,
      "X-Tack-Mutation-Id must be 8-64 letters, digits, _ or -",
      "X-Tack-Mutation-Id",
    );
  }
  return value;
}

function mutationIdOf(request: FastifyRequest): string | null {
  const header = request.headers["x-tack-mutation-id"];
  return header === undefined ? null : checkMutationId(header);
}

export class Api {
  readonly declared: Declared[] = [];
  readonly http: FastifyInstance;
  readonly ctx: AppContext;
  readonly tokenRateLimit: TokenRateLimit;
  /** The same router Fastify uses, with the same options, to find a socket write's spec. */
  private readonly router = FindMyWay<FindMyWay.HTTPVersion.V1>({
    caseSensitive: false,
    ignoreTrailingSlash: true,
  });

  constructor(http: FastifyInstance, ctx: AppContext, tokenRateLimit: TokenRateLimit) {
    this.http = http;
    this.ctx = ctx;
    this.tokenRateLimit = tokenRateLimit;
  }

  /** Declares a route: served over HTTP, dispatched from the socket, listed in the OpenAPI document. */
  define<M extends Method, Path extends string, S extends z.ZodType | undefined, const A extends Access, R>(
    spec: RouteSpec<M, Path, S, A, R>,
  ): void {
    const { ctx } = this;
    const access: Access = spec.access;
    const declared: Declared = {
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      input: spec.input,
      access,
      httpOnly: spec.httpOnly ?? false,
      run: async (base, raw) => {
        const input = spec.input ? check(spec.input, raw.input) : raw.input;
        const params = raw.params as Record<string, string>;
        // The order of checks: the input, then who you are, then what you may do (permission before
        // existence: authorize* answers an unreadable id like a missing one).
        const needsMember =
          !("who" in access && access.who !== "member") &&
          (spec.method !== "GET" || ("who" in access && access.who === "member"));
        const me = needsMember ? requireMember(base.actor) : null;
        /** Where the target came from the access cache: what a retry needs to check it. */
        const fromCache: { target: { kind: BoardObjectKind; id: string; boardId: string } | null } = {
          target: null,
        };
        const proceed = async (useCache: boolean): Promise<unknown> => {
          let target: AuthorizedBoard | null = null;
          if ("object" in access || "board" in access) {
            const name = access.id ?? "id";
            const id = raw.params[name] ?? (input as Record<string, unknown>)[name];
            if (typeof id !== "string") throw new TackError(ErrorCode.invalidInput, `missing ${name}`, name);
            const permission =
              typeof access.permission === "function"
                ? access.permission({ params, input: input as Record<string, unknown>, me })
                : access.permission;
            if ("object" in access && access.cached && useCache) {
              const found = await authorizeObjectCached(ctx, base.actor, access.object, id, permission);
              if (found.fromCache) fromCache.target = { kind: access.object, id, boardId: found.boardId };
              target = found;
            } else
              target =
                "object" in access
                  ? await authorizeObject(ctx, base.actor, access.object, id, permission)
                  : "cached" in access && access.cached && permission === "read"
                    ? await authorizeBoardRead(ctx, base.actor, id)
                    : await authorizeBoard(ctx, base.actor, id, permission);
          }
          const call = { ...base, me, target, params, input } as unknown as SpecCall<
            M,
            PathParams<Path>,
            InputOf<S>,
            A
          >;
          const result = await spec.handler(call);
          // The write is done: a later "not found" (the answer's read) is not the cache's doing,
          // and running the write again would write it twice.
          fromCache.target = null;
          return spec.present ? spec.present(result, call) : result;
        };
        try {
          try {
            return await proceed(true);
          } catch (error) {
            // The object left the board its cache entry named (moved to another board): the
            // handler failed before writing, so it runs again on a fresh read of where it is now.
            const stale = fromCache.target;
            if (
              stale !== null &&
              error instanceof TackError &&
              error.code === ErrorCode.notFound &&
              (await movedSinceCached(ctx, base.actor, stale.kind, stale.id, stale.boardId))
            )
              return await proceed(false);
            throw error;
          }
        } catch (error) {
          // A retried delete whose first attempt already removed the object: answer as that did.
          const memberId = memberIdOf(base.actor);
          if (
            spec.method === "DELETE" &&
            base.mutationId !== null &&
            memberId !== null &&
            error instanceof TackError &&
            error.code === ErrorCode.notFound &&
            (await deletedByMutation(ctx, memberId, base.mutationId, Object.values(params)))
          )
            return undefined;
          throw error;
        }
      },
    };
    this.declared.push(declared);
    this.router.on(spec.method, spec.path, () => undefined, { declared });
    this.http.route({
      method: spec.method,
      url: spec.path,
      config: {
        ...(spec.rateLimit && { rateLimit: spec.rateLimit }),
        ...(spec.checksOwnText && { checksOwnText: true }),
      },
      ...(spec.bodyLimit !== undefined && { bodyLimit: spec.bodyLimit }),
      handler: async (request, reply) => {
        const raw = rawInput(request);
        const result = await declared.run(
          {
            actor: request.actor,
            query: (request.query ?? {}) as Record<string, unknown>,
            mutationId: spec.method === "GET" ? null : mutationIdOf(request),
            http: { request, reply },
          },
          { params: request.params as Record<string, string>, input: raw },
        );
        // A handler that answered itself (a streamed download, a redirect) returns the reply, a
        // thenable that settles once the response is over: nothing is left to send.
        if (reply.sent || reply.raw.headersSent) return undefined;
        return result === undefined ? { _value: null } : result;
      },
    });
  }

  /**
   * Runs a socket write through its route spec with the socket's actor: the same input checks,
   * permissions, token rate limit and mutation id as over HTTP. Answers the status and body HTTP
   * would have; throws what HTTP would have turned into an error answer.
   */
  async dispatch(write: SocketWrite): Promise<{ status: number; body: unknown }> {
    const [pathname = "", search = ""] = write.path.split("?", 2);
    const found = this.router.find(write.method, pathname);
    const declared = (found?.store as { declared: Declared } | undefined)?.declared;
    if (!found || !declared)
      throw new TackError(ErrorCode.notFound, `No route for ${write.method} ${pathname}`);
    if (declared.httpOnly)
      throw new TackError(ErrorCode.invalidInput, `Send ${write.method} ${declared.path} over HTTP`);
    const actor = await this.stillSignedIn(write.actor);
    if (actor.kind === "member" && actor.via === "token") this.tokenRateLimit.take(actor.tokenId);
    const query = Object.fromEntries(new URLSearchParams(search));
    const result = await declared.run(
      { actor, query, mutationId: checkMutationId(write.mutationId), http: null },
      { params: found.params, input: { ...query, ...write.body } },
    );
    return { status: 200, body: result === undefined ? { _value: null } : result };
  }

  /**
   * A socket lives longer than a request: its session may have expired (or been removed where the
   * news has not reached this process yet) since it opened. Such a write runs as nobody, as the same
   * cookie would over HTTP. Token revocation closes the token's sockets (realtime/socket-server.ts).
   */
  private async stillSignedIn(actor: Actor): Promise<Actor> {
    if (actor.kind !== "member" || actor.via !== "session") return actor;
    const { credentials, store } = this.ctx;
    let session = credentials.session(actor.sessionHash) ?? null;
    if (!session) {
      session = await store.sessionByHash(actor.sessionHash);
      if (session) credentials.rememberSession(actor.sessionHash, session);
    }
    return session && session.expiresAt >= Date.now() ? actor : ANONYMOUS;
  }

  /**
   * The older declaration (routes that need the HTTP exchange, or not yet written as specs): no
   * access declared, the handler authorizes itself, and the socket refuses it.
   */
  route<S extends z.ZodType | undefined>(
    method: Method,
    path: string,
    summary: string,
    input: S,
    handler: (call: Call<InputOf<S>>) => Promise<unknown>,
    options: RouteOptions = {},
  ): void {
    this.define({
      method,
      path,
      summary,
      input,
      access: { who: "handler" },
      httpOnly: true,
      ...options,
      handler: ({ actor, input: parsed, params, query, mutationId, http }) =>
        handler({
          actor,
          input: parsed as InputOf<S>,
          params: params as Record<string, string>,
          query,
          mutationId,
          request: http!.request,
          reply: http!.reply,
        }),
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

/** Declares `PUT <path>/<field>` for each field: `{value}` checked as `{[field]: value}` by `schema`. */
export function singleFieldRoutes<
  Path extends string,
  F extends string,
  U extends z.ZodType,
  const A extends Access,
  R,
>(
  api: Api,
  options: {
    path: Path;
    noun: string;
    fields: readonly F[];
    schema: U;
    /** The key each field is checked under (`prefs/background` for the board's prefs). */
    key?: (field: F) => string;
    /** The summary in the OpenAPI document (default: "Set the <noun>'s <field>"). */
    summary?: (field: F) => string;
    access: (field: F) => A;
    handler: (call: SpecCall<"PUT", PathParams<Path>, z.output<U>, A>) => Promise<R>;
    present?: (result: R, call: SpecCall<"PUT", PathParams<Path>, z.output<U>, A>) => Promise<unknown>;
  },
): void {
  for (const field of options.fields) {
    const key = options.key ? options.key(field) : field;
    // Checked before authorization, with the error naming `value`, as the copies did.
    const input = z.object({ value: z.unknown() }).transform((raw, issues) => {
      const parsed = options.schema.safeParse({ [key]: raw.value });
      if (parsed.success) return parsed.data as z.output<U>;
      issues.addIssue({
        code: "custom",
        message: parsed.error.issues[0]!.message,
        path: ["value"],
        input: raw,
      });
      return z.NEVER;
    });
    api.define({
      method: "PUT",
      path: `${options.path}/${field}`,
      summary: options.summary ? options.summary(field) : `Set the ${options.noun}'s ${field}`,
      input,
      access: options.access(field),
      handler: options.handler,
      ...(options.present && { present: options.present }),
    } as never);
  }
}

function accessDoc(access: Access): Record<string, unknown> {
  if ("who" in access) return { "x-tack-access": access.who };
  const permission = typeof access.permission === "function" ? "depends on input" : access.permission;
  return {
    "x-tack-access": "object" in access ? access.object : "board",
    "x-tack-permission": permission,
  };
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
      ...accessDoc(route.access),
      ...(route.httpOnly ? {} : { "x-tack-socket": true }),
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

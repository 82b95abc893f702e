// Who is opening a socket, decided before the WebSocket handshake completes: the same session
// cookie or API token as HTTP (auth/authenticate.ts), anonymous allowed (public boards). A
// cookie-authenticated socket must come from one of our Origins (a page elsewhere could otherwise
// open a socket with the person's cookie): refused with 403 before the upgrade. Everything else
// that is wrong is said after the upgrade with a close code, which a browser can read.
import type { IncomingMessage } from "node:http";
import { ErrorCode, TackError } from "@tack/shared/errors";
import { CloseCode, PROTOCOL_VERSION } from "@tack/shared/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.ts";
import { apiTokenOf, resolveActor } from "../auth/authenticate.ts";
import { configuredOrigins, originAllowed } from "../auth/origin.ts";
import type { AppContext } from "../context.ts";

export type Admission =
  | { kind: "refuse"; status: 403; reason: string }
  /** Upgrade, then close at once with this code (the client can see why). */
  | { kind: "close"; code: number; reason: string }
  | { kind: "admit"; actor: Actor; credentials: Record<string, string> };

export async function admit(
  ctx: AppContext,
  http: FastifyInstance,
  request: IncomingMessage,
): Promise<Admission> {
  const url = new URL(request.url ?? "/", "http://socket");
  const cookies = http.parseCookie(request.headers.cookie ?? "");
  // resolveActor reads only headers, query and cookies: give it those.
  const asRequest = { headers: request.headers, query: Object.fromEntries(url.searchParams), cookies };
  let actor: Actor;
  try {
    actor = await resolveActor(ctx, asRequest as unknown as FastifyRequest);
  } catch (error) {
    if (error instanceof TackError && error.code === ErrorCode.unauthenticated)
      return { kind: "close", code: CloseCode.unauthenticated, reason: "Invalid token: log in again" };
    throw error;
  }
  const origin = request.headers.origin;
  if (
    actor.kind === "member" &&
    actor.via === "session" &&
    origin !== undefined &&
    !originAllowed(ctx, configuredOrigins(ctx), origin, request.headers.host)
  )
    return { kind: "refuse", status: 403, reason: `Origin ${origin} may not open a socket here` };
  if (url.searchParams.get("v") !== String(PROTOCOL_VERSION))
    return {
      kind: "close",
      code: CloseCode.unsupportedVersion,
      reason: `This server speaks protocol v${PROTOCOL_VERSION}: reload the page`,
    };
  return { kind: "admit", actor, credentials: credentialsOf(actor, asRequest as unknown as FastifyRequest) };
}

/** The headers that make a tunnelled mutation act as this socket's person. */
function credentialsOf(actor: Actor, request: FastifyRequest): Record<string, string> {
  if (actor.kind === "anonymous") return {};
  if (actor.via === "token") return { authorization: `OAuth oauth_token="${apiTokenOf(request)}"` };
  return { cookie: request.headers.cookie ?? "", "x-csrf-token": actor.csrfToken };
}

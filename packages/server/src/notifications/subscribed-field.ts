// Trello's `subscribed` field on reads of one board, list or card: whether the person asking
// watches it (unless `fields` leaves it out). Added to the answer of those three GET routes after they authorized the read, so the
// route files stay as they are; anonymous readers get no field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { settleHook } from "../http/settle-hook.ts";
import type { Store } from "../store/store.ts";

const ROUTES = new Set(["/1/boards/:id", "/1/lists/:id", "/1/cards/:id"]);

export function addSubscribedField(http: FastifyInstance, store: Store): void {
  // A callback hook: only these reads wait for the store, not every answer (issue 16).
  http.addHook("preSerialization", (request, reply, payload: unknown, done) => {
    const asked = watchedQuestion(request, reply, payload);
    if (asked === null) {
      done(null, payload);
      return;
    }
    const answered = store.notify
      .watchedBy(asked.memberId, [asked.id])
      .then((watched) => ({ ...(payload as object), subscribed: watched.has(asked.id) }));
    settleHook(request, answered, done, "answering a read's subscribed field");
  });
}

/** Who asks and the id of the object their read answers, when its `subscribed` field is theirs to get. */
function watchedQuestion(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): { memberId: string; id: string } | null {
  if (request.method !== "GET" || reply.statusCode !== 200 || !ROUTES.has(request.routeOptions.url ?? ""))
    return null;
  if (request.actor.kind !== "member" || !payload || typeof payload !== "object") return null;
  // With `fields=…`, only when asked for (Trello's field selection).
  const fields = (request.query as { fields?: unknown } | undefined)?.fields;
  if (typeof fields === "string" && fields !== "all" && !fields.split(",").includes("subscribed"))
    return null;
  const object = payload as { id?: unknown };
  return typeof object.id === "string" ? { memberId: request.actor.memberId, id: object.id } : null;
}

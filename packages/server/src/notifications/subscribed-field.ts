// Trello's `subscribed` field on reads of one board, list or card: whether the person asking
// watches it (unless `fields` leaves it out). Added to the answer of those three GET routes after they authorized the read, so the
// route files stay as they are; anonymous readers get no field.
import type { FastifyInstance } from "fastify";
import type { Store } from "../store/store.ts";

const ROUTES = new Set(["/1/boards/:id", "/1/lists/:id", "/1/cards/:id"]);

export function addSubscribedField(http: FastifyInstance, store: Store): void {
  http.addHook("preSerialization", async (request, reply, payload: unknown) => {
    if (request.method !== "GET" || reply.statusCode !== 200 || !ROUTES.has(request.routeOptions.url ?? ""))
      return payload;
    if (request.actor.kind !== "member" || !payload || typeof payload !== "object") return payload;
    // With `fields=…`, only when asked for (Trello's field selection).
    const fields = (request.query as { fields?: unknown } | undefined)?.fields;
    if (typeof fields === "string" && fields !== "all" && !fields.split(",").includes("subscribed"))
      return payload;
    const object = payload as { id?: unknown };
    if (typeof object.id !== "string") return payload;
    const watched = await store.notify.watchedBy(request.actor.memberId, [object.id]);
    return { ...object, subscribed: watched.has(object.id) };
  });
}
